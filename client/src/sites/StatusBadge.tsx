import type { SiteStatus } from '../../../shared/enums';
import { SITE_STATUS_DESCRIPTIONS, SITE_STATUS_LABELS } from './siteLabels';

/** A site's status as a coloured badge that always spells the status out. */
export function StatusBadge({ status }: { status: SiteStatus }) {
  return (
    <span className={`badge badge--${status}`} title={SITE_STATUS_DESCRIPTIONS[status]}>
      <span className="badge__dot" aria-hidden="true" />
      {SITE_STATUS_LABELS[status]}
    </span>
  );
}
