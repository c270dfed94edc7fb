/**
 * Socket.IO (issue 5): the handshake signs in like the API, rooms by role, occupancy messages with
 * growing versions, bursts coalesced, reconnects that end with the API's totals.
 * Real servers on port 0 and real socket.io-client connections.
 */
import { expect } from 'chai';
import type { Occupancy, SiteListDto } from '../../shared/dto';
import type { SiteOccupancyMessage } from '../../shared/events';
import { authStoresFor } from '../../server/auth/stores';
import { domainEvents } from '../../server/events/bus';
import { DEFAULT_FLUSH_BURST } from '../../server/realtime/coalescer';
import { buildParty, buildRoom, buildSite } from '../factories';
import { TEST_NOW } from '../setup/app';
import { signIn } from '../setup/auth';
import { useTestDatabase } from '../setup/db';
import {
  client,
  connected,
  startRealtimeServer,
  until,
  type ClientSocket,
  type RunningServer,
} from '../setup/realtime';

/** What a dashboard keeps: the newest totals per site, stale and duplicate messages dropped. */
class Dashboard {
  readonly sites = new Map<number, { version: number; occupancy: Occupancy }>();
  readonly received: SiteOccupancyMessage[] = [];
  reloads: string[] = [];

  constructor(
    readonly socket: ClientSocket,
    private readonly base: string,
    private readonly token: string,
  ) {
    socket.on('site.occupancy', (m) => {
      this.received.push(m);
      const known = this.sites.get(m.siteId);
      if (known && known.version >= m.version) return;
      this.sites.set(m.siteId, { version: m.version, occupancy: m.occupancy });
    });
    socket.on('snapshot.reload', ({ reason }) => {
      this.reloads.push(reason);
      void this.reload();
    });
  }

  /** A snapshot replaces what is known unless a newer message already arrived. */
  async reload() {
    const list = await api<SiteListDto>(this.base, this.token, '/api/sites');
    for (const site of list.data) {
      const known = this.sites.get(site.id);
      if (known && known.version > site.version) continue;
      this.sites.set(site.id, { version: site.version, occupancy: site.occupancy });
    }
  }
}

async function api<T>(base: string, token: string, path: string, body?: object): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method: body ? 'POST' : 'GET',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = (await res.json()) as T;
  if (res.status >= 400) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** Places a party; a 503 means "retry shortly" (contended MariaDB), so it retries like a client. */
async function place(base: string, token: string, partyId: number, body: object = {}) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await api<{ outcome?: string }>(
        base,
        token,
        `/api/parties/${partyId}/placement`,
        body,
      );
    } catch (error) {
      if (!String(error).includes(': 503 ') || attempt >= 20) throw error;
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 200));
    }
  }
}

async function occupancyFromApi(base: string, token: string): Promise<Map<number, Occupancy>> {
  const list = await api<SiteListDto>(base, token, '/api/sites');
  return new Map(list.data.map((s) => [s.id, s.occupancy]));
}

