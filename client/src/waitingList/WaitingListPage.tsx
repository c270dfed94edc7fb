import { useState, type ReactNode } from 'react';
import type { Category } from '../../../shared/enums';
import type { PolicyDocument } from '../../../shared/policy';
import type { ExpiredListDto, WaitingListDto } from '../../../shared/placementDto';
import { apiMessages } from '../api/messages';
import { ProblemPanel } from '../api/ProblemPanel';
import { waitingReasonText } from '../api/problemText';
import { dataOf, useApiGet, type ResourceState } from '../api/useApiGet';
import { useFormat } from '../format';
import { useMessages } from '../i18n/localeContext';
import { routeHref } from '../navigation/route';
import { domainMessages } from '../placement/domainMessages';
import { useRealtime, useRealtimeEvent } from '../realtime/realtimeContext';
import { EmptyPanel, LoadingPanel } from '../ui/StatePanels';
import { waitingListMessages } from './messages';
import { waitParts, waitShape } from './waitingTime';
import './waitingList.css';

export type WaitingListTab = 'waiting' | 'expired';

/**
 * Parties waiting for a room, in placement order, with how long each has waited; and, on a tab of
 * their own, those that left the list because their quarantine ended first (home follow-up).
 * Live: reloads on `waitingList.changed` and when the server says messages may have been missed.
 */
export function WaitingListPage({ tab }: { tab: WaitingListTab }) {
  const { snapshotGeneration } = useRealtime();
  const [changes, setChanges] = useState(0);
  useRealtimeEvent('waitingList.changed', () => setChanges((n) => n + 1));
  const refreshKey = `${snapshotGeneration}:${changes}`;
  return tab === 'expired' ? (
    <ExpiredEntries refreshKey={refreshKey} />
  ) : (
    <WaitingEntries refreshKey={refreshKey} />
  );
}

/** A wait in minutes in words: "3 d 4 h", "4 h 12 min", "12 min". */
function useWaitText(): (minutes: number) => string {
  const t = useMessages(waitingListMessages);
  const f = useFormat();
  return (minutes) => {
    const parts = waitParts(minutes);
    return t(`wait.${waitShape(parts)}`, {
      days: f.count(parts.days),
      hours: f.count(parts.hours),
      minutes: f.count(parts.minutes),
    });
  };
}

/**
 * The page's frame: heading, a line about what is shown, refresh, the two tabs, then the list's
 * table (or its loading, empty or error state).
 */
function Frame<T extends { data: readonly unknown[] }>({
  tab,
  state,
  reload,
  meta,
  empty,
  table,
}: {
  tab: WaitingListTab;
  state: ResourceState<T>;
  reload: () => void;
  meta: string;
  empty: { title: string; text: string };
  table: { className: string; caption: string; head: ReactNode; rows: (data: T) => ReactNode };
}) {
  const t = useMessages(waitingListMessages);
  const data = dataOf(state);
  const tabs: { tab: WaitingListTab; label: 'tabWaiting' | 'tabExpired' }[] = [
    { tab: 'waiting', label: 'tabWaiting' },
    { tab: 'expired', label: 'tabExpired' },
  ];
  let body: ReactNode;
  if (state.status === 'error') body = <ProblemPanel error={state.error} onRetry={reload} />;
  else if (data === null) {
    body = <LoadingPanel label={t(tab === 'expired' ? 'loadingExpired' : 'loading')} />;
  } else if (data.data.length === 0) body = <EmptyPanel title={empty.title} text={empty.text} />;
  else {
    body = (
      <div className="table-frame">
        <table className={table.className}>
          <caption className="visually-hidden">{table.caption}</caption>
          <thead>
            <tr>{table.head}</tr>
          </thead>
          <tbody>{table.rows(data)}</tbody>
        </table>
      </div>
    );
  }
  return (
    <section className="page waiting-list" aria-labelledby="waiting-heading">
      <div className="page-head">
        <div>
          <h2 id="waiting-heading" className="page-head__title">
            {t('title')}
          </h2>
          <p className="page-head__meta">{meta}</p>
        </div>
        <div className="page-head__actions">
          <span className="refresh-status" role="status">
            {state.status === 'loading' && data ? t('refreshing') : ''}
          </span>
          <button type="button" className="button" onClick={reload}>
            {t('refresh')}
          </button>
        </div>
      </div>
      <nav className="page-tabs" aria-label={t('tabs')}>
        {tabs.map((item) => (
          <a
            key={item.tab}
            className="page-tabs__link"
            href={routeHref(
              item.tab === 'expired'
                ? { view: 'waitingList', tab: 'expired' }
                : { view: 'waitingList' },
            )}
            aria-current={item.tab === tab ? 'page' : undefined}
          >
            {t(item.label)}
          </a>
        ))}
      </nav>
      {body}
    </section>
  );
}

