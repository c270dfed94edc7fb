/** Which catalog entries name each site status and kind (DESIGN §3). */
import type { SiteKind, SiteStatus } from '../../../shared/enums';
import type { SitesMessageKey } from './messages';

export const SITE_STATUS_LABEL_KEYS: Record<SiteStatus, SitesMessageKey> = {
  preparing: 'statusPreparing',
  active: 'statusActive',
  standby: 'statusStandby',
  suspended: 'statusSuspended',
  closed: 'statusClosed',
};

/** One line on what the status means for intake, for screen readers and hover. */
export const SITE_STATUS_HINT_KEYS: Record<SiteStatus, SitesMessageKey> = {
  preparing: 'statusHintPreparing',
  active: 'statusHintActive',
  standby: 'statusHintStandby',
  suspended: 'statusHintSuspended',
  closed: 'statusHintClosed',
};

export const SITE_KIND_LABEL_KEYS: Record<SiteKind, SitesMessageKey> = {
  hotel: 'kindHotel',
  dormitory: 'kindDormitory',
  purpose_built: 'kindPurposeBuilt',
};
