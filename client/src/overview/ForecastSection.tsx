import { lazy, Suspense, useMemo } from 'react';
import type { OverviewDto } from '../../../shared/overviewDto';
import { ProblemPanel } from '../api/ProblemPanel';
import type { ApiError } from '../api/http';
import { useFormat } from '../format';
import { useMessages } from '../i18n/localeContext';
import { LoadingPanel } from '../ui/StatePanels';
import { overviewMessages } from './messages';

// The chart library loads after the numbers: the first view stays small and fast.
const ForecastChart = lazy(() => import('./ForecastChart'));

interface Props {
  overview: OverviewDto | null;
  error: ApiError | null;
  onRetry: () => void;
}

/** Free beds per day for the next two weeks: a bar chart and the same figures as a table. */
export function ForecastSection({ overview, error, onRetry }: Props) {
  const t = useMessages(overviewMessages);
  const format = useFormat();
  const days = overview?.forecast;
  const dayLabels = useMemo(
    () => days?.map((day) => format.shortDay(day.date)) ?? [],
    [days, format],
  );
  const count = days?.length ?? 14;

  return (
    <section className="card" aria-labelledby="forecast-heading">
      <h3 id="forecast-heading" className="card__title">
        {t('forecastTitle', { days: count })}
      </h3>
      <p className="card__intro">{t('forecastIntro')}</p>
      {error && !days ? (
        <ProblemPanel error={error} onRetry={onRetry} />
      ) : !days ? (
        <LoadingPanel label={t('loading')} />
      ) : (
        <>
          <Suspense fallback={<LoadingPanel label={t('forecastLoading')} />}>
            <ForecastChart
              days={days}
              dayLabels={dayLabels}
              seriesLabel={t('colFree')}
              formatCount={format.count}
              ariaLabel={t('forecastChartLabel', { days: count })}
            />
          </Suspense>
          <details className="forecast-table">
            <summary>{t('forecastTable')}</summary>
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('colDay')}</th>
                  <th scope="col" className="num">
                    {t('colFree')}
                  </th>
                  <th scope="col" className="num">
                    {t('colArrivals')}
                  </th>
                  <th scope="col" className="num">
                    {t('colReleases')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {days.map((day, i) => (
                  <tr key={day.date}>
                    <th scope="row">
                      <time dateTime={day.date}>{dayLabels[i]}</time>
                    </th>
                    <td className="num">{format.count(day.free)}</td>
                    <td className="num">{format.count(day.arrivals)}</td>
                    <td className="num">{format.count(day.releases)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </section>
  );
}
