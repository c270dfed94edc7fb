import type { BoardStayDto, SiteDayDto } from '../../../shared/boardDto';
import type { Role } from '../../../shared/enums';
import { useFormat } from '../format';
import { useMessages } from '../i18n/localeContext';
import { boardMessages, type BoardMessageKey } from './messages';
import { StayActions } from './StayActions';
import { dueTests } from './stayRules';
import type { useAction } from './useAction';

interface Props {
  day: SiteDayDto;
  role: Role;
  action: ReturnType<typeof useAction>;
}

/** The site's day: who arrives, who leaves, who is to be tested; overdue items say so. */
export function TodayLists({ day, role, action }: Props) {
  const t = useMessages(boardMessages);
  const f = useFormat();

  const list = (
    key: 'arrivals' | 'releases' | 'testsDue',
    empty: BoardMessageKey,
    late: (stay: BoardStayDto) => boolean,
    detail: (stay: BoardStayDto) => string | null,
  ) => (
    <section className="today__list" aria-labelledby={`today-${key}`}>
      <h3 id={`today-${key}`} className="today__title">
        {t(key)} <span className="today__count">{f.count(day[key].length)}</span>
      </h3>
      {day[key].length === 0 ? (
        <p className="today__empty">{t(empty)}</p>
      ) : (
        <ul className="today__items">
          {day[key].map((stay) => (
            <li key={stay.stayId} className="today__item">
              <span className="today__room">{t('room', { number: stay.roomNumber })}</span>
              <span className="today__name">{stay.person.fullName}</span>
              {detail(stay) && <span className="today__detail">{detail(stay)}</span>}
              {late(stay) && <span className="late-badge">⏰ {t('late')}</span>}
              {key !== 'testsDue' && (
                <StayActions stay={stay} today={day.date} role={role} action={action} />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );

  return (
    <section className="today" aria-label={t('today')}>
      {list(
        'arrivals',
        'noArrivals',
        (s) => s.entryDate < day.date,
        () => null,
      )}
      {list(
        'releases',
        'noReleases',
        (s) => s.plannedReleaseDate < day.date,
        () => null,
      )}
      {list(
        'testsDue',
        'noTests',
        (s) => dueTests(s, day.date).some((test) => test.dueDate < day.date),
        (s) =>
          dueTests(s, day.date)
            .map((test) => t('testDay', { day: test.day }))
            .join(', '),
      )}
    </section>
  );
}
