/**
 * The design's floor for bench:place: what any implementation of DESIGN §4 must ask the database
 * for a placement into a chosen room, on bare mysql2 with the least JavaScript around it — no
 * ORM, validation framework, logging, events or presenters. Haven's statements and round trips,
 * written out by hand:
 *
 *   the session and its user (outside the transaction; access rule),
 *   one round trip: START; the party, its members, their current stays and its waiting entry,
 *     locked (one placement of a party at a time, one stay per person), with the policy in
 *     force; every room of the chosen room's floor locked, with its site's rules (one category
 *     per floor, no overbooking); the floor's bookings;
 *   the checks, in a few lines;
 *   one round trip: the stay, its test schedule, the audit record, the site's occupancy version
 *     (the realtime version and the multi-master contention write); COMMIT.
 *
 * Its throughput against the floor's (same run) tells what the design's rules cost the database
 * and the connection; Haven's against this one's, what Haven's own layers cost.
 */
import crypto from 'node:crypto';
import type { Express, Request, Response } from 'express';
import type { Pool, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { addDays } from '../shared/dates';

const CURRENT = "st.status IN ('reserved', 'in_transit', 'checked_in')";
const TEST_DAYS = [1, 4, 7, 14];

/** A route's status and JSON body. */
export type Answer = { status: number; [field: string]: unknown };
/** Runs one attempt of a placement transaction until it does not deadlock, and answers with it. */
type Retrying = (res: Response, attemptOnce: () => Promise<Answer>) => Promise<void>;

export function addDesignFloorRoute(
  app: Express,
  pool: Pool,
  entryDate: string,
  releaseDate: string,
  withRetries: Retrying,
): void {
  async function authenticate(req: Request): Promise<number | null> {
    const token = /^Bearer ([A-Za-z0-9_-]{43})$/.exec(req.get('authorization') ?? '')?.[1];
    if (!token) return null;
    const id = crypto.createHash('sha256').update(token, 'utf8').digest('hex');
    const [rows] = await pool.query<RowDataPacket[]>(
      `SELECT s.userId, s.expiresAt, s.revokedAt, u.role, u.disabledAt, us.siteId
       FROM sessions s JOIN users u ON u.id = s.userId LEFT JOIN user_sites us ON us.userId = u.id
       WHERE s.id = ?`,
      [id],
    );
    const [session] = rows;
    if (!session || session.revokedAt || session.disabledAt) return null;
    return Number(session.userId);
  }

  async function place(userId: number, partyId: number, roomId: number): Promise<Answer> {
    const connection = await pool.getConnection();
    try {
      const [results] = await connection.query<RowDataPacket[][]>(
        `START TRANSACTION;
         SELECT pa.category, pe.id AS personId, st.id AS currentStayId, we.id AS waitingEntryId,
           (SELECT CONCAT(id, '@', createdAt) FROM policies ORDER BY id DESC LIMIT 1) AS policy
         FROM parties pa
         LEFT JOIN party_members pm ON pm.partyId = pa.id
         LEFT JOIN persons pe ON pe.id = pm.personId
         LEFT JOIN stays st ON st.activePersonId = pe.id
         LEFT JOIN waiting_entries we ON we.partyId = pa.id AND we.status = 'waiting'
         WHERE pa.id = ? FOR UPDATE;
         SELECT r.id, r.beds, r.status,
           CASE WHEN r.id = ? THEN (SELECT s.status FROM sites s WHERE s.id = r.siteId) END AS siteStatus,
           CASE WHEN r.id = ? THEN (SELECT s.acceptedCategories FROM sites s WHERE s.id = r.siteId) END AS categories
         FROM rooms r FORCE INDEX (rooms_site_floor)
         WHERE (r.siteId, r.floor) IN (SELECT siteId, floor FROM rooms WHERE id = ?)
         ORDER BY r.id FOR UPDATE;
         SELECT st.roomId, p.category FROM stays st JOIN parties p ON p.id = st.partyId
         WHERE st.roomId IN (SELECT id FROM rooms WHERE (siteId, floor) IN (SELECT siteId, floor FROM rooms WHERE id = ?))
           AND ${CURRENT} AND st.entryDate < ? AND st.plannedReleaseDate > ?`,
        [partyId, roomId, roomId, roomId, roomId, addDays(releaseDate, 1), addDays(entryDate, -1)],
      );
      const [, members, rooms, bookings] = results;
      const answer = check(members, rooms, bookings, roomId);
      if (answer) {
        await connection.query('ROLLBACK');
        return answer;
      }
      const { category, personId } = members[0];
      const now = new Date();
      const [written] = await connection.query<ResultSetHeader[]>(
        `INSERT INTO stays (personId, partyId, roomId, entryDate, plannedReleaseDate, status,
           activePersonId, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, 'reserved', ?, ?, ?);
         INSERT INTO tests (stayId, day, dueDate, result, createdAt, updatedAt) VALUES
           ${TEST_DAYS.map(() => "(LAST_INSERT_ID(), ?, ?, 'pending', ?, ?)").join(', ')};
         INSERT INTO audit_events (occurredAt, actorUserId, entity, entityId, action, \`after\`)
           VALUES (?, ?, 'party', ?, 'place', ?);
         UPDATE sites SET occupancyVersion = occupancyVersion + 1
           WHERE id = (SELECT siteId FROM rooms WHERE id = ?);
         COMMIT`,
        [
          ...[personId, partyId, roomId, entryDate, releaseDate, personId, now, now],
          ...TEST_DAYS.flatMap((day) => [day, addDays(entryDate, day - 1), now, now]),
          ...[now, userId, partyId, JSON.stringify({ category, rooms: [roomId] })],
          roomId,
        ],
      );
      return { status: 201, stayId: written[0].insertId };
    } catch (error) {
      await connection.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      connection.release();
    }
  }

  /** The hard constraints a chosen single room must meet; null when it may be taken. */
  function check(
    members: RowDataPacket[],
    rooms: RowDataPacket[],
    bookings: RowDataPacket[],
    roomId: number,
  ): Answer | null {
    const [member] = members;
    if (!member) return { status: 404, title: 'No such party' };
    if (members.some((m) => m.currentStayId !== null))
      return { status: 409, title: 'Already in quarantine' };
    const room = rooms.find((r) => Number(r.id) === roomId);
    const categories = room ? (JSON.parse(String(room.categories)) as string[]) : [];
    const taken = bookings.filter((b) => Number(b.roomId) === roomId).length;
    if (
      !room ||
      room.status !== 'available' ||
      room.siteStatus !== 'active' ||
      !categories.includes(member.category) ||
      taken + members.length > Number(room.beds) ||
      bookings.some((b) => b.category !== member.category)
    ) {
      return { status: 409, title: 'The room cannot take this party' };
    }
    return null;
  }

  app.post('/floor/design-placement', async (req: Request, res: Response) => {
    const userId = await authenticate(req);
    if (userId === null) {
      res.status(401).json({ title: 'Sign in' });
      return;
    }
    const { partyId, roomId } = req.body as { partyId: number; roomId: number };
    await withRetries(res, () => place(userId, partyId, roomId));
  });
}
