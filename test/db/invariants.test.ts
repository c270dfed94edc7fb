import { expect } from 'chai';
import { addDays } from '../../shared/dates';
import { checkInvariants } from '../../server/invariants/check';
import { Stay } from '../../server/models';
import { buildParty, buildPerson, buildRoom, buildStays } from '../factories';
import { TEST_TODAY } from '../setup/app';
import { testDb, useTestDatabase } from '../setup/db';

const check = () => checkInvariants(testDb().sequelize, { cleaningNights: 1 });

describe('invariant checker', () => {
  useTestDatabase();

  it('finds nothing in a correct booking history', async () => {
    const room = await buildRoom({ beds: 2 });
    await buildStays({
      room,
      status: 'released',
      entryDate: addDays(TEST_TODAY, -30),
      plannedReleaseDate: addDays(TEST_TODAY, -16),
    });
    await buildStays({ room, party: await buildParty({ size: 2, shareRoom: true }) });
    expect(await check()).to.deep.equal([]);
  });

  it('reports a room over its beds and two parties in one room', async () => {
    const room = await buildRoom({ beds: 1 });
    await buildStays({ room });
    await buildStays({ room, entryDate: addDays(TEST_TODAY, 2) });
    const rules = (await check()).map((f) => f.rule);
    expect(rules).to.include.members(['over_beds', 'two_parties']);
  });

  it('reports a stay that starts inside the cleaning time of the previous one', async () => {
    const room = await buildRoom();
    await buildStays({
      room,
      status: 'released',
      entryDate: addDays(TEST_TODAY, -14),
      plannedReleaseDate: TEST_TODAY,
    });
    await Stay.update({ releaseDate: TEST_TODAY }, { where: { roomId: room.id } });
    await buildStays({ room, entryDate: TEST_TODAY });
    expect((await check()).map((f) => f.rule)).to.deep.equal(['cleaning_buffer']);
  });

  it('reports a person with two current stays (written around the unique key)', async () => {
    const person = await buildPerson();
    const [stay] = await buildStays({ party: await buildParty({ people: [person] }) });
    await stay.update({ activePersonId: null });
    await buildStays({ party: await buildParty({ people: [person] }) });
    expect((await check()).map((f) => f.rule)).to.deep.equal(['two_current_stays']);
  });
});
