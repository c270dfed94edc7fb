import type { BoardStayDto } from '../../../shared/boardDto';
import type { IsoDate } from '../../../shared/dates';
import type { Role } from '../../../shared/enums';
import { useFormat } from '../format';
import { useMessages } from '../i18n/localeContext';
import { domainMessages } from '../placement/domainMessages';
import { boardMessages } from './messages';
import { StayActions } from './StayActions';
import type { useAction } from './useAction';

interface Props {
  stay: BoardStayDto;
  today: IsoDate;
  role: Role;
  action: ReturnType<typeof useAction>;
}

/** One occupant of a room: who (masked as the API sent it), the stay's dates, tests, actions. */
export function StayCard({ stay, today, role, action }: Props) {
  const t = useMessages(boardMessages);
  const d = useMessages(domainMessages);
  const f = useFormat();
  const { person } = stay;
  return (
    <li className="stay-card">
      <div className="stay-card__head">
        <h4 className="stay-card__name">{person.fullName}</h4>
        <span className={`stay-status stay-status--${stay.status}`}>
          {d(`stay.${stay.status}`)}
        </span>
      </div>
      <dl className="facts">
        <div>
          <dt>{t('stayDatesLabel')}</dt>
          <dd>
            {t('stayDates', {
              entry: f.shortDay(stay.entryDate),
              release: f.shortDay(stay.plannedReleaseDate),
            })}
          </dd>
        </div>
        {person.idNumber && (
          <div>
            <dt>{t('idNumber')}</dt>
            <dd className="code">{person.idNumber}</dd>
          </div>
        )}
        {person.phone && (
          <div>
            <dt>{t('phone')}</dt>
            <dd className="code">{person.phone}</dd>
          </div>
        )}
        <div>
          <dt>{t('tests')}</dt>
          <dd>
            {stay.tests.length === 0 ? (
              t('noTestsScheduled')
            ) : (
              <ul className="test-list">
                {stay.tests.map((test) => (
                  <li key={test.id} className={`test test--${test.result}`}>
                    {t('testDay', { day: test.day })} · {f.shortDay(test.dueDate)} ·{' '}
                    <strong>{d(`test.${test.result}`)}</strong>
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
      </dl>
      <p className="stay-card__category">
        {d(`category.${person.category}`)}
        {person.needs.map((need) => ` · ${d(`need.${need}`)}`).join('')}
      </p>
      <StayActions stay={stay} today={today} role={role} action={action} withMove />
    </li>
  );
}
