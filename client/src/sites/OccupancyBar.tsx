import { useFormat } from '../format';
import { utilizationLevel } from './capacity';

/**
 * A horizontal bar for occupied / beds with the percentage as text beside it. The bar is
 * decoration (hidden from assistive technology); the text carries the value.
 */
export function OccupancyBar({ ratio }: { ratio: number }) {
  const format = useFormat();
  const clamped = Math.min(Math.max(ratio, 0), 1);
  return (
    <span className={`occupancy occupancy--${utilizationLevel(ratio)}`}>
      <span className="occupancy__track" aria-hidden="true">
        <span className="occupancy__fill" style={{ width: `${clamped * 100}%` }} />
      </span>
      <span className="occupancy__value">{format.percent(ratio)}</span>
    </span>
  );
}
