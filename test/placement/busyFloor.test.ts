/**
 * Automatic placement under contention (MySQL): a floor another transaction holds is skipped for
 * the next option instead of waited for. SQLite serializes writers, so there is nothing to skip.
 */
import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { buildParty, buildRoom, buildSite } from '../factories';
import { apiAs } from '../setup/api';
import { testDb, useTestDatabase } from '../setup/db';

describe('automatic placement under contention', () => {
  useTestDatabase();

  it('places on another floor, without waiting, while a transaction holds the best one', async function () {
    const { sequelize } = testDb();
    if (sequelize.getDialect() === 'sqlite') this.skip();
    const site = await buildSite();
    for (const floor of [1, 2, 3]) {
      for (let i = 0; i < 2; i++) await buildRoom({ site, floor, beds: 1 });
    }
    const { party } = await buildParty();
    const api = await apiAs('official');
    const listed = await api.get(`/api/parties/${party.id}/suggestions?limit=1`).expect(200);
    const bestFloor = (listed.body as { data: { floor: number }[] }).data[0].floor;

    const holder = await sequelize.transaction();
    try {
      await sequelize.query(
        'SELECT id FROM rooms WHERE siteId = :siteId AND floor = :floor FOR UPDATE',
        {
          type: QueryTypes.SELECT,
          replacements: { siteId: site.id, floor: bestFloor },
          transaction: holder,
        },
      );
      // Waiting would last innodb_lock_wait_timeout (50 s), past this test's time-out.
      const placed = await api.post(`/api/parties/${party.id}/placement`).send({}).expect(201);
      const roomId = (placed.body as { stays: { roomId: number }[] }).stays[0].roomId;
      const [room] = await sequelize.query<{ floor: number }>(
        'SELECT floor FROM rooms WHERE id = :roomId',
        {
          type: QueryTypes.SELECT,
          replacements: { roomId },
        },
      );
      expect(Number(room.floor)).to.not.equal(bestFloor);
    } finally {
      await holder.rollback();
    }
  });
});
