/**
 * The floor of bench:place, in its own process: `node --import tsx bench/floorServer.ts <url>
 * <entryDate> <releaseDate>`. One bare Express route over Haven's own tables that does the least
 * a correct placement into a chosen room can do — no ORM, auth, validation, audit or events:
 *
 *   POST /floor/placement  { partyId, personId, roomId }
 *   one mysql2 transaction (READ COMMITTED, like Haven's):
 *     SELECT id, beds FROM rooms WHERE id = ? FOR UPDATE
 *     SELECT COUNT(*) FROM stays WHERE roomId = ? AND <current> AND <overlaps the window>
 *     INSERT INTO stays (… status 'reserved', activePersonId = personId …)
 *   → 201 { stayId }, or 409 when the room is taken for those nights. A deadlock or lock wait
 *   time-out retries the whole transaction (up to 5 attempts, with backoff), as Haven does.
 *
 * Also `POST /floor/design-placement { partyId, roomId }` (bearer token): the design's floor, see
 * designFloorRoute.ts. The pool has 20 connections, as Haven's Sequelize pool. Prints `PORT <n>`;
 * stops on SIGTERM.
 */
import express from 'express';
import mysql, { type ResultSetHeader, type RowDataPacket } from 'mysql2/promise';
import { addDesignFloorRoute, type Answer } from './designFloorRoute';

const [url, entryDate, releaseDate] = process.argv.slice(2);
const pool = mysql.createPool({
  uri: url.replace(/^mariadb:/, 'mysql:'),
  connectionLimit: 20,
  timezone: 'Z',
  // The design's floor sends each of its two transaction round trips as one multi-statement query.
  multipleStatements: true,
});
pool.on('connection', (connection) => {
  // The callback-style connection under the promise pool: set once per physical connection.
  connection.query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED');
});

const app = express();
app.use(express.json());
/** Deadlock (1213) and lock wait time-out (1205) retry the whole transaction, as Haven does. */
const RETRYABLE = new Set([1213, 1205]);
const ATTEMPTS = 5;

type Outcome = { status: 201; stayId: number } | { status: 409 };

async function place(partyId: number, personId: number, roomId: number): Promise<Outcome> {
  const connection = await pool.getConnection();
  try {
    await connection.beginTransaction();
    const [rooms] = await connection.query<RowDataPacket[]>(
      'SELECT id, beds FROM rooms WHERE id = ? FOR UPDATE',
      [roomId],
    );
    const [[{ taken }]] = await connection.query<RowDataPacket[]>(
      `SELECT COUNT(*) AS taken FROM stays
       WHERE roomId = ? AND status IN ('reserved', 'in_transit', 'checked_in')
         AND entryDate < ? AND plannedReleaseDate > ?`,
      [roomId, releaseDate, entryDate],
    );
    if (rooms.length === 0 || Number(taken) > 0) {
      await connection.rollback();
      return { status: 409 };
    }
    const now = new Date();
    const [result] = await connection.query<ResultSetHeader>(
      `INSERT INTO stays (personId, partyId, roomId, entryDate, plannedReleaseDate, status,
         activePersonId, createdAt, updatedAt)
       VALUES (?, ?, ?, ?, ?, 'reserved', ?, ?, ?)`,
      [personId, partyId, roomId, entryDate, releaseDate, personId, now, now],
    );
    await connection.commit();
    return { status: 201, stayId: result.insertId };
  } catch (error) {
    await connection.rollback().catch(() => undefined);
    throw error;
  } finally {
    connection.release();
  }
}

/** Runs a placement, retrying the whole transaction on a deadlock or lock wait time-out. */
async function withRetries(res: express.Response, attemptOnce: () => Promise<Answer>) {
  for (let attempt = 1; ; attempt++) {
    try {
      const { status, ...body } = await attemptOnce();
      res.status(status).json(body);
      return;
    } catch (error) {
      const errno = (error as { errno?: number }).errno;
      if (errno !== undefined && RETRYABLE.has(errno) && attempt < ATTEMPTS) {
        await new Promise((r) => setTimeout(r, 15 * 2 ** (attempt - 1) * (0.5 + Math.random())));
        continue;
      }
      console.error(error);
      res.status(500).json({ title: String(error) });
      return;
    }
  }
}

app.post('/floor/placement', async (req, res) => {
  const { partyId, personId, roomId } = req.body as {
    partyId: number;
    personId: number;
    roomId: number;
  };
  await withRetries(res, async () => {
    const outcome = await place(partyId, personId, roomId);
    return outcome.status === 409 ? { status: 409, title: 'Room taken' } : outcome;
  });
});
addDesignFloorRoute(app, pool, entryDate, releaseDate, withRetries);

const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`PORT ${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.on('SIGTERM', () => {
  server.close(() => void pool.end().then(() => process.exit(0)));
  server.closeAllConnections();
});