describe('realtime: Socket.IO', function () {
  this.timeout(30_000);
  useTestDatabase();

  let server: RunningServer;
  const sockets: ClientSocket[] = [];
  const open = (...args: Parameters<typeof client>) => {
    const socket = client(...args);
    sockets.push(socket);
    return socket;
  };

  beforeEach(async () => {
    server = await startRealtimeServer({ flushIntervalMs: 100 });
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.disconnect();
    await server.close();
  });

  describe('handshake', () => {
    it('refuses a connection without a token, with connect_error "unauthorized"', async () => {
      const error = await connected(open(server.url, null)).then(
        () => null,
        (e: Error) => e,
      );
      expect(error?.message).to.equal('unauthorized');
    });

    it('refuses a bad, unknown or malformed token the same way', async () => {
      const { token } = await signIn('official');
      for (const bad of [
        token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'),
        'x',
        'a'.repeat(43),
      ]) {
        const error = await connected(open(server.url, bad)).then(
          () => null,
          (e: Error) => e,
        );
        expect(error?.message, bad).to.equal('unauthorized');
      }
    });

    it('accepts the session cookie or a bearer token and sends snapshot.reload first', async () => {
      const { token } = await signIn('official');
      const byCookie = open(server.url, null, {
        extraHeaders: { Cookie: `haven_session=${token}` },
      });
      const reload = new Promise((r) => byCookie.once('snapshot.reload', r));
      await connected(byCookie);
      expect(await reload).to.deep.equal({ reason: 'connected' });
      await connected(open(server.url, token));
    });

    it('refuses a session that was revoked', async () => {
      const { token, user } = await signIn('official');
      await authStoresFor({ redisUrl: null }).sessions.revokeUserSessions(user.id);
      const error = await connected(open(server.url, token)).then(
        () => null,
        (e: Error) => e,
      );
      expect(error?.message).to.equal('unauthorized');
    });
  });

  describe('revoked sessions', () => {
    /** Resolves with the reason once `socket` is disconnected. */
    const dropped = (socket: ClientSocket) =>
      new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
    /** A second session of the same user, as from another browser. */
    const anotherSession = async (userId: number) =>
      (
        await authStoresFor({ redisUrl: null }).sessions.createSession(
          userId,
          { ip: '127.0.0.1', userAgent: 'second browser' },
          TEST_NOW,
        )
      ).token;

    it("logout closes that session's sockets, and only those", async () => {
      const official = await signIn('official');
      const other = await signIn('official');
      const secondToken = await anotherSession(official.user.id);
      // Opened after every await: `connected` must be listening before the connection is made.
      const mine = open(server.url, official.token);
      const myOtherBrowser = open(server.url, secondToken);
      const theirs = open(server.url, other.token);
      await Promise.all([mine, myOtherBrowser, theirs].map(connected));
      const gone = dropped(mine);

      const res = await fetch(`${server.url}/api/auth/logout`, {
        method: 'POST',
        headers: official.auth,
      });
      expect(res.status).to.equal(204);
      expect(await gone).to.equal('io server disconnect');
      await new Promise((r) => setTimeout(r, 200));
      expect(myOtherBrowser.connected, 'another session of the same user').to.equal(true);
      expect(theirs.connected, "another user's session").to.equal(true);
    });

    it("disabling a user, or resetting their password, closes all of that user's sockets", async () => {
      const admin = await signIn('admin');
      for (const change of ['disable', 'password'] as const) {
        const target = await signIn('site_manager');
        const bystander = await signIn('official');
        const tokens = [target.token, await anotherSession(target.user.id)];
        const sockets = tokens.map((token) => open(server.url, token));
        const other = open(server.url, bystander.token);
        await Promise.all([...sockets, other].map(connected));
        const gone = Promise.all(sockets.map(dropped));

        const res = await fetch(`${server.url}/api/users/${target.user.id}/${change}`, {
          method: 'POST',
          headers: { ...admin.auth, 'Content-Type': 'application/json' },
          body:
            change === 'password' ? JSON.stringify({ password: 'a new long password 1' }) : '{}',
        });
        expect(res.status, change).to.be.within(200, 299);
        expect(await gone, change).to.deep.equal(['io server disconnect', 'io server disconnect']);
        await new Promise((r) => setTimeout(r, 200));
        expect(other.connected, `${change}: a bystander`).to.equal(true);
      }
    });
  });

  describe('access that changes', () => {
    const dropped = (socket: ClientSocket) =>
      new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));

    it("closes a site manager's sockets when their sites change; a new one joins the new sites", async () => {
      const [siteA, siteB] = [await buildSite(), await buildSite()];
      await buildRoom({ site: siteB });
      const admin = await signIn('admin');
      const manager = await signIn('site_manager', { siteIds: [siteA.id] });
      const before = open(server.url, manager.token);
      await connected(before);
      const gone = dropped(before);
      const patch = (body: object) =>
        fetch(`${server.url}/api/users/${manager.user.id}`, {
          method: 'PATCH',
          headers: { ...admin.auth, 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });

      expect((await patch({ displayName: 'Renamed only' })).status).to.equal(200);
      await new Promise((r) => setTimeout(r, 200));
      expect(before.connected, 'a new name changes no rooms').to.equal(true);

      expect((await patch({ siteIds: [siteB.id] })).status).to.equal(200);
      expect(await gone).to.equal('io server disconnect');
      const after = open(server.url, manager.token);
      await connected(after);
      const heard: number[] = [];
      after.on('site.occupancy', (m) => heard.push(m.siteId));
      const { party } = await buildParty();
      await place(server.url, admin.token, party.id);
      await server.realtime.flush();
      await until(() => heard.length > 0);
      expect(heard).to.deep.equal([siteB.id]);
    });

    it('closes a socket once its session has idled out, not before', async () => {
      let clock = TEST_NOW.getTime();
      const timed = await startRealtimeServer({
        now: () => new Date(clock),
        sessionCheckMaxMs: 50,
      });
      try {
        const official = await signIn('official');
        const socket = open(timed.url, official.token);
        await connected(socket);
        const gone = dropped(socket);
        clock += 29 * 60_000;
        await new Promise((r) => setTimeout(r, 200));
        expect(socket.connected, 'idle for 29 minutes').to.equal(true);
        clock += 2 * 60_000;
        expect(await gone).to.equal('io server disconnect');
      } finally {
        await timed.close();
      }
    });
  });

  describe('rooms', () => {
    it("never sends a site manager another site's events, nor lets them join its room", async () => {
      const siteA = await buildSite();
      const siteB = await buildSite();
      await buildRoom({ site: siteA });
      await buildRoom({ site: siteB });
      const managerA = await signIn('site_manager', { siteIds: [siteA.id] });
      const official = await signIn('official');
      const transport = await signIn('transport');
      const a = open(server.url, managerA.token);
      const o = open(server.url, official.token);
      const t = open(server.url, transport.token);
      await Promise.all([a, o, t].map(connected));
      const got = (s: ClientSocket) => {
        const list: SiteOccupancyMessage[] = [];
        s.on('site.occupancy', (m) => list.push(m));
        return list;
      };
      const [forA, forO, forT] = [got(a), got(o), got(t)];
      const joined = await a.emitWithAck('site.join', siteB.id);
      expect(joined).to.deep.equal({ ok: false, error: 'not found' });

      for (const site of [siteA, siteB]) {
        const { party } = await buildParty();
        await place(server.url, official.token, party.id, { allowStandby: false });
        void site;
      }
      await server.realtime.flush();
      await until(() => forO.length >= 2 && forT.length >= 2);
      await new Promise((r) => setTimeout(r, 150));
      expect(forA.map((m) => m.siteId)).to.deep.equal([siteA.id]);
      expect(forO.map((m) => m.siteId).sort()).to.deep.equal([siteA.id, siteB.id].sort());
      expect(forT.map((m) => m.siteId).sort()).to.deep.equal([siteA.id, siteB.id].sort());
      // No personal data: ids, counts and statuses only.
      expect(Object.keys(forA[0]).sort()).to.deep.equal(
        ['date', 'occupancy', 'siteId', 'status', 'version'].sort(),
      );
    });

    it('lets an official join one site room on request, with an ack', async () => {
      const site = await buildSite();
      const official = await signIn('official');
      const transport = await signIn('transport');
      const o = open(server.url, official.token);
      const t = open(server.url, transport.token);
      await Promise.all([o, t].map(connected));
      expect(await o.emitWithAck('site.join', site.id)).to.deep.equal({
        ok: true,
        room: `site:${site.id}`,
      });
      expect(await o.emitWithAck('site.join', 999_999)).to.deep.equal({
        ok: false,
        error: 'not found',
      });
      expect(await t.emitWithAck('site.join', site.id)).to.deep.equal({
        ok: false,
        error: 'forbidden',
      });
    });
  });

  describe('occupancy messages', () => {
    it('carry versions that only grow and the same totals as the API', async () => {
      const site = await buildSite();
      for (let i = 0; i < 3; i++) await buildRoom({ site, beds: 2 });
      const official = await signIn('official');
      const o = open(server.url, official.token);
      await connected(o);
      const board = new Dashboard(o, server.url, official.token);
      for (let i = 0; i < 3; i++) {
        const { party } = await buildParty();
        await place(server.url, official.token, party.id);
        await server.realtime.flush();
        await until(() => board.received.length > i);
      }
      const versions = board.received.map((m) => m.version);
      expect(versions).to.deep.equal([1, 2, 3]);
      const fromApi = await occupancyFromApi(server.url, official.token);
      expect(board.sites.get(site.id)!.occupancy).to.deep.equal(fromApi.get(site.id));
      expect(fromApi.get(site.id)).to.include({ occupied: 3, beds: 6 });
      // The snapshot says which message it matches: the same version as the same totals.
      const listed = await api<SiteListDto>(server.url, official.token, '/api/sites');
      expect(listed.data.find((s) => s.id === site.id)!.version).to.equal(3);
    });

    it('coalesces a burst: 500 changes to two sites give a handful of messages, not 500', async () => {
      const server2 = await startRealtimeServer({ flushIntervalMs: 250 });
      try {
        const [s1, s2] = [await buildSite(), await buildSite()];
        const official = await signIn('official');
        const o = open(server2.url, official.token);
        await connected(o);
        const board = new Dashboard(o, server2.url, official.token);
        // 500 committed placements as the realtime layer hears them, over about one second.
        for (let i = 0; i < 500; i++) {
          const site = i % 2 ? s1 : s2;
          domainEvents.emit({
            name: 'stay.created',
            payload: {
              partyId: i,
              stayIds: [i],
              roomIds: [i],
              sites: [{ siteId: site.id, version: i + 1 }],
            },
          });
          if (i % 50 === 49) await new Promise((r) => setTimeout(r, 100));
        }
        await new Promise((r) => setTimeout(r, 400));
        // About 1 s of changes at 250 ms: a burst of 3 flushes, then ~4 more, each one message
        // per site.
        expect(board.received.length).to.be.within(2, 18);
        const perSite = new Map<number, number>();
        for (const m of board.received) perSite.set(m.siteId, (perSite.get(m.siteId) ?? 0) + 1);
        expect([...perSite.keys()].sort()).to.deep.equal([s1.id, s2.id].sort());
      } finally {
        await server2.close();
      }
    });

    it('coalesces real concurrent placements and ends with the API totals', async () => {
      const site = await buildSite();
      await Promise.all(Array.from({ length: 40 }, () => buildRoom({ site })));
      const official = await signIn('official');
      const o = open(server.url, official.token);
      await connected(o);
      const board = new Dashboard(o, server.url, official.token);
      const parties = await Promise.all(Array.from({ length: 40 }, () => buildParty()));
      const started = Date.now();
      await Promise.all(parties.map(({ party }) => place(server.url, official.token, party.id)));
      const took = Date.now() - started;
      await server.realtime.flush();
      const fromApi = await occupancyFromApi(server.url, official.token);
      await until(() => board.sites.get(site.id)?.occupancy.occupied === 40);
      expect(board.sites.get(site.id)!.occupancy).to.deep.equal(fromApi.get(site.id));
      // One flush per 100 ms after a burst of DEFAULT_FLUSH_BURST.
      expect(board.received.length).to.be.at.most(Math.ceil(took / 100) + DEFAULT_FLUSH_BURST + 1);
      expect(board.received.length).to.be.below(40);
    });
  });

  describe('alerts', () => {
    it("tells officials and the site's managers of an alert that began with time alone, once", async () => {
      const watched = await startRealtimeServer({ alertCheckMs: 60_000 }); // checked by hand here
      try {
        const site = await buildSite();
        const room = await buildRoom({ site });
        const official = await signIn('official');
        const manager = await signIn('site_manager', { siteIds: [site.id] });
        const elsewhere = await signIn('site_manager');
        const [o, m, e] = [official, manager, elsewhere].map((u) => open(watched.url, u.token));
        await Promise.all([o, m, e].map(connected));
        const heard = [o, m, e].map((socket) => {
          const list: { kind: string; siteId: number | null }[] = [];
          socket.on('alert', (a) => list.push(a));
          return list;
        });
        await watched.realtime.checkAlerts(); // what stands now is not news

        // Nothing changed but the clock: the room has waited 30 hours for cleaning.
        await room.update({
          status: 'cleaning',
          statusChangedAt: new Date(TEST_NOW.getTime() - 30 * 3_600_000),
        });
        await watched.realtime.checkAlerts();
        await until(() => heard[0].length > 0 && heard[1].length > 0);
        await watched.realtime.checkAlerts(); // still standing: not sent again
        await new Promise((r) => setTimeout(r, 150));
        const expected = [{ kind: 'cleaning_overdue', siteId: site.id }];
        expect(heard[0].map(({ kind, siteId }) => ({ kind, siteId }))).to.deep.equal(expected);
        expect(heard[1].map(({ kind, siteId }) => ({ kind, siteId }))).to.deep.equal(expected);
        expect(heard[2], "another site's manager").to.deep.equal([]);
      } finally {
        await watched.close();
      }
    });
  });

  describe('reconnects', () => {
    it('recovers a dropped connection: missed messages arrive, totals end as the API says', async () => {
      const site = await buildSite();
      for (let i = 0; i < 4; i++) await buildRoom({ site });
      const official = await signIn('official');
      // Waits below are generous: a loaded CI machine must not make this flaky.
      const o = open(server.url, official.token, { reconnection: true });
      await connected(o);
      const board = new Dashboard(o, server.url, official.token);
      const first = await buildParty();
      await place(server.url, official.token, first.party.id);
      await server.realtime.flush();
      await until(() => board.received.length === 1);

      o.io.engine.close(); // the network drops
      await until(() => !o.connected, 20_000);
      for (let i = 0; i < 2; i++) {
        const { party } = await buildParty();
        await place(server.url, official.token, party.id);
      }
      await server.realtime.flush();
      await until(() => o.connected, 20_000);
      expect(o.recovered).to.equal(true);
      await until(() => board.sites.get(site.id)?.occupancy.occupied === 3, 20_000);
      const fromApi = await occupancyFromApi(server.url, official.token);
      expect(board.sites.get(site.id)!.occupancy).to.deep.equal(fromApi.get(site.id));
      // A recovered connection needs no snapshot, unless a message went out while it was being
      // signed in again (next test): on a loaded machine the placements can land in that window.
      expect(
        board.reloads.filter((r) => r !== 'recovered_partly'),
        'a recovered connection needs no snapshot',
      ).to.deep.equal([]);
    });

    it('tells a client recovered while a message went out during its sign-in to reload', async () => {
      // Socket.IO puts a recovering socket back in its rooms before the middleware signs it in
      // again, but delivers only to connected sockets: a message sent in between is lost to it.
      const site = await buildSite();
      await buildRoom({ site });
      const official = await signIn('official');
      const o = open(server.url, official.token, { reconnection: true });
      await connected(o);
      const board = new Dashboard(o, server.url, official.token);
      await new Promise((r) => setTimeout(r, 100)); // any first snapshot request is over

      // The database store reads the session with its user (findWithUser): that read is slowed.
      const store = authStoresFor({ redisUrl: null }).sessions.store;
      const find = store.findWithUser!;
      let signInStarted!: () => void;
      const signingIn = new Promise<void>((resolve) => (signInStarted = resolve));
      store.findWithUser = async (id: string) => {
        signInStarted();
        await new Promise((r) => setTimeout(r, 300));
        return find.call(store, id);
      };
      try {
        o.io.engine.close(); // the network drops; the client reconnects on its own
        await until(() => !o.connected, 20_000);
        await signingIn;
        domainEvents.emit({
          name: 'stay.created',
          payload: {
            partyId: 1,
            stayIds: [1],
            roomIds: [1],
            sites: [{ siteId: site.id, version: 1 }],
          },
        });
        await server.realtime.flush();
        await until(() => o.connected, 20_000);
      } finally {
        store.findWithUser = find;
      }
      expect(o.recovered).to.equal(true);
      await until(() => board.received.length > 0 || board.reloads.includes('recovered_partly'));
      expect(board.reloads).to.include('recovered_partly');
    });

    it('tells a client it could not recover to reload the snapshot, which then matches the API', async () => {
      const short = await startRealtimeServer({ flushIntervalMs: 50, recoveryWindowMs: 100 });
      try {
        const site = await buildSite();
        for (let i = 0; i < 4; i++) await buildRoom({ site });
        const official = await signIn('official');
        const o = client(short.url, official.token, { reconnection: false });
        sockets.push(o);
        await connected(o);
        const board = new Dashboard(o, short.url, official.token);
        const first = await buildParty();
        await place(short.url, official.token, first.party.id);
        await until(() => board.received.length === 1);
        o.io.engine.close();
        await until(() => !o.connected);
        for (let i = 0; i < 2; i++) {
          const { party } = await buildParty();
          await place(short.url, official.token, party.id);
        }
        await short.realtime.flush();
        await new Promise((r) => setTimeout(r, 300)); // longer than the recovery window
        o.connect();
        await until(() => o.connected);
        expect(o.recovered).to.equal(false);
        await until(() => board.reloads.includes('not_recovered'));
        await until(() => board.sites.get(site.id)?.occupancy.occupied === 3);
        const fromApi = await occupancyFromApi(short.url, official.token);
        expect(board.sites.get(site.id)!.occupancy).to.deep.equal(fromApi.get(site.id));
      } finally {
        await short.close();
      }
    });
  });
});
