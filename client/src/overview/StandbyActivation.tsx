import { useState } from 'react';
import type { SiteWithOccupancyDto } from '../../../shared/dto';
import { changeSiteStatus } from '../api/admin';
import type { Action } from '../admin/useAction';
import { useFormat } from '../format';
import { useMessages } from '../i18n/localeContext';
import { overviewMessages } from './messages';

interface Props {
  site: SiteWithOccupancyDto;
  action: Action;
  onActivated: () => void;
}

/**
 * Opens a standby site for intake, in two steps: the button, then a confirmation that says how
 * many beds it adds and how long it takes to open. Other sites get no control.
 */
export function StandbyActivation({ site, action, onActivated }: Props) {
  const t = useMessages(overviewMessages);
  const { count } = useFormat();
  const [confirming, setConfirming] = useState(false);
  if (site.status !== 'standby') return null;
  if (!confirming) {
    return (
      <button type="button" className="button button--small" onClick={() => setConfirming(true)}>
        {t('activate')} <span className="visually-hidden">{site.code}</span>
      </button>
    );
  }
  async function activate() {
    const done = await action.run(
      () => changeSiteStatus(site.id, 'activate'),
      () => t('activated', { code: site.code }),
    );
    setConfirming(false);
    if (done) onActivated();
  }
  return (
    <span
      className="confirm-inline"
      role="group"
      aria-label={t('activateConfirm', { code: site.code })}
    >
      <span>
        {t('activateConfirmText', {
          beds: count(site.occupancy.free),
          hours: count(site.activationLeadHours ?? 0),
        })}
      </span>
      <button
        type="button"
        className="button button--small button--primary"
        aria-disabled={action.busy}
        onClick={action.busy ? undefined : () => void activate()}
      >
        {t('activateYes')}
      </button>
      <button type="button" className="button button--small" onClick={() => setConfirming(false)}>
        {t('activateNo')}
      </button>
    </span>
  );
}
