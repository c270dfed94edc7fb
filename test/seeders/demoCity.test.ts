import { CURRENT_STATUSES_SQL, EXPECTED_STATUSES_SQL } from '../../server/allocation/rules';
import { expect } from 'chai';
import { verifyPassword } from '../../server/auth/password';
import { User, WaitingEntry } from '../../server/models';
import { decrypt, deriveKeys, searchHash } from '../../server/personalData/cipher';
import { ROLES } from '../../shared/enums';
import { isValidIdNumber } from '../../shared/idNumber';
import { DEFAULT_POLICY } from '../../shared/policy';
import { DEMO_LOGINS, isDatabaseEmpty, seedDemoCity } from '../../seeders/demoCity';
import { emptyDatabase, testDb, useTestDatabase } from '../setup/db';
import { canonicalDump, count, NO_VIOLATIONS, rows, ruleViolations } from './checks';

const SECRET = 'seeder-test-secret-0123456789abcdef';
const OPTIONS = {
  seed: 7,
  today: '2026-11-29',
  now: new Date('2026-11-29T03:30:00Z'),
  secret: SECRET,
};
const CURRENT = CURRENT_STATUSES_SQL;

describe('demo city seed', () => {
  useTestDatabase();

  it('gives the same rows for the same seed, today and now, and others for another seed', async () => {
    const db = testDb();
    expect(await isDatabaseEmpty(db)).to.equal(true);
    await seedDemoCity(db, OPTIONS);
    expect(await isDatabaseEmpty(db)).to.equal(false);
    const first = await canonicalDump(db);
    await emptyDatabase(db);
    await seedDemoCity(db, OPTIONS);
    expect(await canonicalDump(db)).to.equal(first);
    await emptyDatabase(db);
    await seedDemoCity(db, { ...OPTIONS, seed: 8 });
    expect(await canonicalDump(db)).not.to.equal(first);
  });

  it('keeps every rule of DESIGN §4 and has the expected size', async () => {
    const db = testDb();
    const summary = await seedDemoCity(db, OPTIONS);
    expect(await ruleViolations(db)).to.deep.equal(NO_VIOLATIONS);

    expect(summary.counts.sites).to.equal(38);
    expect(await count(db, "SELECT COUNT(*) AS n FROM sites WHERE status = 'active'")).to.equal(30);
    const standby = await rows<{ activationLeadHours: number | null }>(
      db,
      "SELECT activationLeadHours FROM sites WHERE status = 'standby'",
    );
    expect(standby).to.have.length(8);
    expect(standby.every((s) => Number(s.activationLeadHours) > 0)).to.equal(true);
    expect(await count(db, 'SELECT COUNT(*) AS n FROM rooms')).to.equal(2500);
    expect(await count(db, 'SELECT COUNT(*) AS n FROM rooms WHERE family = 1')).to.be.above(50);
    expect(await count(db, 'SELECT COUNT(*) AS n FROM rooms r WHERE r.accessible = 1')).to.be.above(
      50,
    );
    expect(
      await count(db, "SELECT COUNT(*) AS n FROM rooms WHERE status = 'cleaning'"),
    ).to.be.above(0);
    expect(
      await count(db, "SELECT COUNT(*) AS n FROM rooms WHERE status = 'out_of_service'"),
    ).to.be.above(0);
    expect(await count(db, `SELECT COUNT(*) AS n FROM stays WHERE status IN ${CURRENT}`)).to.equal(
      1500,
    );
    expect(
      await count(db, "SELECT COUNT(*) AS n FROM stays WHERE status = 'released'"),
    ).to.be.above(1000);
    const statuses = await rows<{ status: string; first: string; last: string }>(
      db,
      `SELECT status, MIN(entryDate) AS first, MAX(entryDate) AS last FROM stays
       WHERE status IN ${CURRENT} GROUP BY status ORDER BY status`,
    );
    const byStatus = Object.fromEntries(statuses.map((s) => [s.status, s]));
    expect(Object.keys(byStatus)).to.have.members(['checked_in', 'in_transit', 'reserved']);
    expect(String(byStatus.checked_in.last)).to.match(/^2026-11-28/);
    expect(String(byStatus.checked_in.first) >= '2026-11-15').to.equal(true);
    expect(String(byStatus.reserved.first) >= '2026-11-29').to.equal(true);
    expect(
      await count(
        db,
        `SELECT COUNT(*) AS n FROM stays s JOIN parties p ON p.id = s.partyId
         WHERE s.status IN ${CURRENT} AND p.shareRoom = 1`,
      ),
    ).to.be.above(100);
    // Planned release = exposure + the category's quarantine days: today at the earliest.
    const releases = await rows<{
      category: string;
      exposureDate: string;
      plannedReleaseDate: string;
    }>(
      db,
      `SELECT p.category, p.exposureDate, s.plannedReleaseDate FROM stays s
       JOIN persons p ON p.id = s.personId WHERE s.status IN ${CURRENT}`,
    );
    for (const r of releases) {
      const days =
        (Date.parse(String(r.plannedReleaseDate)) - Date.parse(String(r.exposureDate))) /
        86_400_000;
      expect(days).to.equal(
        DEFAULT_POLICY.categories[r.category as 'close_contact'].quarantineDays,
      );
      expect(String(r.plannedReleaseDate) >= '2026-11-29').to.equal(true);
    }
    expect(
      releases.filter((r) => String(r.plannedReleaseDate).startsWith('2026-11-29')).length,
      'stays due for release today',
    ).to.be.above(0);
    // Tests: past due negative, the rest pending.
    expect(
      await count(
        db,
        "SELECT COUNT(*) AS n FROM tests WHERE dueDate < '2026-11-29' AND result <> 'negative'",
      ),
    ).to.equal(0);
    expect(
      await count(
        db,
        "SELECT COUNT(*) AS n FROM tests WHERE dueDate >= '2026-11-29' AND result <> 'pending'",
      ),
    ).to.equal(0);
    expect(summary.counts.tests).to.be.above(3000);

    const waiting = await WaitingEntry.findAll();
    expect(waiting.length).to.be.within(5, 10);
    for (const w of waiting) {
      expect(w.status).to.equal('waiting');
      expect(w.priority).to.equal(DEFAULT_POLICY.categories[w.category].priority);
      expect(w.queuedAt.getTime()).to.be.below(OPTIONS.now.getTime());
      expect(w.reason).to.be.a('string');
    }
    expect(await count(db, 'SELECT COUNT(*) AS n FROM policies')).to.equal(1);
  });

  it('stores valid ID numbers and phones only encrypted, with their search hashes', async () => {
    const db = testDb();
    await seedDemoCity(db, OPTIONS);
    const keys = deriveKeys(SECRET);
    const persons = await rows<{
      idNumberCipher: string;
      idNumberHash: string;
      phoneCipher: string;
      phoneHash: string;
      originDistrict: string;
      birthYear: number;
      sex: string;
    }>(db, 'SELECT * FROM persons ORDER BY id');
    expect(persons.length).to.be.above(1500);
    for (const p of persons) {
      const idNumber = decrypt(keys, p.idNumberCipher);
      expect(isValidIdNumber(idNumber), idNumber).to.equal(true);
      expect(idNumber.slice(0, 6)).to.equal(p.originDistrict);
      expect(Number(idNumber.slice(6, 10))).to.equal(Number(p.birthYear));
      expect(Number(idNumber[16]) % 2).to.equal(p.sex === 'male' ? 1 : 0);
      expect(p.idNumberHash).to.equal(searchHash(keys, idNumber));
      const phone = decrypt(keys, p.phoneCipher);
      expect(phone).to.match(/^1\d{10}$/);
      expect(p.phoneHash).to.equal(searchHash(keys, phone));
    }
  });

  it('creates one user per role with the demo passwords, the manager scoped to two sites', async () => {
    const db = testDb();
    await seedDemoCity(db, OPTIONS);
    const users = await rows<{ id: number; username: string; role: string; passwordHash: string }>(
      db,
      'SELECT id, username, role, passwordHash FROM users',
    );
    expect(users.map((u) => u.role)).to.have.members([...ROLES]);
    for (const login of DEMO_LOGINS) {
      const user = users.find((u) => u.username === login.username);
      expect(await verifyPassword(login.password, user?.passwordHash ?? '')).to.equal(true);
      const sites = await rows<{ code: string }>(
        db,
        `SELECT s.code FROM user_sites us JOIN sites s ON s.id = us.siteId WHERE us.userId = ${Number(user?.id)}`,
      );
      expect(sites.map((s) => s.code)).to.have.members(login.siteCodes ?? []);
    }
  });

  it("gives the demo manager a day's work: arrivals, releases due and rooms to clean", async () => {
    const db = testDb();
    await seedDemoCity(db, OPTIONS);
    const codes = DEMO_LOGINS.find((l) => l.role === 'site_manager')!.siteCodes!;
    const inManagerSites = `JOIN rooms r ON r.id = st.roomId JOIN sites s ON s.id = r.siteId
       WHERE s.code IN (${codes.map((c) => `'${c}'`).join(', ')})`;
    const [today] = await rows<{ arrivals: number; releases: number; cleaning: number }>(
      db,
      `SELECT
         (SELECT COUNT(*) FROM stays st ${inManagerSites}
            AND st.entryDate = '2026-11-29' AND st.status IN ${EXPECTED_STATUSES_SQL}) AS arrivals,
         (SELECT COUNT(*) FROM stays st ${inManagerSites}
            AND st.plannedReleaseDate = '2026-11-29' AND st.status IN ${CURRENT}) AS releases,
         (SELECT COUNT(*) FROM rooms r JOIN sites s ON s.id = r.siteId
            WHERE s.code IN (${codes.map((c) => `'${c}'`).join(', ')})
              AND r.status = 'cleaning') AS cleaning`,
    );
    expect(Number(today.arrivals), 'arrivals').to.be.above(0);
    expect(Number(today.releases), 'releases due').to.be.above(0);
    expect(Number(today.cleaning), 'rooms in cleaning').to.be.above(0);
  });

  it('leaves nothing behind when it fails half-way', async () => {
    const db = testDb();
    // Sites and rooms are inserted before users; the clash on a username rolls them back too.
    await User.create({
      username: 'transport',
      displayName: 'Existing',
      passwordHash: 'x',
      role: 'transport',
    });
    let failed = false;
    try {
      await seedDemoCity(db, OPTIONS);
    } catch {
      failed = true;
    }
    expect(failed).to.equal(true);
    expect(await isDatabaseEmpty(db)).to.equal(true);
    expect(await count(db, 'SELECT COUNT(*) AS n FROM rooms')).to.equal(0);
    expect(await count(db, 'SELECT COUNT(*) AS n FROM users')).to.equal(1);
  });
});
