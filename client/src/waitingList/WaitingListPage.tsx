import { useState } from 'react';
import type { PolicyDocument } from '../../../shared/policy';
import type { WaitingListDto } from '../../../shared/placementDto';
import { apiMessages } from '../api/messages';
import { ProblemPanel } from '../api/ProblemPanel';
import { constraintText } from '../api/problemText';
import { dataOf, useApiGet } from '../api/useApiGet';
import { useFormat } from '../format';
import { useMessages } from '../i18n/localeContext';
import { domainMessages } from '../placement/domainMessages';
import { useRealtime, useRealtimeEvent } from '../realtime/realtimeContext';
import { waitingListMessages } from './messages';
import { waitParts, waitShape } from './waitingTime';
import './waitingList.css';

/**
 * Parties waiting for a room, in placement order, with how long each has waited. Live: reloads
 * on `waitingList.changed` and when the server says messages may have been missed.
 */
export function WaitingListPage() {
  const t = useMessages(waitingListMessages);
  const d = useMessages(domainMessages);
  const tApi = useMessages(apiMessages);
  const f = useFormat();
  const { snapshotGeneration } = useRealtime();
  const [changes, setChanges] = useState(0);
  useRealtimeEvent('waitingList.changed', () => setChanges((n) => n + 1));
  const { state, reload } = useApiGet<WaitingListDto>(
    '/api/waiting-list',
    `${snapshotGeneration}:${changes}`,
  );
  // The policy's alert threshold marks long waits in words, as GET /api/alerts does.
  const policy = dataOf(useApiGet<PolicyDocument>('/api/policy').state);
  const list = dataOf(state);

  const wait = (minutes: number) => {
    const parts = waitParts(minutes);
    return t(`wait.${waitShape(parts)}`, {
      days: f.count(parts.days),
      hours: f.count(parts.hours),
      minutes: f.count(parts.minutes),
    });
  };

  return (
    <section className="page waiting-list" aria-labelledby="waiting-heading">
      <div className="page-head">
        <div>
          <h2 id="waiting-heading" className="page-head__title">
            {t('title')}
          </h2>
          <p className="page-head__meta">
            {list && list.data.length > 0
              ? t('summary', {
                  count: f.count(list.data.length),
                  longest: wait(list.longestWaitMinutes),
                })
              : t('intro')}
          </p>
        </div>
        <div className="page-head__actions">
          <span className="refresh-status" role="status">
            {state.status === 'loading' && list ? t('refreshing') : ''}
          </span>
          <button type="button" className="button" onClick={reload}>
            {t('refresh')}
          </button>
        </div>
      </div>

      {state.status === 'error' ? (
        <ProblemPanel error={state.error} onRetry={reload} />
      ) : !list ? (
        <div className="panel panel--loading" role="status">
          <span className="spinner" aria-hidden="true" />
          {t('loading')}
        </div>
      ) : list.data.length === 0 ? (
        <div className="panel panel--empty">
          <h3 className="panel__title">{t('empty')}</h3>
          <p className="panel__text">{t('emptyText')}</p>
        </div>
      ) : (
        <div className="table-frame">
          <table className="waiting-table">
            <caption className="visually-hidden">{t('caption')}</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  {t('position')}
                </th>
                <th scope="col">{t('party')}</th>
                <th scope="col">{t('category')}</th>
                <th scope="col" className="num">
                  {t('people')}
                </th>
                <th scope="col">{t('waiting')}</th>
                <th scope="col">{t('reason')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((entry) => {
                const long =
                  policy !== null && entry.waitingMinutes > policy.alerts.waitingOverMinutes;
                return (
                  <tr key={entry.id} className={long ? 'is-long' : undefined}>
                    <td className="num">{f.count(entry.position)}</td>
                    <th scope="row">{t('partyId', { id: entry.partyId })}</th>
                    <td>{d(`category.${entry.category}`)}</td>
                    <td className="num">{f.count(entry.people)}</td>
                    <td>
                      <time dateTime={`PT${entry.waitingMinutes}M`}>
                        {wait(entry.waitingMinutes)}
                      </time>
                      {long && <span className="long-wait">⚠ {t('longWait')}</span>}
                    </td>
                    <td className="waiting-table__reason">
                      {entry.reason === null
                        ? t('noReason')
                        : constraintText(tApi, entry.constraint)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
