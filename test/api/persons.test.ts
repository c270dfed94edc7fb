import { expect } from 'chai';
import { addDays } from '../../shared/dates';
import type { PersonDto, PersonListDto } from '../../shared/dto';
import { buildParty, buildRoom, buildStays } from '../factories';
import { buildKnownPerson, validIdNumber, withWrongCheckDigit } from '../personFactories';
import { TEST_TODAY } from '../setup/app';
import { testDb, useTestDatabase } from '../setup/db';
import { apiAs, type Api } from '../setup/api';
import { expectProblem } from './problem';

let api: Api;
const search = (body: object) => api.post('/api/persons/search').send(body);
const namesOf = (res: { body: unknown }) => (res.body as PersonListDto).data.map((p) => p.fullName);

describe('persons API', () => {
  useTestDatabase();
  beforeEach(async () => {
    api = await apiAs();
  });

  describe('GET /api/persons/:personId', () => {
    it('returns the person masked, with their current stay', async () => {
      const person = await buildKnownPerson({
        fullName: 'Zhao Lei',
        idNumber: '11010519491231002X',
        phone: '13812345678',
      });
      const room = await buildRoom();
      const [stay] = await buildStays({ room, party: await buildParty({ people: [person] }) });

      const res = await (await apiAs()).get(`/api/persons/${person.id}`).expect(200);
      const body = res.body as PersonDto;
      expect(body).to.include({
        id: person.id,
        fullName: 'Zhao Lei',
        idNumber: '1101**********002X',
        phone: '138****5678',
        category: 'close_contact',
      });
      expect(body.currentStay).to.deep.equal({
        stayId: stay.id,
        roomId: room.id,
        siteId: room.siteId,
        status: 'checked_in',
        entryDate: addDays(TEST_TODAY, -1),
        plannedReleaseDate: addDays(TEST_TODAY, 13),
      });
    });

    it('shows no current stay once the stay has ended', async () => {
      const person = await buildKnownPerson();
      await buildStays({ party: await buildParty({ people: [person] }), status: 'released' });
      const res = await (await apiAs()).get(`/api/persons/${person.id}`).expect(200);
      expect((res.body as PersonDto).currentStay).to.equal(null);
    });

    it('answers 404 naming personId for an unknown person, 400 for a non-numeric id', async () => {
      expectProblem(await (await apiAs()).get('/api/persons/999999'), 404, ['personId']);
      expectProblem(await (await apiAs()).get('/api/persons/abc'), 400, ['params.personId']);
    });
  });

  describe('POST /api/persons/search', () => {
    it('finds a person by ID number, however the check character is typed', async () => {
      const wanted = await buildKnownPerson({ idNumber: '11010519491231002X' });
      await buildKnownPerson();
      const res = await search({ idNumber: ' 11010519491231002x ' }).expect(200);
      const { data } = res.body as PersonListDto;
      expect(data.map((p) => p.id)).to.deep.equal([wanted.id]);
      expect(data[0].idNumber).to.equal('1101**********002X');
      expect(JSON.stringify(res.body)).not.to.include('11010519491231002');
    });

    it('finds nobody for a valid ID number that is not known', async () => {
      await buildKnownPerson();
      const res = await search({ idNumber: validIdNumber() }).expect(200);
      expect((res.body as PersonListDto).data).to.deep.equal([]);
    });

    it('finds people by phone, whatever its punctuation', async () => {
      await buildKnownPerson({ fullName: 'Phone A', phone: '138 1234 5678' });
      await buildKnownPerson({ fullName: 'Phone B', phone: '13812345678' });
      await buildKnownPerson({ fullName: 'Other', phone: '13900000000' });
      const res = await search({ phone: '138-1234-5678' }).expect(200);
      expect(namesOf(res)).to.have.members(['Phone A', 'Phone B']);
      expect((res.body as PersonListDto).data[0].phone).to.equal('138****5678');
    });

    it('finds people by name prefix, sorted by name, with LIKE wildcards taken literally', async () => {
      for (const fullName of ['Wang Xiu', 'Wang Fang', 'Li Wang', '100% Wang', '100 Wang']) {
        await buildKnownPerson({ fullName });
      }
      expect(namesOf(await search({ name: 'Wang' }).expect(200))).to.deep.equal([
        'Wang Fang',
        'Wang Xiu',
      ]);
      expect(namesOf(await search({ name: '100%' }).expect(200))).to.deep.equal(['100% Wang']);
      expect(namesOf(await search({ name: '李' }).expect(200))).to.deep.equal([]);
    });

    it('returns at most 50 people for a name search', async () => {
      for (let i = 0; i < 52; i++) await buildKnownPerson({ fullName: `Chen ${1000 + i}` });
      const res = await search({ name: 'Chen' }).expect(200);
      expect((res.body as PersonListDto).data).to.have.length(50);
    });

    it('loads the current stays of all the people found in one query', async () => {
      const room = await buildRoom({ beds: 4 });
      const people = [];
      for (let i = 0; i < 4; i++) people.push(await buildKnownPerson({ fullName: `Sun ${i}` }));
      await buildStays({ room, party: await buildParty({ people }) });
      const { sequelize } = testDb();
      const statements: string[] = [];
      const count = (sql: string) => void statements.push(sql);
      sequelize.addHook('afterQuery', 'countQueries', (_options, query) => {
        count(String((query as { sql?: string }).sql ?? ''));
      });
      try {
        const res = await search({ name: 'Sun' }).expect(200);
        const { data } = res.body as PersonListDto;
        expect(data.every((p) => p.currentStay?.roomId === room.id)).to.equal(true);
      } finally {
        sequelize.removeHook('afterQuery', 'countQueries');
      }
      expect(statements.filter((sql) => /\bstays\b/.test(sql))).to.have.length(1);
    });

    it('needs exactly one of idNumber, phone or name', async () => {
      expectProblem(await search({}), 400, ['body']);
      expectProblem(await search({ name: 'Wang', phone: '13812345678' }), 400, ['body']);
      expectProblem(await search({ name: 'Wang', colour: 'red' }), 400, ['colour']);
    });

    it('refuses an impossible ID number or phone without repeating it', async () => {
      const wrong = withWrongCheckDigit(validIdNumber());
      const res = await search({ idNumber: wrong });
      const problem = expectProblem(res, 400, ['idNumber']);
      expect(problem.errors?.[0].message).to.match(/check digit/);
      expect(JSON.stringify(res.body)).not.to.include(wrong.slice(0, 17));
      const phone = await search({ phone: '13812345678abc' });
      expectProblem(phone, 400, ['phone']);
      expect(JSON.stringify(phone.body)).not.to.include('13812345678');
    });
  });
});
