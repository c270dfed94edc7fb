import { useRef } from 'react';
import { ProblemPanel } from '../api/ProblemPanel';
import { formatCalendarDay, formatClockTime } from '../format';
import { SitesOverview } from './SitesOverview';
import { useSiteList } from './useSiteList';

/** Sites and today's occupancy: city totals, then one row per site, filterable and sortable. */
export function SitesPage() {
  const { state, reload } = useSiteList();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const snapshot =
    state.status === 'ready' ? state.snapshot : state.status === 'loading' ? state.previous : null;
  const busy = state.status === 'loading';

  function retry() {
    reload();
    // The Retry button disappears with the error; keep keyboard focus in the page.
    headingRef.current?.focus();
  }

  return (
    <section className="page" aria-labelledby="sites-heading">
      <div className="page-head">
        <div>
          <h2 id="sites-heading" className="page-head__title" ref={headingRef} tabIndex={-1}>
            Sites &amp; occupancy
          </h2>
          <p className="page-head__meta">
            {snapshot ? (
              <>
                Figures for{' '}
                <time dateTime={snapshot.list.date}>{formatCalendarDay(snapshot.list.date)}</time>
                <span className="page-head__sep" aria-hidden="true">
                  ·
                </span>
                received {formatClockTime(snapshot.receivedAt)}
              </>
            ) : (
              'Beds, occupancy and free capacity of every quarantine site today.'
            )}
          </p>
        </div>
        <div className="page-head__actions">
          <span className="refresh-status" role="status">
            {busy && snapshot ? 'Refreshing…' : ''}
          </span>
          {/* aria-disabled rather than disabled: the button keeps keyboard focus while it waits. */}
          <button
            type="button"
            className="button"
            aria-disabled={busy}
            onClick={busy ? undefined : reload}
          >
            <RefreshIcon />
            Refresh
          </button>
        </div>
      </div>

      {state.status === 'error' ? (
        <ProblemPanel error={state.error} onRetry={retry} />
      ) : snapshot ? (
        <SitesOverview list={snapshot.list} />
      ) : (
        <div className="panel panel--loading" role="status">
          <span className="spinner" aria-hidden="true" />
          Loading sites…
        </div>
      )}
    </section>
  );
}

function RefreshIcon() {
  return (
    <svg className="button__icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path
        d="M13.5 8a5.5 5.5 0 1 1-1.6-3.9M13.5 2.5v3.2h-3.2"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.6"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