/** The columns both lists start with: the party, its category, its people. */
function PartyHeads() {
  const t = useMessages(waitingListMessages);
  return (
    <>
      <th scope="col">{t('party')}</th>
      <th scope="col">{t('category')}</th>
      <th scope="col" className="num">
        {t('people')}
      </th>
    </>
  );
}

function PartyCells({ entry }: { entry: { partyId: number; category: Category; people: number } }) {
  const t = useMessages(waitingListMessages);
  const d = useMessages(domainMessages);
  const f = useFormat();
  return (
    <>
      <th scope="row">{t('partyId', { id: entry.partyId })}</th>
      <td>{d(`category.${entry.category}`)}</td>
      <td className="num">{f.count(entry.people)}</td>
    </>
  );
}

function WaitingEntries({ refreshKey }: { refreshKey: string }) {
  const t = useMessages(waitingListMessages);
  const tApi = useMessages(apiMessages);
  const f = useFormat();
  const wait = useWaitText();
  const { state, reload } = useApiGet<WaitingListDto>('/api/waiting-list', refreshKey);
  // The policy's alert threshold marks long waits in words, as GET /api/alerts does.
  const policy = dataOf(useApiGet<PolicyDocument>('/api/policy').state);
  const list = dataOf(state);
  const meta =
    list && list.data.length > 0
      ? t('summary', { count: f.count(list.data.length), longest: wait(list.longestWaitMinutes) })
      : t('intro');
  const head = (
    <>
      <th scope="col" className="num">
        {t('position')}
      </th>
      <PartyHeads />
      <th scope="col">{t('waiting')}</th>
      <th scope="col">{t('reason')}</th>
    </>
  );
  return (
    <Frame
      tab="waiting"
      state={state}
      reload={reload}
      meta={meta}
      empty={{ title: t('empty'), text: t('emptyText') }}
      table={{
        className: 'waiting-table',
        caption: t('caption'),
        head,
        rows: (loaded) =>
          loaded.data.map((entry) => {
            const long = policy !== null && entry.waitingMinutes > policy.alerts.waitingOverMinutes;
            return (
              <tr key={entry.id} className={long ? 'is-long' : undefined}>
                <td className="num">{f.count(entry.position)}</td>
                <PartyCells entry={entry} />
                <td>
                  <time dateTime={`PT${entry.waitingMinutes}M`}>{wait(entry.waitingMinutes)}</time>
                  {long && <span className="long-wait">⚠ {t('longWait')}</span>}
                </td>
                <td className="waiting-table__reason">
                  {entry.reason === null ? t('noReason') : waitingReasonText(tApi, entry)}
                </td>
              </tr>
            );
          }),
      }}
    />
  );
}

function ExpiredEntries({ refreshKey }: { refreshKey: string }) {
  const t = useMessages(waitingListMessages);
  const f = useFormat();
  const wait = useWaitText();
  const { state, reload } = useApiGet<ExpiredListDto>(
    '/api/waiting-list?status=expired',
    refreshKey,
  );
  const list = dataOf(state);
  const meta =
    list && list.total > 0
      ? list.total > list.data.length
        ? t('expiredSummaryNewest', {
            count: f.count(list.total),
            shown: f.count(list.data.length),
          })
        : t('expiredSummary', { count: f.count(list.total) })
      : t('expiredIntro');
  const head = (
    <>
      <PartyHeads />
      <th scope="col">{t('quarantineEnded')}</th>
      <th scope="col">{t('leftList')}</th>
      <th scope="col">{t('waited')}</th>
    </>
  );
  return (
    <Frame
      tab="expired"
      state={state}
      reload={reload}
      meta={meta}
      empty={{ title: t('expiredEmpty'), text: t('expiredEmptyText') }}
      table={{
        className: 'waiting-table waiting-table--expired',
        caption: t('expiredCaption'),
        head,
        rows: (loaded) =>
          loaded.data.map((entry) => (
            <tr key={entry.id}>
              <PartyCells entry={entry} />
              <td>
                {entry.quarantineEnded ? (
                  <time dateTime={entry.quarantineEnded}>
                    {f.calendarDay(entry.quarantineEnded)}
                  </time>
                ) : (
                  t('noReason')
                )}
              </td>
              <td>
                <time dateTime={entry.expiredAt}>{f.dayAndTime(new Date(entry.expiredAt))}</time>
              </td>
              <td>
                <time dateTime={`PT${entry.waitedMinutes}M`}>{wait(entry.waitedMinutes)}</time>
              </td>
            </tr>
          )),
      }}
    />
  );
}
