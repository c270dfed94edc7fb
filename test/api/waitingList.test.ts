/**
 * The waiting list (issue 15): drained fairly, off the request path. Requests that free capacity
 * answer before the drain runs; the drain considers the whole list in order, skips a party that
 * fits nowhere without holding up those behind it, never lets a new party overtake an earlier one
 * of its category, and lets parties whose quarantine is over leave the list for follow-up.
 */
import { expect } from 'chai';
import { Op } from 'sequelize';
import { addDays } from '../../shared/dates';
import type { DomainEventMap } from '../../shared/events';
import type {
  ExpiredListDto,
  PlacementDto,
  QueuedDto,
  WaitingListDto,
} from '../../shared/placementDto';
import { domainEvents } from '../../server/events/bus';
import { AuditEvent, Party, Stay, WaitingEntry } from '../../server/models';
import {
  buildParty,
  buildRoom,
  buildSite,
  buildStays,
  buildWaitingParties,
  type WaitingSpec,
} from '../factories';
import { apiAs } from '../setup/api';
import { TEST_TODAY } from '../setup/app';
import { useTestDatabase } from '../setup/db';
import { drained, holdDrains, releaseDrains } from '../setup/drain';
import { expectProblem } from './problem';

/** Polls `check` until it holds, for at most `ms` (no fixed sleeps: it returns as soon as it does). */
async function eventually(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting for the drain');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const placedParties = async (partyIds: number[]) =>
  new Set(
    (
      await Stay.findAll({ attributes: ['partyId'], where: { partyId: { [Op.in]: partyIds } } })
    ).map((s) => s.partyId),
  );

const waitingIds = async () =>
  (
    await WaitingEntry.findAll({
      where: { status: 'waiting' },
      order: [
        ['priority', 'ASC'],
        ['queuedAt', 'ASC'],
        ['id', 'ASC'],
      ],
    })
  ).map((w) => w.partyId);

const auditAfter = (event: AuditEvent) =>
  JSON.parse(event.after ?? '{}') as Record<string, unknown>;

/** A checked-in party in a room of its own: releasing or cancelling it is the freeing request. */
async function occupied(room: Awaited<ReturnType<typeof buildRoom>>, status: Stay['status']) {
  const [stay] = await buildStays({
    room,
    status,
    entryDate: status === 'checked_in' ? addDays(TEST_TODAY, -14) : TEST_TODAY,
    plannedReleaseDate: status === 'checked_in' ? TEST_TODAY : addDays(TEST_TODAY, 10),
  });
  return stay;
}

describe('waiting list', function () {
  this.timeout(60_000);
  useTestDatabase();

  describe('drained off the request path', () => {
    it('answers a release with 300 parties waiting before any of them is placed, then places all that fit', async () => {
      const site = await buildSite();
      const free = await Promise.all(Array.from({ length: 40 }, () => buildRoom({ site })));
      const held = await buildRoom({ site });
      const stay = await occupied(held, 'checked_in');
      const parties = await buildWaitingParties(Array.from({ length: 300 }, () => ({})));
      const ids = parties.map((p) => p.id);
      const api = await apiAs();

      // Held, the drainer cannot place anyone: the release must answer without it.
      await holdDrains();
      await api.post(`/api/stays/${stay.id}/release`).send({}).expect(200);
      expect((await placedParties(ids)).size).to.equal(0);

      releaseDrains();
      await eventually(async () => (await placedParties(ids)).size === free.length);
      await drained();
      // The first 40 in the list took the 40 free rooms; the released room is being cleaned.
      expect([...(await placedParties(ids))].sort((a, b) => a - b)).to.deep.equal(ids.slice(0, 40));
      expect(await waitingIds()).to.deep.equal(ids.slice(40));
      expect((await held.reload()).status).to.equal('cleaning');
    });

    it('fills a freed room with the first party that fits, past 300 earlier ones that fit nowhere', async () => {
      const site = await buildSite();
      const room = await buildRoom({ site, beds: 2 });
      const stay = await occupied(room, 'reserved');
      const specs: WaitingSpec[] = [
        // Households of three sharing a room: no room has three beds.
        ...Array.from({ length: 150 }, () => ({ size: 3 })),
        // Wheelchair users: no room is accessible.
        ...Array.from({ length: 150 }, () => ({ needs: ['wheelchair' as const] })),
        ...Array.from({ length: 700 }, () => ({})),
      ];
      const parties = await buildWaitingParties(specs);
      const api = await apiAs();

      await api.post(`/api/stays/${stay.id}/cancel`).send({ reason: 'did not come' }).expect(200);
      await drained();

      const placed = await Stay.findAll({ where: { status: 'reserved' } });
      expect(placed.map((s) => [s.partyId, s.roomId])).to.deep.equal([[parties[300].id, room.id]]);
      const waiting = await waitingIds();
      expect(waiting).to.have.length(999);
      expect(waiting[0]).to.equal(parties[0].id);
    });

    it('tells dashboards about each placement as it commits', async () => {
      const [party] = await buildWaitingParties([{}]);
      const heard: DomainEventMap['waitingList.changed'][] = [];
      const off = domainEvents.on('waitingList.changed', (payload) => heard.push(payload));
      try {
        const site = await buildSite();
        await (
          await apiAs()
        )
          .post(`/api/sites/${site.id}/rooms`)
          .send({ floors: { from: 1, to: 1 }, roomsPerFloor: 1, beds: 1 })
          .expect(201);
        await drained();
        await eventually(async () => heard.length > 0);
      } finally {
        off();
      }
      expect(heard).to.deep.equal([{ action: 'placed', partyId: party.id }]);
    });
  });

  describe('no jumping the queue', () => {
    /** A full city (one room, reserved) with one close contact waiting: the earlier party. */
    async function fullCityWithOneWaiting() {
      const site = await buildSite();
      const room = await buildRoom({ site });
      const stay = await occupied(room, 'reserved');
      const [earlier] = await buildWaitingParties([{}]);
      return { site, room, stay, earlier };
    }

    it('queues a new party behind an earlier one of its category, and the drain places them in order', async () => {
      const { room, stay, earlier } = await fullCityWithOneWaiting();
      const api = await apiAs();
      await holdDrains();
      await api.post(`/api/stays/${stay.id}/cancel`).send({ reason: 'no-show' }).expect(200);

      // The room is free now, but the earlier party's turn comes first.
      const { party: later } = await buildParty();
      const res = await api.post(`/api/parties/${later.id}/placement`).send({}).expect(202);
      const queued = res.body as QueuedDto;
      expect(queued).to.include({ outcome: 'queued', position: 2, behindOthers: true });
      expect(queued.reason).to.match(/category wait ahead/);
      const list = (await api.get('/api/waiting-list').expect(200)).body as WaitingListDto;
      expect(list.data.map((e) => [e.partyId, e.behindOthers])).to.deep.equal([
        [earlier.id, false],
        [later.id, true],
      ]);

      releaseDrains();
      await drained();
      const placed = await Stay.findAll({ where: { roomId: room.id, status: 'reserved' } });
      expect(placed.map((s) => s.partyId)).to.deep.equal([earlier.id]);
      expect(await waitingIds()).to.deep.equal([later.id]);
      const audit = await AuditEvent.findOne({
        where: { entity: 'party', entityId: String(later.id), action: 'queue' },
      });
      expect(auditAfter(audit!)).to.include({ ahead: 1 });
    });

    it('places by hand ahead of earlier parties for an official, saying so in the audit record', async () => {
      const { site, earlier } = await fullCityWithOneWaiting();
      const spare = await buildRoom({ site });
      const { party: later } = await buildParty();
      const official = await apiAs('official');
      const res = await official
        .post(`/api/parties/${later.id}/placement`)
        .send({ roomIds: [spare.id] })
        .expect(201);
      expect((res.body as PlacementDto).stays[0].roomId).to.equal(spare.id);
      const audit = await AuditEvent.findOne({
        where: { entity: 'party', entityId: String(later.id), action: 'place' },
      });
      expect(auditAfter(audit!)).to.include({ overtook: 1 });
      expect(await waitingIds()).to.deep.equal([earlier.id]);
    });

    it('refuses a site manager who places by hand ahead of earlier parties, naming the rooms', async () => {
      const { site, earlier } = await fullCityWithOneWaiting();
      const spare = await buildRoom({ site });
      const manager = await apiAs('site_manager', { siteIds: [site.id] });
      const { party: later } = await buildParty({ registeredByUserId: manager.user.id });
      const res = await manager
        .post(`/api/parties/${later.id}/placement`)
        .send({ roomIds: [spare.id] });
      const problem = expectProblem(res, 409, ['roomIds']);
      expect(problem).to.deep.include({ code: 'placement.queueAhead', params: { count: 1 } });
      expect(await Stay.count({ where: { partyId: later.id } })).to.equal(0);
      // The earliest party itself is in its turn: the manager may place it by hand (one their
      // site registered: they may see it).
      await Party.update({ registeredByUserId: manager.user.id }, { where: { id: earlier.id } });
      await manager
        .post(`/api/parties/${earlier.id}/placement`)
        .send({ roomIds: [spare.id] })
        .expect(201);
    });

    it('lets a party of another category through, and refuses bad placement input', async () => {
      await fullCityWithOneWaiting();
      await buildRoom({ site: await buildSite({ acceptedCategories: ['secondary_contact'] }) });
      const { party: other } = await buildParty({ category: 'secondary_contact' });
      const api = await apiAs();
      await api.post(`/api/parties/${other.id}/placement`).send({}).expect(201);
      const { party: later } = await buildParty();
      expectProblem(
        await api.post(`/api/parties/${later.id}/placement`).send({ roomIds: ['x'] }),
        400,
        ['roomIds.0'],
      );
      expectProblem(await api.post('/api/parties/987654/placement').send({}), 404, ['partyId']);
    });
  });

  describe('expiry', () => {
    it('lets parties whose quarantine is over leave the list with the reason, for follow-up', async () => {
      const room = await buildRoom();
      await occupied(room, 'reserved');
      // Exposed 20 days ago: a close contact's 14 days ended 6 days ago.
      const [ended, live] = await buildWaitingParties([
        { exposureDate: addDays(TEST_TODAY, -20) },
        {},
      ]);
      const heard: DomainEventMap['waitingList.changed'][] = [];
      const off = domainEvents.on('waitingList.changed', (payload) => heard.push(payload));
      const api = await apiAs('official');
      try {
        await (
          await apiAs()
        )
          .post(`/api/sites/${room.siteId}/rooms`)
          .send({ floors: { from: 9, to: 9 }, roomsPerFloor: 1, beds: 2, accessible: false })
          .expect(201);
        await drained();
        await eventually(async () => heard.some((e) => e.action === 'expired'));
      } finally {
        off();
      }
      const endedOn = addDays(TEST_TODAY, -6);
      const entry = (await WaitingEntry.findOne({ where: { partyId: ended.id } }))!;
      expect(entry.status).to.equal('expired');
      expect(entry.reason).to.equal(`Quarantine ended on ${endedOn} before a room was found.`);
      expect(heard).to.deep.include({ action: 'expired', partyId: ended.id });
      const audit = await AuditEvent.findOne({
        where: { entity: 'party', entityId: String(ended.id), action: 'expire' },
      });
      expect(auditAfter(audit!)).to.include({ quarantineEnded: endedOn });
      // The other one was placed in the new room.
      expect(await Stay.count({ where: { partyId: live.id } })).to.equal(1);

      const waiting = (await api.get('/api/waiting-list').expect(200)).body as WaitingListDto;
      expect(waiting.data).to.deep.equal([]);
      const expired = (await api.get('/api/waiting-list?status=expired').expect(200))
        .body as ExpiredListDto;
      expect(expired.total).to.equal(1);
      expect(expired.data).to.have.length(1);
      expect(expired.data[0]).to.include({
        partyId: ended.id,
        category: 'close_contact',
        people: 1,
        quarantineEnded: endedOn,
        reason: entry.reason,
      });
      expect(expired.data[0].expiredAt).to.be.a('string');
      expectProblem(await api.get('/api/waiting-list?status=gone'), 400, ['query.status']);
      expectProblem(await api.get('/api/waiting-list?limit=3'), 400, ['query.limit']);
      expectProblem(await api.get('/api/waiting-list?status=expired&limit=0'), 400, [
        'query.limit',
      ]);
    });

    it('lists expired entries newest first, as many as asked', async () => {
      const parties = await buildWaitingParties([{}, {}, {}]);
      for (const [i, party] of parties.entries()) {
        await WaitingEntry.update(
          {
            status: 'expired',
            reason: `Quarantine ended on ${addDays(TEST_TODAY, -i)} before a room was found.`,
            resolvedAt: new Date(Date.parse(`${TEST_TODAY}T00:00:00Z`) - i * 3_600_000),
          },
          { where: { partyId: party.id } },
        );
      }
      const res = await (
        await apiAs('official')
      )
        .get('/api/waiting-list?status=expired&limit=2')
        .expect(200);
      const body = res.body as ExpiredListDto;
      expect(body.total).to.equal(3);
      expect(body.data.map((e) => e.partyId)).to.deep.equal([parties[0].id, parties[1].id]);
      expect(body.data[1].quarantineEnded).to.equal(addDays(TEST_TODAY, -1));
    });
  });
});
