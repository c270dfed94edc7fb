/** What the dashboard calls each site status and kind (DESIGN §3). */
import type { SiteKind, SiteStatus } from '../../../shared/enums';

export const SITE_STATUS_LABELS: Record<SiteStatus, string> = {
  preparing: 'Preparing',
  active: 'Active',
  standby: 'Standby',
  suspended: 'Suspended',
  closed: 'Closed',
};

/** One line on what the status means for intake, for screen readers and hover. */
export const SITE_STATUS_DESCRIPTIONS: Record<SiteStatus, string> = {
  preparing: 'Being set up, not taking people yet',
  active: 'Taking people',
  standby: 'Reserve, can be opened at short notice',
  suspended: 'No new intake',
  closed: 'Closed',
};

export const SITE_KIND_LABELS: Record<SiteKind, string> = {
  hotel: 'Hotel',
  dormitory: 'Dormitory',
  purpose_built: 'Purpose-built',
};
