import type { SiteStatus } from '../../../shared/enums';
import { useMessages } from '../i18n/localeContext';
import { sitesMessages } from './messages';
import { SITE_STATUS_HINT_KEYS, SITE_STATUS_LABEL_KEYS } from './siteLabels';

/** A site's status as a coloured badge that always spells the status out. */
export function StatusBadge({ status }: { status: SiteStatus }) {
  const t = useMessages(sitesMessages);
  return (
    <span className={`badge badge--${status}`} title={t(SITE_STATUS_HINT_KEYS[status])}>
      <span className="badge__dot" aria-hidden="true" />
      {t(SITE_STATUS_LABEL_KEYS[status])}
    </span>
  );
}
