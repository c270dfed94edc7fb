import type { SiteListDto } from '../../../shared/dto';
import { capacityOutlook, type Outlook } from '../../../shared/capacityOutlook';
import type { OverviewDto } from '../../../shared/overviewDto';
import { useFormat } from '../format';
import { useMessages } from '../i18n/localeContext';
import { waitingTime } from './duration';
import { overviewMessages } from './messages';

interface Props {
  list: SiteListDto;
  /** Null until GET /api/overview answered (or when it failed): those tiles show a dash. */
  overview: OverviewDto | null;
  /** The policy's utilization ceiling (0–1), once known. */
  utilizationCeiling: number | null;
}

/**
 * The city at a glance. Bed figures come from the live site list (the same totals as GET
 * /api/sites); free beds count active sites only, and a standby site's free beds are the reserve.
 */
export function OverviewTiles({ list, overview, utilizationCeiling }: Props) {
  const t = useMessages(overviewMessages);
  const { count, percent, wholePercent, shortDay } = useFormat();
  const outlook = overview && capacityOutlook(overview.forecast, utilizationCeiling ?? 1);
  const inDays = (o: Outlook) =>
    o.kind === 'notWithin'
      ? t('fullNotWithin', { days: count(o.days) })
      : o.days === 0
        ? t('fullToday')
        : t('fullInDays', { days: count(o.days) });
  const inStatus = (status: 'active' | 'standby') =>
    list.data.filter((site) => site.status === status);
  const active = inStatus('active');
  const standby = inStatus('standby');
  const free = (sites: typeof active) => sites.reduce((n, site) => n + site.occupancy.free, 0);
  const pending = '—';

  return (
    <dl className="tiles overview-tiles" aria-label={t('tilesLabel')}>
      <Tile name="activeSites" label={t('tileActiveSites')} value={count(active.length)}>
        {t('tileActiveSitesNote', { standby: count(standby.length) })}
      </Tile>
      <Tile name="beds" label={t('tileBeds')} value={count(list.totals.beds)}>
        {t('tileBedsNote', { sites: count(list.data.length) })}
      </Tile>
      <Tile name="occupied" label={t('tileOccupied')} value={count(list.totals.occupied)}>
        {t('tileOccupiedNote', { percent: percent(list.totals.utilization) })}
      </Tile>
      <Tile name="free" label={t('tileFree')} value={count(free(active))} accent>
        {t('tileFreeNote')}
      </Tile>
      <Tile name="reserve" label={t('tileReserve')} value={count(free(standby))}>
        {t('tileReserveNote', { standby: count(standby.length) })}
      </Tile>
      <Tile
        name="waiting"
        label={t('tileWaiting')}
        value={overview ? count(overview.waiting.parties) : pending}
      >
        {overview === null
          ? ''
          : overview.waiting.parties === 0
            ? t('tileWaitingNone')
            : t('tileWaitingNote', {
                people: count(overview.waiting.people),
                wait: waitingTime(t, overview.waiting.longestWaitMinutes),
              })}
      </Tile>
      <Tile
        name="daysUntilFull"
        label={t('tileDaysUntilFull')}
        value={outlook ? inDays(outlook.full) : pending}
      >
        {outlook
          ? [
              outlook.full.kind === 'reached'
                ? t('fullOn', { date: shortDay(outlook.full.date) })
                : t('fullNoteNotWithin'),
              utilizationCeiling === null
                ? ''
                : t('ceilingIn', {
                    ceiling: wholePercent(utilizationCeiling),
                    when: inDays(outlook.ceiling),
                  }),
            ]
              .filter(Boolean)
              .join(' · ')
          : ''}
      </Tile>
      <Tile
        name="intake"
        label={t('tileIntake')}
        value={overview ? count(overview.today.intake) : pending}
      >
        {overview
          ? t('tileIntakeNote', {
              released: count(overview.today.released),
              due: count(overview.today.releasesDue),
            })
          : ''}
      </Tile>
    </dl>
  );
}

function Tile({
  name,
  label,
  value,
  accent = false,
  children,
}: {
  name: string;
  label: string;
  value: string;
  accent?: boolean;
  children: string;
}) {
  return (
    <div className={`tile${accent ? ' tile--free' : ''}`} data-tile={name}>
      <dt className="tile__label">{label}</dt>
      <dd className="tile__value">{value}</dd>
      {children && <dd className="tile__note">{children}</dd>}
    </div>
  );
}
