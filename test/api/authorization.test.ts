/**
 * The authorization matrix: every route of the OpenAPI document × every role (and no session)
 * answers as ACCESS_MATRIX says; a route missing from the matrix fails; site managers get 404 for
 * another site's things; README's table is the matrix.
 */
import fs from 'node:fs';
import { expect } from 'chai';
import request from 'supertest';
import type { Role } from '../../shared/enums';
import { buildParty, buildRoom, buildSite, buildStays } from '../factories';
import { testApp } from '../setup/app';
import { signIn } from '../setup/auth';
import { useTestDatabase } from '../setup/db';
import { ACCESS_MATRIX, matrixMarkdown, ROLES_IN_MATRIX } from './accessMatrix';

type Ids = Record<'siteId' | 'roomId' | 'stayId' | 'partyId' | 'personId' | 'userId', number>;

/** Bodies that pass validation, so a scope refusal is not masked by a 400. */
const BODIES: Record<string, object> = {
  'POST /api/stays/{stayId}/extend': { plannedReleaseDate: '2027-03-01', reason: 'matrix test' },
  'POST /api/stays/{stayId}/cancel': { reason: 'matrix test' },
  'POST /api/stays/{stayId}/release': { reason: 'matrix test' },
  'POST /api/parties/{partyId}/move': { reason: 'matrix test' },
  'POST /api/sites/{siteId}/rooms/{roomId}/out-of-service': { reason: 'matrix test' },
  'POST /api/persons/{personId}/reveal': { fields: ['phone'] },
};

async function placedFixtures(siteCode: string): Promise<Omit<Ids, 'userId'>> {
  const site = await buildSite({ code: siteCode });
  const room = await buildRoom({ site });
  const party = await buildParty();
  const [stay] = await buildStays({ room, party });
  return {
    siteId: site.id,
    roomId: room.id,
    stayId: stay.id,
    partyId: party.party.id,
    personId: party.people[0].id,
  };
}

function call(route: string, ids: Ids, auth?: Record<string, string>) {
  const [method, template] = route.split(' ');
  const path = template.replace(/\{(\w+)\}/g, (_, name: keyof Ids) => String(ids[name]));
  const app = testApp();
  const verb = method.toLowerCase() as 'get' | 'post' | 'patch' | 'put';
  let req = request(app)[verb](path);
  if (auth) req = req.set(auth);
  return verb === 'get' ? req : req.send(BODIES[route] ?? {});
}

describe('authorization matrix', function () {
  this.timeout(120_000);
  useTestDatabase();

  it('has a row for every route in the OpenAPI document, and none for a route that is gone', async () => {
    const doc = (await request(testApp()).get('/api/openapi.json')).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const routes = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    expect(ACCESS_MATRIX.map((r) => r.route).sort()).to.deep.equal(routes);
  });

  it('answers every route × role (and no session) as the matrix says', async () => {
    const mine = await placedFixtures('MINE');
    const { user: other } = await signIn('transport', { username: 'matrix-target' });
    const ids: Ids = { ...mine, userId: other.id };
    const sessions = Object.fromEntries(
      await Promise.all(
        ROLES_IN_MATRIX.map(async (role) => [
          role,
          (await signIn(role, role === 'site_manager' ? { siteIds: [mine.siteId] } : {})).auth,
        ]),
      ),
    ) as Record<Role, Record<string, string>>;

    const wrong: string[] = [];
    // Logging out ends the session the rest of the walk uses: do it last.
    const rows = [...ACCESS_MATRIX].sort(
      (a, b) => Number(a.route.includes('logout')) - Number(b.route.includes('logout')),
    );
    for (const row of rows) {
      const anonymous = (await call(row.route, ids)).status;
      if (row.public ? anonymous === 401 || anonymous === 403 : anonymous !== 401) {
        wrong.push(`${row.route} without a session: ${anonymous}`);
      }
      for (const role of ROLES_IN_MATRIX) {
        const status = (await call(row.route, ids, sessions[role])).status;
        const allowed = row[role] !== 'no';
        if (allowed ? status === 401 || status === 403 : status !== 403) {
          wrong.push(`${row.route} as ${role}: ${status} (matrix: ${row[role]})`);
        }
      }
    }
    expect(wrong).to.deep.equal([]);
  });

  it("answers 404 to a site manager for another site's site, rooms, stays, parties and people", async () => {
    const mine = await placedFixtures('MINE');
    const theirs = await placedFixtures('THEIRS');
    const { auth } = await signIn('site_manager', { siteIds: [mine.siteId] });
    const wrong: string[] = [];
    for (const row of ACCESS_MATRIX.filter(
      (r) => r.site_manager === 'own' && r.route.includes('{'),
    )) {
      const status = (await call(row.route, { ...theirs, userId: 0 }, auth)).status;
      if (status !== 404) wrong.push(`${row.route}: ${status}`);
    }
    expect(wrong).to.deep.equal([]);
  });

  it('is the table in README.md', () => {
    const readme = fs.readFileSync('README.md', 'utf8');
    const table = /<!-- access-matrix:start -->\n([\s\S]*?)\n<!-- access-matrix:end -->/.exec(
      readme,
    );
    // Compared cell by cell: Prettier pads markdown tables.
    const cells = (markdown: string) =>
      markdown
        .trim()
        .split('\n')
        .map((line) =>
          line
            .split('|')
            .map((cell) => cell.trim().replace(/^-+$/, '---'))
            .join('|'),
        );
    expect(cells(table?.[1] ?? ''), 'README between the access-matrix markers').to.deep.equal(
      cells(matrixMarkdown()),
    );
  });
});
