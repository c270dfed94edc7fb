import { expect } from 'chai';
import { addDays } from '../../shared/dates';
import type { PartyDto } from '../../shared/dto';
import { idNumberCheckDigit } from '../../shared/idNumber';
import { AuditEvent, Party, PartyMember, Person } from '../../server/models';
import { buildParty, buildRoom, buildSite, buildStays } from '../factories';
import {
  buildKnownPerson,
  partyInput,
  validIdNumber,
  withWrongCheckDigit,
} from '../personFactories';
import { TEST_TODAY } from '../setup/app';
import { testDb, useTestDatabase } from '../setup/db';
import { apiAs } from '../setup/api';
import { expectProblem } from './problem';

const MASKED_ID = /^\d{4}\*{10}[\dX]{4}$/;

/** Rows in every table a party creation writes to. */
async function rowCounts() {
  return {
    persons: await Person.count(),
    parties: await Party.count(),
    members: await PartyMember.count(),
    audit: await AuditEvent.count(),
  };
}

/** Posts a bad party; asserts the problem, that the numbers are not in it, and that nothing was written. */
async function expectRefused(body: object, status: number, fields: string[]) {
  const before = await rowCounts();
  const res = await (await apiAs()).post('/api/parties').send(body);
  const problem = expectProblem(res, status, fields);
  const text = JSON.stringify(res.body);
  const members = (body as { members?: { idNumber?: unknown }[] }).members ?? [];
  for (const m of members) {
    if (typeof m.idNumber === 'string' && m.idNumber.length >= 17) {
      expect(text).not.to.include(m.idNumber.trim().slice(0, 17));
    }
  }
  expect(await rowCounts()).to.deep.equal(before);
  return problem;
}

