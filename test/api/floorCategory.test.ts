/**
 * "One category per floor" (DESIGN §5) held by every path that gives a party nights: chosen-room
 * placement, move and extension each ask the same rule (server/allocation/rules.ts).
 */
import { expect } from 'chai';
import { addDays } from '../../shared/dates';
import { Stay } from '../../server/models';
import { buildParty, buildRoom, buildSite, buildStays } from '../factories';
import { TEST_TODAY } from '../setup/app';
import { apiAs } from '../setup/api';
import { useTestDatabase } from '../setup/db';
import { expectProblem } from './problem';

const day = (n: number) => addDays(TEST_TODAY, n);

/** A site whose floor 2 holds a secondary contact in room 201 until day 7; 202 is free. */
async function floorWithSecondaryContact() {
  const site = await buildSite();
  const occupied = await buildRoom({ site, floor: 2, number: '201' });
  const free = await buildRoom({ site, floor: 2, number: '202' });
  const elsewhere = await buildRoom({ site, floor: 3, number: '301' });
  const secondary = await buildParty({ category: 'secondary_contact' });
  const [stay] = await buildStays({
    room: occupied,
    party: secondary,
    status: 'checked_in',
    entryDate: day(-1),
    plannedReleaseDate: day(7),
  });
  return { site, occupied, free, elsewhere, secondary, stay };
}

describe('one category per floor, on every path', () => {
  useTestDatabase();

  it('refuses an extension that would keep a secondary contact on a floor a close contact has entered', async () => {
    const { free, elsewhere, stay } = await floorWithSecondaryContact();
    const close = await buildParty({ category: 'close_contact' });
    await buildStays({
      room: free,
      party: close,
      status: 'reserved',
      entryDate: day(7),
      plannedReleaseDate: day(21),
    });
    const api = await apiAs('admin');
    const refused = expectProblem(
      await api
        .post(`/api/stays/${stay.id}/extend`)
        .send({ plannedReleaseDate: day(10), reason: 'room-mate tested positive' }),
      409,
      ['plannedReleaseDate'],
    );
    expect(refused.code).to.equal('floor.otherCategory');
    expect(refused.params).to.deep.include({ from: day(7), latest: day(7) });
    expect(refused.errors?.[0].type).to.equal('placement.floorCategory');
    expect((await Stay.findByPk(stay.id))!.plannedReleaseDate).to.equal(day(7));

    // The same extension with the close contact on another floor is fine.
    await Stay.update({ roomId: elsewhere.id }, { where: { partyId: close.party.id } });
    await api
      .post(`/api/stays/${stay.id}/extend`)
      .send({ plannedReleaseDate: day(10), reason: 'room-mate tested positive' })
      .expect(200);
  });

  it('refuses a chosen room on a floor another category holds on those nights', async () => {
    const { free, elsewhere } = await floorWithSecondaryContact();
    const close = await buildParty({ category: 'close_contact' });
    const api = await apiAs('admin');
    const res = await api.post(`/api/parties/${close.party.id}/placement`).send({
      roomIds: [free.id],
    });
    const refused = expectProblem(res, 409, ['roomIds.0']);
    expect(refused.errors?.[0].type).to.equal('placement.floorCategory');
    expect(await Stay.count({ where: { partyId: close.party.id } })).to.equal(0);
    await api
      .post(`/api/parties/${close.party.id}/placement`)
      .send({ roomIds: [elsewhere.id] })
      .expect(201);
  });

  it('refuses a move onto a floor another category holds, and never proposes one', async () => {
    const { free, elsewhere } = await floorWithSecondaryContact();
    const close = await buildParty({ category: 'close_contact' });
    const api = await apiAs('admin');
    await api
      .post(`/api/parties/${close.party.id}/placement`)
      .send({ roomIds: [elsewhere.id] })
      .expect(201);
    const refused = expectProblem(
      await api
        .post(`/api/parties/${close.party.id}/move`)
        .send({ roomIds: [free.id], reason: 'window broken' }),
      409,
      ['roomIds.0'],
    );
    expect(refused.errors?.[0].type).to.equal('placement.floorCategory');
    // Without rooms the engine finds nothing else: 202 is the only free room, on the wrong floor.
    const none = expectProblem(
      await api.post(`/api/parties/${close.party.id}/move`).send({ reason: 'window broken' }),
      409,
      ['roomIds'],
    );
    expect(none.code).to.equal('move.noRoom');
    expect(
      (await Stay.findAll({ where: { partyId: close.party.id } })).map((s) => s.roomId),
    ).to.deep.equal([elsewhere.id]);
  });
});
