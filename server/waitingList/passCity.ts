/**
 * The city as one drain pass sees it: read once (the process's kept snapshot, loadCity: only
 * sites whose version moved are read again), then kept up to date with the pass's own
 * placements, site by site, without reading the city again.
 */
import type { Sequelize } from 'sequelize';
import type { IsoDate } from '../../shared/dates';
import { withBookings, type SiteRooms } from '../allocation/roomIndex';
import { suggest } from '../allocation/suggest';
import type {
  AllocationPolicy,
  BookingSnapshot,
  PartyRequest,
  SiteSnapshot,
  Suggestion,
} from '../allocation/types';
import { loadCity } from '../placement/citySnapshot';

/**
 * A site as read, to tell later whether it changed: its rooms and bookings (the kept snapshot
 * hands out the same object until they change) and its rules (status, categories: read with
 * the site row every time, a change of categories does not move the version).
 */
export type SitesSeen = ReadonlyMap<number, { floors: SiteRooms; rules: string }>;

export class PassCity {
  readonly #sites: SiteSnapshot[];
  readonly #floors: SiteRooms[];
  readonly #at: Map<number, number>;
  /** The sites as read, before the pass booked anything. */
  readonly seen: SitesSeen;

  private constructor(sites: readonly SiteSnapshot[], floors: readonly SiteRooms[]) {
    // Copies: the kept snapshot is shared with requests and read-only.
    this.#sites = sites.map((s) => ({ ...s }));
    this.#floors = [...floors];
    this.#at = new Map(this.#sites.map((s, i) => [s.id, i]));
    this.seen = new Map(
      sites.map((s, i) => [
        s.id,
        { floors: floors[i], rules: `${s.status}|${s.acceptedCategories.join(',')}` },
      ]),
    );
  }

  /** The open sites (no standby: the drain never opens one) for parties entering today. */
  static async read(
    sequelize: Sequelize,
    options: { today: IsoDate; cleaningNights: number },
  ): Promise<PassCity> {
    const city = await loadCity(sequelize, undefined, {
      today: options.today,
      cleaningNights: options.cleaningNights,
      entryDate: options.today,
      allowStandby: false,
    });
    return new PassCity(city.sites, city.floors);
  }

  /** Sites that are new, or whose rooms, bookings or rules changed, since `before` was read. */
  changedSince(before: SitesSeen): Set<number> {
    const changed = new Set<number>();
    for (const [id, now] of this.seen) {
      const then = before.get(id);
      if (!then || then.floors !== now.floors || then.rules !== now.rules) changed.add(id);
    }
    return changed;
  }

  /** The engine's best option for the party, if any room fits it (only in `within`, if given). */
  best(
    party: PartyRequest,
    policy: AllocationPolicy,
    within?: ReadonlySet<number>,
  ): Suggestion | undefined {
    const sites = within ? this.#sites.filter((s) => within.has(s.id)) : this.#sites;
    if (sites.length === 0) return undefined;
    const floors = within ? this.#floors.filter((f) => within.has(f.siteId)) : this.#floors;
    return suggest({ sites, floors, party, policy, limit: 1 }).suggestions[0];
  }

  /** Files bookings the pass just committed in one site: only the floors they touch change. */
  book(siteId: number, bookings: readonly BookingSnapshot[]): void {
    const i = this.#at.get(siteId);
    if (i === undefined) return;
    this.#floors[i] = withBookings(this.#floors[i], bookings);
    // Everyone placed by a drain enters today: the night `occupied` counts.
    this.#sites[i].occupied += bookings.reduce((sum, b) => sum + b.people, 0);
  }
}