describe('parties API', () => {
  useTestDatabase();

  describe('POST /api/parties', () => {
    it('creates a household with masked ID numbers and phones, derived sex and birth year', async () => {
      const mother = validIdNumber('19850315', 124); // even sequence: female
      const child = validIdNumber('20190601', 131); // odd: male
      const body = partyInput(
        [
          {
            fullName: '李娜',
            idNumber: mother.toLowerCase(),
            phone: '138-1234-5678',
            originDistrict: '410105',
            origin: { latitude: 34.8, longitude: 113.66 },
            needs: ['carer'],
          },
          { fullName: '李小明', idNumber: child, needs: ['minor'], category: 'close_contact' },
        ],
        { shareRoom: false },
      );
      const res = await (await apiAs()).post('/api/parties').send(body).expect(201);
      const party = res.body as PartyDto;
      expect(res.headers.location).to.equal(`/api/parties/${party.id}`);
      expect(party).to.include({ category: 'close_contact', shareRoom: false });
      expect(party.members.map((m) => m.fullName)).to.deep.equal(['李娜', '李小明']);
      const [m, c] = party.members;
      expect(m.idNumber).to.equal(`${mother.slice(0, 4)}**********${mother.slice(14)}`);
      expect(m.idNumber).to.match(MASKED_ID);
      expect(m.phone).to.equal('138****5678');
      expect(m).to.include({
        sex: 'female',
        birthYear: 1985,
        exposureDate: addDays(TEST_TODAY, -2),
      });
      expect(m.origin).to.deep.equal({ latitude: 34.8, longitude: 113.66 });
      expect(m.needs).to.deep.equal(['carer']);
      expect(m.currentStay).to.equal(null);
      expect(c).to.include({
        sex: 'male',
        birthYear: 2019,
        phone: null,
        category: 'close_contact',
      });
      expect(JSON.stringify(res.body)).not.to.include(mother.slice(4, 14));
    });

    it('keeps no plaintext ID number or phone anywhere in the persons table or the audit trail', async () => {
      const idNumber = validIdNumber();
      const body = partyInput([{ fullName: 'Wang Fang', idNumber, phone: '13812345678' }]);
      const res = await (await apiAs()).post('/api/parties').send(body).expect(201);
      const [rows] = await testDb().sequelize.query('SELECT * FROM persons');
      const dump = JSON.stringify(rows);
      expect(dump).not.to.include(idNumber);
      expect(dump).not.to.include('13812345678');
      expect(dump).to.include('Wang Fang');

      const events = await AuditEvent.findAll();
      expect(events.map((e) => `${e.entity} ${e.action} ${e.entityId}`)).to.deep.equal([
        `party create ${res.body.id}`,
      ]);
      const audit = JSON.stringify(events[0].get({ plain: true }));
      for (const secret of [idNumber, '13812345678', 'Wang Fang']) {
        expect(audit).not.to.include(secret);
      }
    });

    it('reuses a person known by ID number who is not in quarantine, updating their details', async () => {
      const known = await buildKnownPerson({ fullName: 'Old Name', category: 'secondary_contact' });
      // A stay that ended long ago does not make them "in quarantine".
      await buildStays({
        party: await buildParty({ people: [known], category: 'secondary_contact' }),
        status: 'released',
        entryDate: addDays(TEST_TODAY, -60),
      });
      const body = partyInput([{ fullName: 'New Name', idNumber: known.plainIdNumber }]);
      const res = await (await apiAs()).post('/api/parties').send(body).expect(201);
      const party = res.body as PartyDto;
      expect(party.members[0].id).to.equal(known.id);
      expect(await Person.count()).to.equal(1);
      await known.reload();
      expect(known).to.include({ fullName: 'New Name', category: 'close_contact' });
    });

    it('creates one person when two requests name the same new person at the same time', async () => {
      const idNumber = validIdNumber();
      const app = await apiAs();
      const responses = await Promise.all(
        [0, 1].map(() => app.post('/api/parties').send(partyInput([{ idNumber }]))),
      );
      expect(responses.map((r) => r.status)).to.deep.equal([201, 201]);
      expect(await Person.count()).to.equal(1);
      expect(await Party.count()).to.equal(2);
    });

    it('lets a room-sharing party be as large as the largest room of an active or standby site', async () => {
      await buildRoom({
        site: await buildSite({ status: 'standby', activationLeadHours: 6 }),
        beds: 3,
      });
      const body = partyInput([{}, {}, {}], { shareRoom: true });
      const res = await (await apiAs()).post('/api/parties').send(body).expect(201);
      expect(res.body).to.include({ shareRoom: true });
      expect(res.body.members).to.have.length(3);
    });
  });

  describe('POST /api/parties with bad input', () => {
    it('refuses a wrong check digit, naming the member, without echoing the number', async () => {
      const body = partyInput([{}, { idNumber: withWrongCheckDigit(validIdNumber()) }]);
      const problem = await expectRefused(body, 400, ['members.1.idNumber']);
      expect(problem.errors?.[0].message).to.match(/check digit/);
    });

    it('refuses an impossible date of birth', async () => {
      const feb30 = '41010519850230123';
      const body = partyInput([{}, { idNumber: feb30 + idNumberCheckDigit(feb30) }]);
      const problem = await expectRefused(body, 400, ['members.1.idNumber']);
      expect(problem.errors?.[0].type).to.equal('idNumber.birthDate');
    });

    it('refuses a malformed ID number', async () => {
      await expectRefused(partyInput([{ idNumber: '12345' }]), 400, ['members.0.idNumber']);
    });

    it('refuses an exposure date after today', async () => {
      const body = partyInput([{}, { exposureDate: addDays(TEST_TODAY, 1) }]);
      const problem = await expectRefused(body, 400, ['members.1.exposureDate']);
      expect(problem.errors?.[0].message).to.include(TEST_TODAY);
    });

    it('refuses an exposure date that is not a calendar date', async () => {
      await expectRefused(partyInput([{ exposureDate: '2026-02-30' }]), 400, [
        'members.0.exposureDate',
      ]);
    });

    it('refuses an unknown category, a member of another category and an unknown field', async () => {
      await expectRefused({ ...partyInput(), category: 'tourist' }, 400, ['category']);
      await expectRefused(
        partyInput([{ category: 'inbound_traveller' }, { colour: 'red' } as object]),
        400,
        ['members.0.category', 'members.1.colour'],
      );
    });

    it('refuses missing, empty and too many members', async () => {
      await expectRefused({ category: 'close_contact' }, 400, ['members']);
      await expectRefused({ category: 'close_contact', members: [] }, 400, ['members']);
      await expectRefused(partyInput(Array.from({ length: 9 }, () => ({}))), 400, ['members']);
    });

    it('refuses the same ID number twice in one request', async () => {
      const idNumber = '11010519491231002X';
      await expectRefused(partyInput([{ idNumber }, { idNumber: ' 11010519491231002x ' }]), 400, [
        'members.1.idNumber',
      ]);
    });

    it('refuses a birth year that disagrees with the ID number', async () => {
      await expectRefused(
        partyInput([{ idNumber: validIdNumber('19900101'), birthYear: 1991 }]),
        400,
        ['members.0.birthYear'],
      );
    });

    it('refuses a room-sharing party larger than any room, saying how large the largest is', async () => {
      await buildRoom({ beds: 2 });
      await buildRoom({ site: await buildSite({ status: 'preparing' }), beds: 6 }); // not open
      const problem = await expectRefused(partyInput([{}, {}, {}], { shareRoom: true }), 400, [
        'members',
      ]);
      expect(problem.errors?.find((e) => e.field === 'members')?.message).to.match(/2 beds/);
    });

    it('answers 409 for a person already in quarantine, naming the member but not the number', async () => {
      const inside = await buildKnownPerson();
      await buildStays({ party: await buildParty({ people: [inside] }), status: 'reserved' });
      const body = partyInput([{}, { idNumber: inside.plainIdNumber }]);
      const problem = await expectRefused(body, 409, ['members.1.idNumber']);
      expect(problem.errors).to.have.length(1);
      expect(problem.errors?.[0].type).to.equal('person.inQuarantine');
    });

    it('reports every bad member and field at once', async () => {
      const problem = await expectRefused(
        partyInput([
          { idNumber: withWrongCheckDigit(validIdNumber()) },
          { exposureDate: addDays(TEST_TODAY, 3) },
        ]),
        400,
        ['members.0.idNumber', 'members.1.exposureDate'],
      );
      expect(problem.errors).to.have.length(2);
    });
  });

  describe('GET /api/parties/:partyId', () => {
    it('returns the party with masked members and their current stays', async () => {
      const app = await apiAs();
      const created = (
        await app
          .post('/api/parties')
          .send(partyInput([{ phone: '+86 139 8765 4321' }, {}]))
          .expect(201)
      ).body as PartyDto;
      const [first] = await Person.findAll({ order: [['id', 'ASC']] });
      const room = await buildRoom({ beds: 2 });
      const party = await Party.findByPk(created.id);
      await buildStays({ room, party: { party: party!, people: await Person.findAll() } });

      const res = await app.get(`/api/parties/${created.id}`).expect(200);
      const body = res.body as PartyDto;
      expect(body.members.map((m) => m.id)).to.deep.equal(created.members.map((m) => m.id));
      expect(body.members[0].id).to.equal(first.id);
      expect(body.members[0].phone).to.equal('+861******4321');
      expect(body.members[0].idNumber).to.match(MASKED_ID);
      expect(body.members[0].currentStay).to.include({
        roomId: room.id,
        siteId: room.siteId,
        status: 'checked_in',
        entryDate: addDays(TEST_TODAY, -1),
      });
    });

    it('answers 404 naming partyId for an unknown party', async () => {
      expectProblem(await (await apiAs()).get('/api/parties/424242'), 404, ['partyId']);
    });
  });
});
