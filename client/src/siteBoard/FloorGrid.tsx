import type { RoomWithOccupancyDto } from '../../../shared/dto';
import { useFormat } from '../format';
import { useMessages } from '../i18n/localeContext';
import { domainMessages } from '../placement/domainMessages';
import { groupByFloor, STATE_ICONS } from './floors';
import { boardMessages } from './messages';

interface Props {
  rooms: readonly RoomWithOccupancyDto[];
  onOpen: (room: RoomWithOccupancyDto) => void;
}

/**
 * Floors from the top down, each a row of room tiles. A tile is a button (keyboard reachable)
 * whose text says the number, the state with its glyph, and beds in use: colour only repeats it.
 */
export function FloorGrid({ rooms, onOpen }: Props) {
  const t = useMessages(boardMessages);
  const d = useMessages(domainMessages);
  const f = useFormat();
  return (
    <div className="floors">
      {groupByFloor(rooms).map(({ floor, rooms: floorRooms, counts }) => (
        <section key={floor} className="floor" aria-labelledby={`floor-${floor}`}>
          <div className="floor__head">
            <h3 id={`floor-${floor}`} className="floor__title">
              {t('floor', { floor })}
            </h3>
            <p className="floor__summary">
              {t('floorSummary', {
                rooms: f.count(floorRooms.length),
                occupied: f.count(counts.occupied),
                free: f.count(counts.free),
                cleaning: f.count(counts.cleaning),
              })}
            </p>
          </div>
          <ul className="room-grid">
            {floorRooms.map((room) => (
              <li key={room.id}>
                <button
                  type="button"
                  className={`room-tile tile--${room.state}`}
                  onClick={() => onOpen(room)}
                  data-room={room.number}
                >
                  <span className="room-tile__number">{room.number}</span>
                  <span className="room-tile__state">
                    <span aria-hidden="true">{STATE_ICONS[room.state]}</span>{' '}
                    {t(`state.${room.state}`)}
                  </span>
                  <span className="room-tile__beds">
                    {t('beds', { occupants: room.occupants, beds: room.beds })}
                  </span>
                  {room.category && (
                    <span className="room-tile__category">{d(`category.${room.category}`)}</span>
                  )}
                  {(room.accessible || room.family) && (
                    <span className="room-tile__features">
                      {room.accessible && (
                        <span title={t('accessible')}>
                          <span aria-hidden="true">♿︎</span>
                          <span className="visually-hidden">{t('accessible')}</span>
                        </span>
                      )}
                      {room.family && <span>{t('family')}</span>}
                    </span>
                  )}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
