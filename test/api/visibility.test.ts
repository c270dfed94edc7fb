/**
 * Need to know (issue 16): a site manager sees a person or party only with a current stay at one
 * of their sites, a stay there that ended within the retention window (30 days), or when a user of
 * their sites registered it and it is placed nowhere yet; anything else is 404, as if it did not
 * exist, on every route that takes a person or party id.
 */
import { expect } from 'chai';
import { addDays } from '../../shared/dates';
import type { PersonListDto } from '../../shared/dto';
import { REVEALS_PER_WINDOW } from '../../server/services/revealPersonalData';
import { Stay, type Room } from '../../server/models';
import { buildParty, buildRoom, buildSite, buildStays } from '../factories';
import { TEST_NOW, TEST_TODAY } from '../setup/app';
import { apiAs, type Api } from '../setup/api';
import { useTestDatabase } from '../setup/db';
import { expectProblem } from './problem';

/** A party that stayed in `room` and left `daysAgo` days before today. */
async function leftDaysAgo(room: Room, daysAgo: number) {
  const party = await buildParty();
  const [stay] = await buildStays({
    room,
    party,
    status: 'released',
    entryDate: addDays(TEST_TODAY, -daysAgo - 10),
    plannedReleaseDate: addDays(TEST_TODAY, -daysAgo),
  });
  await stay.update({
    releaseDate: addDays(TEST_TODAY, -daysAgo),
    endedAt: new Date(TEST_NOW.getTime() - daysAgo * 86_400_000),
  });
  return party;
}

/** Every read of the party and its first member, as the manager: the statuses answered. */
async function readsOf(api: Api, party: Awaited<ReturnType<typeof buildParty>>) {
  const personId = party.people[0].id;
  return [
    (await api.get(`/api/persons/${personId}`)).status,
    (await api.get(`/api/parties/${party.party.id}`)).status,
    (await api.post(`/api/persons/${personId}/reveal`).send({ fields: ['idNumber'] })).status,
    (await api.get(`/api/parties/${party.party.id}/suggestions`)).status,
  ];
}

describe('need to know: what a site manager sees', () => {
  useTestDatabase();

  it("hides people who left another site, and those another site's users registered, as if they did not exist", async () => {
    const [mine, theirs] = [await buildSite(), await buildSite()];
    const theirRoom = await buildRoom({ site: theirs });
    await buildRoom({ site: mine });
    const manager = await apiAs('site_manager', { siteIds: [mine.id] });
    const otherManager = await apiAs('site_manager', { siteIds: [theirs.id] });
    const official = await apiAs('official');

    const releasedElsewhere = await leftDaysAgo(theirRoom, 2);
    const registeredElsewhere = await buildParty({ registeredByUserId: otherManager.user.id });
    const registeredByOfficial = await buildParty({ registeredByUserId: official.user.id });
    for (const party of [releasedElsewhere, registeredElsewhere, registeredByOfficial]) {
      expect(await readsOf(manager, party)).to.deep.equal([404, 404, 404, 404]);
    }
    const missing = expectProblem(await manager.get(`/api/parties/999999`), 404);
    const hidden = expectProblem(
      await manager.get(`/api/parties/${registeredElsewhere.party.id}`),
      404,
    );
    expect(hidden.detail, 'the same answer as for a party that does not exist').to.equal(
      missing.detail,
    );
    // Officials see everyone; the other site's manager sees what their site holds.
    expect((await readsOf(official, registeredElsewhere)).slice(0, 3)).to.deep.equal([
      200, 200, 200,
    ]);
    expect((await readsOf(otherManager, releasedElsewhere)).slice(0, 3)).to.deep.equal([
      200, 200, 200,
    ]);
  });

  it('shows the people of their sites: in now, left within 30 days, or registered there and placed nowhere', async () => {
    const [mine, theirs] = [await buildSite(), await buildSite()];
    const [room, theirRoom] = [await buildRoom({ site: mine }), await buildRoom({ site: theirs })];
    const manager = await apiAs('site_manager', { siteIds: [mine.id] });

    const inNow = await buildParty();
    await buildStays({ room, party: inNow });
    const leftRecently = await leftDaysAgo(room, 5);
    const leftLongAgo = await leftDaysAgo(room, 40);
    const registeredHere = await buildParty({ registeredByUserId: manager.user.id });

    expect((await readsOf(manager, inNow)).slice(0, 3)).to.deep.equal([200, 200, 200]);
    expect((await readsOf(manager, leftRecently)).slice(0, 3)).to.deep.equal([200, 200, 200]);
    expect(await readsOf(manager, leftLongAgo)).to.deep.equal([404, 404, 404, 404]);
    expect(await readsOf(manager, registeredHere)).to.deep.equal([200, 200, 200, 200]);

    // Once placed in another site, it is that site's: no longer visible here.
    await buildStays({ room: theirRoom, party: registeredHere });
    expect(await readsOf(manager, registeredHere)).to.deep.equal([404, 404, 404, 404]);
  });

  it("answers 404, not a 409 naming the other site's stay, to a placement of another site's party into one's own room", async () => {
    const [mine, theirs] = [await buildSite(), await buildSite()];
    const [room, theirRoom] = [await buildRoom({ site: mine }), await buildRoom({ site: theirs })];
    const theirParty = await buildParty();
    await buildStays({
      room: theirRoom,
      party: theirParty,
      status: 'reserved',
      entryDate: TEST_TODAY,
    });
    const manager = await apiAs('site_manager', { siteIds: [mine.id] });
    const res = await manager
      .post(`/api/parties/${theirParty.party.id}/placement`)
      .send({ roomIds: [room.id] });
    expectProblem(res, 404);
    expect(JSON.stringify(res.body)).not.to.match(/stay/i);
    expectProblem(
      await manager
        .post(`/api/parties/${theirParty.party.id}/move`)
        .send({ roomIds: [room.id], reason: 'closer to home' }),
      404,
    );
    expect(await Stay.count({ where: { roomId: room.id } })).to.equal(0);
  });

  it('finds in a search only the people a site manager may see', async () => {
    const [mine, theirs] = [await buildSite(), await buildSite()];
    const theirRoom = await buildRoom({ site: theirs });
    const manager = await apiAs('site_manager', { siteIds: [mine.id] });
    const registeredHere = await buildParty({ registeredByUserId: manager.user.id });
    const releasedElsewhere = await leftDaysAgo(theirRoom, 1);
    const names = [registeredHere, releasedElsewhere].map((p) => p.people[0].fullName);
    const found = await manager
      .post('/api/persons/search')
      .send({ name: 'Test Person' })
      .expect(200);
    const listed = (found.body as PersonListDto).data.map((p) => p.fullName);
    expect(listed).to.include(names[0]);
    expect(listed).not.to.include(names[1]);
  });

  it('limits how many people one user may unmask in half an hour (429 with Retry-After)', async () => {
    const official = await apiAs('official');
    const { people } = await buildParty();
    for (let i = 0; i < REVEALS_PER_WINDOW; i++) {
      await official
        .post(`/api/persons/${people[0].id}/reveal`)
        .send({ fields: ['phone'] })
        .expect(200);
    }
    const refused = await official
      .post(`/api/persons/${people[0].id}/reveal`)
      .send({ fields: ['phone'] });
    expectProblem(refused, 429);
    expect(Number(refused.headers['retry-after'])).to.be.greaterThan(0);
    // Another user is not held back by it.
    await (
      await apiAs('official')
    )
      .post(`/api/persons/${people[0].id}/reveal`)
      .send({ fields: ['phone'] })
      .expect(200);
  });
});
