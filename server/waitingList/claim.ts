/**
 * The claim on draining the waiting list, held in the database so that one process at a time
 * drains it, whichever processes serve the city (DESIGN §4 rule 3). One row, `waiting_list_drains`
 * id 1; every step is one conditional UPDATE whose count of changed rows says whether it took:
 *
 * - claim: taken when nobody holds it or the holder's lease has lapsed (a process that died lets
 *   go by not renewing);
 * - renew: the holder pushes its lease on while it works; 0 rows means another took over;
 * - ask for a rerun: a process that could not claim marks the row, so the holder runs one more
 *   pass before it lets go (that pass starts after the asker's commit, so it sees the capacity);
 * - let go: only when no rerun was asked; otherwise the holder takes the rerun and goes on.
 *
 * The claim keeps drains from doubling their work; it is not what keeps placements right. Each
 * placement locks its party and re-checks its rooms under lock, so even a holder that lost the
 * claim without knowing it never places a party twice.
 *
 * Leases are measured with the machines' clocks (`Date`, not the app's clock that tests and
 * drills pin): they must lapse in real time.
 */
import { Op } from 'sequelize';
import { WaitingListDrain } from '../models';

const ROW = 1;

const until = (now: Date, leaseMs: number) => new Date(now.getTime() + leaseMs);

/** Takes the claim if it is free or its lease has lapsed; true when `holder` now has it. */
export async function claimDrain(
  holder: string,
  leaseMs: number,
  now = new Date(),
): Promise<boolean> {
  const [changed] = await WaitingListDrain.update(
    { holder, leaseUntil: until(now, leaseMs), rerun: false },
    { where: { id: ROW, [Op.or]: [{ holder: null }, { leaseUntil: { [Op.lt]: now } }] } },
  );
  return changed === 1;
}

/** Pushes the lease on; false when `holder` no longer has the claim. */
export async function renewDrain(
  holder: string,
  leaseMs: number,
  now = new Date(),
): Promise<boolean> {
  const [changed] = await WaitingListDrain.update(
    { leaseUntil: until(now, leaseMs) },
    { where: { id: ROW, holder } },
  );
  return changed === 1;
}

export interface ClaimHeld {
  holder: string;
  leaseUntil: Date;
}

/**
 * Asks the process holding the claim for one more pass. Returns who holds it (and until when),
 * or null when nobody does any more: the caller should then claim it itself.
 */
export async function askForRerun(now = new Date()): Promise<ClaimHeld | null> {
  await WaitingListDrain.update(
    { rerun: true },
    {
      where: { id: ROW, holder: { [Op.ne]: null }, leaseUntil: { [Op.gte]: now }, rerun: false },
    },
  );
  // Read back: 0 rows changed may also mean a rerun was already asked for, which serves as well.
  const row = await WaitingListDrain.findByPk(ROW);
  // The row is the migration's; made again if someone deleted it, so the next claim can take it.
  if (!row) await WaitingListDrain.findOrCreate({ where: { id: ROW }, defaults: { id: ROW } });
  if (!row?.holder || !row.leaseUntil || row.leaseUntil < now || !row.rerun) return null;
  return { holder: row.holder, leaseUntil: row.leaseUntil };
}

/** The claim as it stands. */
export async function claimState(): Promise<{
  holder: string | null;
  leaseUntil: Date | null;
  rerun: boolean;
}> {
  const row = await WaitingListDrain.findByPk(ROW);
  return {
    holder: row?.holder ?? null,
    leaseUntil: row?.leaseUntil ?? null,
    rerun: Boolean(row?.rerun),
  };
}

export type LetGo = 'released' | 'rerun' | 'lost';

/**
 * Ends a holder's turn: lets go when nobody asked for a rerun ('released'); else takes the rerun
 * request, renewing the lease ('rerun': run another pass); 'lost' when another process holds it.
 */
export async function letGoOfDrain(
  holder: string,
  leaseMs: number,
  now = new Date(),
): Promise<LetGo> {
  const [released] = await WaitingListDrain.update(
    { holder: null, leaseUntil: null },
    { where: { id: ROW, holder, rerun: false } },
  );
  if (released === 1) return 'released';
  const [rerun] = await WaitingListDrain.update(
    { rerun: false, leaseUntil: until(now, leaseMs) },
    { where: { id: ROW, holder, rerun: true } },
  );
  return rerun === 1 ? 'rerun' : 'lost';
}

/**
 * Lets go before the work is done (the process stops or pauses mid-pass): the row is left asking
 * for a rerun, which the next process to claim it serves (its tick, its start-up, or one that
 * asked meanwhile and watches the holder).
 */
export async function abandonDrain(holder: string): Promise<void> {
  await WaitingListDrain.update(
    { holder: null, leaseUntil: null, rerun: true },
    { where: { id: ROW, holder } },
  );
}
