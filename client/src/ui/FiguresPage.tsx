import { useRef, type ReactNode, type Ref } from 'react';
import type { ApiError } from '../api/http';
import { ProblemPanel } from '../api/ProblemPanel';
import { useFormat } from '../format';
import { useMessages } from '../i18n/localeContext';
import { uiMessages } from './messages';
import { RefreshButton } from './RefreshButton';

interface Props {
  headingId: string;
  /** Focused after Retry, so keyboard focus stays in the page when the error panel goes. */
  headingRef: Ref<HTMLHeadingElement>;
  title: string;
  /** Shown until figures arrive. */
  intro: string;
  /** The day the figures are for and when the browser received them. */
  figures: { date: string; receivedAt: Date } | null;
  busy: boolean;
  onRefresh: () => void;
}

type PageProps = Omit<Props, 'headingRef'> & {
  /** A failed first load: shown with Retry instead of the body. */
  error: ApiError | null;
  children: ReactNode;
};

/**
 * A page of figures (the overview, the sites list): its head, then the body, or the failed load
 * with a Retry that reloads and moves focus to the heading (the button goes with the panel).
 */
export function FiguresPage({ error, children, ...head }: PageProps) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  function retry() {
    head.onRefresh();
    headingRef.current?.focus();
  }
  return (
    <section className="page" aria-labelledby={head.headingId}>
      <FiguresHead {...head} headingRef={headingRef} />
      {error ? <ProblemPanel error={error} onRetry={retry} /> : children}
    </section>
  );
}

/** The head of a page of figures: title, their day and arrival time, and Refresh. */
function FiguresHead({ headingId, headingRef, title, intro, figures, busy, onRefresh }: Props) {
  const t = useMessages(uiMessages);
  const format = useFormat();
  return (
    <div className="page-head">
      <div>
        <h2 id={headingId} className="page-head__title" ref={headingRef} tabIndex={-1}>
          {title}
        </h2>
        <p className="page-head__meta">
          {figures ? (
            <>
              {t('figuresFor')}{' '}
              <time dateTime={figures.date}>{format.calendarDay(figures.date)}</time>
              <span className="page-head__sep" aria-hidden="true">
                ·
              </span>
              {t('receivedAt', { time: format.clockTime(figures.receivedAt) })}
            </>
          ) : (
            intro
          )}
        </p>
      </div>
      <div className="page-head__actions">
        <RefreshButton
          busy={busy && figures !== null}
          label={t('refresh')}
          busyLabel={t('refreshing')}
          onRefresh={onRefresh}
        />
      </div>
    </div>
  );
}
