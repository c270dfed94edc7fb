/**
 * Building blocks shared by the demo city and the province-scale seed: districts, sites, rooms,
 * persons with encrypted ID numbers and phones, parties, current and past stays with their tests,
 * the waiting list, users and policy. Rows are collected in a `SeedBatch` and written with bulk
 * inserts; ids come from `IdSequence`s so no row is ever read back.
 *
 * Every generator keeps the rules of DESIGN §4: at most one party per room and night, occupants
 * ≤ beds, a new stay in a room starts at the earliest the day after the previous one ended (the
 * 24-hour cleaning buffer), one current stay per person, and a party's members share a room only
 * when the party is `shareRoom`.
 */
import fs from 'node:fs';
import type { Sequelize, Transaction } from 'sequelize';
import { hashPassword } from '../server/auth/password';
import {
  deriveKeys,
  encrypt,
  searchHash,
  type PersonalDataKeys,
} from '../server/personalData/cipher';
import { addDays } from '../shared/dates';
import type {
  Category,
  PersonNeed,
  Role,
  RoomStatus,
  SiteKind,
  SiteStatus,
  StayStatus,
} from '../shared/enums';
import { CURRENT_STAY_STATUSES } from '../shared/enums';
import { idNumberCheckDigit } from '../shared/idNumber';
import { DEFAULT_POLICY, type PolicyDocument } from '../shared/policy';
import { testSchedule } from '../server/placement/stayDates';
import { bulkInsert, IdSequence, type Row } from './bulkInsert';
import { chineseName, Random } from './random';

export interface District {
  code: string;
  zh: string;
  en: string;
  lat: number;
  lng: number;
}

function loadDistricts(): District[] {
  const file = new URL('./data/zhengzhou-districts.json', import.meta.url);
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { districts: District[] }).districts;
}

/** Child tables last: the order rows are inserted in, so every foreign key finds its parent. */
export const SEEDED_TABLES = [
  'sites',
  'rooms',
  'users',
  'user_sites',
  'persons',
  'parties',
  'party_members',
  'stays',
  'tests',
  'waiting_entries',
  'policies',
] as const;
export type SeededTable = (typeof SEEDED_TABLES)[number];
type IdTable = Exclude<SeededTable, 'user_sites' | 'party_members'>;
const ID_TABLES: IdTable[] = [
  'sites',
  'rooms',
  'users',
  'persons',
  'parties',
  'stays',
  'tests',
  'waiting_entries',
  'policies',
];

export type TableCounts = Record<SeededTable, number>;

export interface SeedSummary {
  counts: TableCounts;
  milliseconds: number;
}

const emptyCounts = (): TableCounts =>
  Object.fromEntries(SEEDED_TABLES.map((t) => [t, 0])) as TableCounts;

/** Rows waiting to be inserted, per table; `flush` writes them in foreign-key order. */
export class SeedBatch {
  private readonly rows = new Map<SeededTable, Row[]>();
  readonly counts = emptyCounts();

  add(table: SeededTable, row: Row): void {
    let list = this.rows.get(table);
    if (!list) this.rows.set(table, (list = []));
    list.push(row);
  }

  async flush(sequelize: Sequelize, transaction: Transaction): Promise<void> {
    for (const table of SEEDED_TABLES) {
      const rows = this.rows.get(table) ?? [];
      await bulkInsert(sequelize, table, rows, { transaction });
      this.counts[table] += rows.length;
    }
    this.rows.clear();
  }
}

/** Unique, valid ID numbers: district + date of birth + sequence (odd for men) + check. */
class IdNumbers {
  private readonly used = new Map<string, number>();

  make(random: Random, district: string, birthYear: number, sex: 'female' | 'male'): string {
    for (;;) {
      const birth = addDays(`${birthYear}-01-01`, random.int(0, 364)).replaceAll('-', '');
      const key = district + birth + sex;
      const taken = this.used.get(key) ?? 0;
      if (taken >= 500) continue;
      this.used.set(key, taken + 1);
      const sequence = String(taken * 2 + (sex === 'male' ? 1 : 0)).padStart(3, '0');
      const body = district + birth + sequence;
      return body + idNumberCheckDigit(body);
    }
  }
}

export interface SeedOptions {
  seed?: number;
  /** The calendar day the seed is "taken" on, `YYYY-MM-DD` in the policy time zone. */
  today: string;
  now: Date;
  /** Key material for personal data, when `keys` is not given (tests). */
  secret: string;
  /** The server's personal-data keys (from DATA_ENCRYPTION_KEY); preferred over `secret`. */
  keys?: PersonalDataKeys;
}

export const DEFAULT_SEED = 20261129;

export interface SeedContext {
  sequelize: Sequelize;
  random: Random;
  keys: PersonalDataKeys;
  today: string;
  now: Date;
  policy: PolicyDocument;
  districts: District[];
  /** When the sites were set up: before every stay. */
  openedAt: Date;
  ids: Record<IdTable, IdSequence>;
  batch: SeedBatch;
  idNumbers: IdNumbers;
}

async function createContext(
  sequelize: Sequelize,
  transaction: Transaction,
  options: SeedOptions & { keys: PersonalDataKeys; districts: District[]; openedOn: string },
): Promise<SeedContext> {
  const ids = {} as Record<IdTable, IdSequence>;
  for (const table of ID_TABLES) ids[table] = await IdSequence.after(sequelize, table, transaction);
  return {
    sequelize,
    random: new Random(options.seed ?? DEFAULT_SEED),
    keys: options.keys,
    today: options.today,
    now: options.now,
    policy: DEFAULT_POLICY,
    districts: options.districts,
    openedAt: localTime(options.openedOn, 9),
    ids,
    batch: new SeedBatch(),
    idNumbers: new IdNumbers(),
  };
}

/** An instant on a calendar day at a local hour in Asia/Shanghai (UTC+8, no daylight saving). */
function localTime(date: string, hour: number, minute = 0): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) + ((hour - 8) * 60 + minute) * 60_000);
}

function notAfter(instant: Date, limit: Date): Date {
  return instant.getTime() > limit.getTime() ? limit : instant;
}

// ---------------------------------------------------------------------------------------------
// Sites and rooms

export interface SiteRecord {
  id: number;
  code: string;
  district: District;
  kind: SiteKind;
  status: SiteStatus;
  categories: Category[];
}

export interface RoomRecord {
  id: number;
  site: SiteRecord;
  floor: number;
  number: string;
  beds: number;
  accessible: boolean;
  family: boolean;
  status: RoomStatus;
  statusChangedAt: Date;
  /** Entry date of the earliest stay already planned in the room; older stays end before it. */
  busyFrom: string | null;
}

const DISTRICT_ABBREVIATIONS: Record<string, string> = {
  '410102': 'ZY',
  '410103': 'EQ',
  '410104': 'GC',
  '410105': 'JS',
  '410106': 'SJ',
  '410108': 'HJ',
  '410122': 'ZM',
  '410181': 'GY',
  '410183': 'XM',
  '410184': 'XZ',
  '410185': 'DF',
};

/** Site kinds by round over the districts: every district's first site is a hotel. */
const KIND_ROUNDS: SiteKind[] = ['hotel', 'dormitory', 'hotel', 'purpose_built', 'dormitory'];
const KIND_LETTER: Record<SiteKind, string> = { hotel: 'H', dormitory: 'D', purpose_built: 'P' };
const KIND_NAME: Record<SiteKind, string> = {
  hotel: '隔离酒店',
  dormitory: '集中隔离公寓',
  purpose_built: '方舱隔离点',
};
const KIND_CATEGORIES: Record<SiteKind, Category[]> = {
  hotel: ['close_contact', 'inbound_traveller', 'high_risk_arrival'],
  dormitory: ['close_contact', 'secondary_contact', 'high_risk_arrival'],
  purpose_built: ['close_contact', 'secondary_contact', 'inbound_traveller', 'high_risk_arrival'],
};
const STREETS = ['建设', '中原', '花园', '文化', '大学', '经三', '农业', '金水', '航海', '陇海'];

/**
 * Sites round-robin over the districts; codes depend only on the position (`ZY-H01` is always
 * the first site), so logins can name their sites. The last `standby` sites are the reserve.
 */
function buildSites(ctx: SeedContext, counts: { active: number; standby: number }): SiteRecord[] {
  const { random, districts } = ctx;
  const perKind = new Map<string, number>();
  const sites: SiteRecord[] = [];
  const total = counts.active + counts.standby;
  for (let i = 0; i < total; i += 1) {
    const district = districts[i % districts.length];
    const kind = KIND_ROUNDS[Math.floor(i / districts.length) % KIND_ROUNDS.length];
    const key = district.code + kind;
    const n = (perKind.get(key) ?? 0) + 1;
    perKind.set(key, n);
    const abbreviation = DISTRICT_ABBREVIATIONS[district.code] ?? district.en.slice(0, 2);
    const code = `${abbreviation.toUpperCase()}-${KIND_LETTER[kind]}${String(n).padStart(2, '0')}`;
    const status: SiteStatus = i < counts.active ? 'active' : 'standby';
    const categories = KIND_CATEGORIES[kind].filter(
      (_category, index) => index === 0 || !random.chance(0.15),
    );
    const site: SiteRecord = { id: ctx.ids.sites.next(), code, district, kind, status, categories };
    sites.push(site);
    ctx.batch.add('sites', {
      id: site.id,
      code,
      name: `${district.zh}第${n}${KIND_NAME[kind]}`,
      district: district.code,
      address: `郑州市${district.zh}${random.pick(STREETS)}路${random.int(1, 300)}号`,
      latitude: round6(district.lat + random.real(-0.05, 0.05)),
      longitude: round6(district.lng + random.real(-0.05, 0.05)),
      kind,
      status,
      acceptedCategories: JSON.stringify(categories),
      contactName: chineseName(random, random.pick(['female', 'male'] as const)),
      contactPhone: randomPhone(random),
      activationLeadHours: status === 'standby' ? random.pick([6, 12, 24, 48]) : null,
      createdAt: ctx.openedAt,
      updatedAt: ctx.openedAt,
    });
  }
  return sites;
}

const round6 = (value: number) => Math.round(value * 1e6) / 1e6;

/** Splits `total` into integer parts proportional to `weights` (largest remainder). */
function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  const order = exact.map((x, i) => [x - parts[i], i] as const).sort((a, b) => b[0] - a[0]);
  const remainder = total - parts.reduce((a, b) => a + b, 0);
  for (let k = 0; k < remainder; k += 1) parts[order[k][1]] += 1;
  return parts;
}

const ROOMS_PER_FLOOR: Record<SiteKind, [number, number]> = {
  hotel: [12, 24],
  dormitory: [16, 30],
  purpose_built: [20, 36],
};
const ROOM_MIX: Record<SiteKind, { family: number; double: number }> = {
  hotel: { family: 0.07, double: 0.2 },
  dormitory: { family: 0.05, double: 0.4 },
  purpose_built: { family: 0.05, double: 0.1 },
};

/** Exactly `total` rooms over the sites, floor by floor. Rows are written by `writeRooms`. */
function buildRooms(ctx: SeedContext, sites: SiteRecord[], total: number): RoomRecord[] {
  const { random } = ctx;
  const weight: Record<SiteKind, number> = { hotel: 1, dormitory: 1.3, purpose_built: 1.6 };
  const quotas = apportion(
    total,
    sites.map((s) => weight[s.kind] * random.real(0.7, 1.3)),
  );
  const rooms: RoomRecord[] = [];
  sites.forEach((site, index) => {
    const perFloor = random.int(...ROOMS_PER_FLOOR[site.kind]);
    const firstFloor = site.kind === 'hotel' ? 2 : 1;
    const mix = ROOM_MIX[site.kind];
    for (let k = 0; k < quotas[index]; k += 1) {
      const floor = firstFloor + Math.floor(k / perFloor);
      const position = k % perFloor;
      const kind = random.weighted([
        ['family', mix.family],
        ['double', mix.double],
        ['single', 1 - mix.family - mix.double],
      ] as const);
      rooms.push({
        id: ctx.ids.rooms.next(),
        site,
        floor,
        number: `${floor}${String(position + 1).padStart(2, '0')}`,
        beds: kind === 'family' ? random.int(3, 4) : kind === 'double' ? 2 : 1,
        family: kind === 'family',
        accessible: position < 2 || random.chance(0.02),
        status: 'available',
        statusChangedAt: ctx.openedAt,
        busyFrom: null,
      });
    }
  });
  return rooms;
}

function writeRooms(ctx: SeedContext, rooms: RoomRecord[]): void {
  for (const room of rooms) {
    ctx.batch.add('rooms', {
      id: room.id,
      siteId: room.site.id,
      number: room.number,
      floor: room.floor,
      beds: room.beds,
      accessible: room.accessible,
      family: room.family,
      status: room.status,
      statusChangedAt: room.statusChangedAt,
      version: 0,
      createdAt: ctx.openedAt,
      updatedAt: room.statusChangedAt,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Persons, parties, stays, tests

type Sex = 'female' | 'male';

interface Member {
  sex: Sex;
  age: number;
  needs: PersonNeed[];
}

function randomPhone(random: Random): string {
  return `1${random.pick(['3', '5', '7', '8'])}${String(random.int(0, 999_999_999)).padStart(9, '0')}`;
}

const randomSex = (random: Random): Sex => (random.chance(0.5) ? 'female' : 'male');

function addPerson(
  ctx: SeedContext,
  member: Member,
  category: Category,
  exposureDate: string,
  origin: District,
  createdAt: Date,
): number {
  const { random, keys } = ctx;
  const id = ctx.ids.persons.next();
  const birthYear = Number(ctx.today.slice(0, 4)) - member.age;
  const idNumber = ctx.idNumbers.make(random, origin.code, birthYear, member.sex);
  const phone = randomPhone(random).replace(/\D/g, '');
  ctx.batch.add('persons', {
    id,
    fullName: chineseName(random, member.sex),
    idNumberCipher: encrypt(keys, idNumber),
    idNumberHash: searchHash(keys, idNumber),
    phoneCipher: encrypt(keys, phone),
    phoneHash: searchHash(keys, phone),
    sex: member.sex,
    birthYear,
    category,
    exposureDate,
    originDistrict: origin.code,
    originLatitude: round6(origin.lat + random.real(-0.03, 0.03)),
    originLongitude: round6(origin.lng + random.real(-0.03, 0.03)),
    needs: JSON.stringify(member.needs),
    createdAt,
    updatedAt: createdAt,
  });
  return id;
}

function addParty(
  ctx: SeedContext,
  category: Category,
  shareRoom: boolean,
  personIds: number[],
  createdAt: Date,
): number {
  const id = ctx.ids.parties.next();
  ctx.batch.add('parties', { id, category, shareRoom, createdAt, updatedAt: createdAt });
  for (const personId of personIds) ctx.batch.add('party_members', { partyId: id, personId });
  return id;
}

interface StaySpec {
  personId: number;
  partyId: number;
  room: RoomRecord;
  exposureDate: string;
  entryDate: string;
  plannedReleaseDate: string;
  status: StayStatus;
  checkedInAt: Date | null;
  endedAt: Date | null;
  createdAt: Date;
  category: Category;
  withTests: boolean;
}

const CURRENT: readonly StayStatus[] = CURRENT_STAY_STATUSES;

function addStay(ctx: SeedContext, spec: StaySpec): void {
  const id = ctx.ids.stays.next();
  const current = CURRENT.includes(spec.status);
  const updatedAt = spec.endedAt ?? spec.checkedInAt ?? spec.createdAt;
  ctx.batch.add('stays', {
    id,
    personId: spec.personId,
    partyId: spec.partyId,
    roomId: spec.room.id,
    entryDate: spec.entryDate,
    plannedReleaseDate: spec.plannedReleaseDate,
    releaseDate: current ? null : spec.plannedReleaseDate,
    status: spec.status,
    checkedInAt: spec.checkedInAt,
    endedAt: spec.endedAt,
    endReason: current ? null : 'Quarantine completed',
    activePersonId: current ? spec.personId : null,
    createdAt: spec.createdAt,
    updatedAt,
  });
  if (!spec.withTests) return;
  // The server's own schedule: day N is exposure + N, days before arrival tested on arrival.
  const schedule = testSchedule(
    ctx.policy,
    spec.category,
    spec.exposureDate,
    spec.entryDate,
    spec.plannedReleaseDate,
  );
  for (const { day, dueDate } of schedule) {
    const done = dueDate < ctx.today;
    const sampledAt = done ? localTime(dueDate, 9, ctx.random.int(0, 120)) : null;
    const resultAt = done ? localTime(dueDate, 17, ctx.random.int(0, 240)) : null;
    ctx.batch.add('tests', {
      id: ctx.ids.tests.next(),
      stayId: id,
      day,
      dueDate,
      result: done ? 'negative' : 'pending',
      sampledAt,
      resultAt,
      createdAt: spec.createdAt,
      updatedAt: resultAt ?? spec.createdAt,
    });
  }
}

/**
 * One released stay of a single person, ending (and released) on `releaseDate`: the person, a
 * one-person party and the stay. Used for the history and for rooms now in cleaning.
 */
function addReleasedStay(
  ctx: SeedContext,
  room: RoomRecord,
  releaseDate: string,
  category: Category,
  withTests: boolean,
): { entryDate: string; endedAt: Date } {
  const { random } = ctx;
  const lag = random.int(0, 2);
  const exposureDate = addDays(releaseDate, -ctx.policy.categories[category].quarantineDays);
  const entryDate = addDays(exposureDate, lag);
  const checkedInAt = localTime(entryDate, random.int(12, 20), random.int(0, 59));
  const endedAt = notAfter(localTime(releaseDate, random.int(8, 11), random.int(0, 59)), ctx.now);
  const createdAt = new Date(checkedInAt.getTime() - random.int(60, 360) * 60_000);
  const origin = random.chance(0.7) ? room.site.district : random.pick(ctx.districts);
  const member: Member = { sex: randomSex(random), age: random.int(18, 80), needs: [] };
  const personId = addPerson(ctx, member, category, exposureDate, origin, createdAt);
  const partyId = addParty(ctx, category, false, [personId], createdAt);
  addStay(ctx, {
    personId,
    partyId,
    room,
    exposureDate,
    entryDate,
    plannedReleaseDate: releaseDate,
    status: 'released',
    checkedInAt,
    endedAt,
    createdAt,
    category,
    withTests,
  });
  return { entryDate, endedAt };
}

const CATEGORY_MIX: readonly (readonly [Category, number])[] = [
  ['close_contact', 0.45],
  ['secondary_contact', 0.3],
  ['inbound_traveller', 0.1],
  ['high_risk_arrival', 0.15],
];

function pickCategory(random: Random, accepted: Category[]): Category {
  return random.weighted(CATEGORY_MIX.filter(([c]) => accepted.includes(c)));
}

// ---------------------------------------------------------------------------------------------
// The current situation: who is in quarantine today

interface Floor {
  rooms: RoomRecord[];
  category: Category;
  /** Day offset from today around which this floor's parties arrived (cohorts by entry date). */
  cohort: number;
}

function floorsOf(rooms: RoomRecord[]): RoomRecord[][] {
  const floors = new Map<string, RoomRecord[]>();
  for (const room of rooms) {
    const key = `${room.site.id}/${room.floor}`;
    let list = floors.get(key);
    if (!list) floors.set(key, (list = []));
    list.push(room);
  }
  return [...floors.values()];
}

const isFree = (room: RoomRecord) => room.status === 'available' && room.busyFrom === null;

/**
 * Puts exactly `targetPersons` people into the active sites' rooms: one category per floor,
 * entry dates in cohorts over the last two weeks up to tomorrow, households sharing family or
 * double rooms (`shareRoom`) or in separate rooms on one floor. A few rooms are out of service
 * and a few are being cleaned after a stay released yesterday.
 */
function placeCurrentParties(ctx: SeedContext, rooms: RoomRecord[], targetPersons: number): void {
  const { random } = ctx;
  const floors: Floor[] = floorsOf(rooms.filter((r) => r.site.status === 'active')).map(
    (floorRooms) => ({
      rooms: floorRooms,
      category: pickCategory(random, floorRooms[0].site.categories),
      cohort: random.int(-12, 1),
    }),
  );
  for (const floor of floors) {
    for (const room of floor.rooms) {
      if (random.chance(0.01)) {
        room.status = 'out_of_service';
        room.statusChangedAt = localTime(addDays(ctx.today, -random.int(1, 6)), 10);
      } else if (random.chance(0.03)) {
        const ended = addReleasedStay(ctx, room, addDays(ctx.today, -1), floor.category, true);
        room.status = 'cleaning';
        room.statusChangedAt = ended.endedAt;
        room.busyFrom = ended.entryDate;
      }
    }
  }
  const capacity = floors.reduce((n, f) => n + f.rooms.filter(isFree).length, 0);
  let placed = 0;
  let probability = Math.min(1, targetPersons / (capacity * 1.15));
  random.shuffle(floors);
  while (placed < targetPersons) {
    const before = placed;
    for (const floor of floors) {
      for (let i = 0; i < floor.rooms.length && placed < targetPersons; i += 1) {
        const room = floor.rooms[i];
        if (!isFree(room) || !random.chance(probability)) continue;
        placed += placeParty(ctx, floor, i, targetPersons - placed);
      }
    }
    if (placed === before) throw new Error(`Only ${placed} of ${targetPersons} persons fit`);
    probability = 1;
  }
}

/** Places one party starting at `floor.rooms[index]`; returns how many people it holds. */
function placeParty(ctx: SeedContext, floor: Floor, index: number, remaining: number): number {
  const { random } = ctx;
  const room = floor.rooms[index];
  const category = floor.category;
  let members: Member[];
  let partyRooms: RoomRecord[] = [room];
  let shareRoom = false;
  if (room.family || (room.beds === 2 && random.chance(0.3))) {
    shareRoom = true;
    const size = Math.min(remaining, random.int(2, room.beds));
    members = household(random, size, room.family);
  } else if (random.chance(0.08) && remaining > 1) {
    // A household in separate single rooms on the same floor.
    const more = floor.rooms
      .slice(index + 1)
      .filter((r) => isFree(r) && !r.family)
      .slice(0, Math.min(remaining, random.int(2, 3)) - 1);
    partyRooms = [room, ...more];
    members = partyRooms.map(() => ({
      sex: randomSex(random),
      age: random.int(18, 75),
      needs: [],
    }));
  } else {
    members = [{ sex: randomSex(random), age: random.int(18, 80), needs: [] }];
  }
  if (shareRoom && members.length === 1) shareRoom = false;
  if (room.accessible && random.chance(0.4)) members[0].needs.push('wheelchair');
  if (random.chance(0.05)) members[0].needs.push('medical');

  const quarantineDays = ctx.policy.categories[category].quarantineDays;
  const lag = random.int(0, 2);
  // Still in quarantine this morning: exposure + quarantine days >= today. The oldest cohorts are
  // due for release today, so a site manager's "today's releases" list has work in it.
  const offset = clamp(floor.cohort + random.int(-2, 2), lag - quarantineDays, 1);
  const entryDate = addDays(ctx.today, offset);
  const exposureDate = addDays(entryDate, -lag);
  const plannedReleaseDate = addDays(exposureDate, quarantineDays);
  const status: StayStatus =
    offset < 0 ? 'checked_in' : offset === 0 && random.chance(0.5) ? 'in_transit' : 'reserved';
  const createdAt = notAfter(localTime(entryDate, random.int(0, 9), random.int(0, 59)), ctx.now);
  const checkedInAt =
    status === 'checked_in' ? localTime(entryDate, random.int(12, 20), random.int(0, 59)) : null;
  const origin = random.chance(0.7) ? room.site.district : random.pick(ctx.districts);
  const personIds = members.map((m) =>
    addPerson(ctx, m, category, exposureDate, origin, createdAt),
  );
  const partyId = addParty(ctx, category, shareRoom, personIds, createdAt);
  personIds.forEach((personId, k) => {
    const stayRoom = shareRoom ? room : partyRooms[k];
    stayRoom.busyFrom = entryDate;
    addStay(ctx, {
      personId,
      partyId,
      room: stayRoom,
      exposureDate,
      entryDate,
      plannedReleaseDate,
      status,
      checkedInAt,
      endedAt: null,
      createdAt,
      category,
      withTests: true,
    });
  });
  return members.length;
}

const clamp = (value: number, min: number, max: number) => Math.max(min, Math.min(max, value));

/** People who share a room: a parent with children, or a carer with an elderly person. */
function household(random: Random, size: number, family: boolean): Member[] {
  if (size === 1) return [{ sex: randomSex(random), age: random.int(18, 80), needs: [] }];
  if (family || random.chance(0.5)) {
    const parent: Member = { sex: randomSex(random), age: random.int(26, 50), needs: [] };
    const children = Array.from({ length: size - 1 }, (): Member => {
      const age = random.int(1, 17);
      return { sex: randomSex(random), age, needs: ['minor'] };
    });
    return [parent, ...children];
  }
  return [
    { sex: randomSex(random), age: random.int(30, 60), needs: [] },
    { sex: randomSex(random), age: random.int(72, 92), needs: ['carer'] },
  ];
}

// ---------------------------------------------------------------------------------------------
// History: released stays before the current ones

/**
 * `perRoom[i]` released stays in `rooms[i]`, one person each, walking back in time from the
 * room's earliest planned stay (or from today), each ending at least one day before the next
 * begins. Gaps are drawn so the stays spread over about `horizonDays`.
 */
export function addPastStays(
  ctx: SeedContext,
  rooms: RoomRecord[],
  perRoom: number[],
  options: { horizonDays: number; withTests: boolean },
): void {
  const { random } = ctx;
  rooms.forEach((room, i) => {
    const quota = perRoom[i];
    if (quota === 0) return;
    const typicalLength = 12;
    const slack = options.horizonDays - quota * typicalLength;
    const maxGap = Math.max(0, Math.floor((2 * slack) / quota));
    let nextEntry = room.busyFrom ?? ctx.today;
    for (let k = 0; k < quota; k += 1) {
      const releaseDate = addDays(nextEntry, -1 - random.int(0, maxGap));
      const category = pickCategory(random, room.site.categories);
      nextEntry = addReleasedStay(ctx, room, releaseDate, category, options.withTests).entryDate;
    }
    room.busyFrom = nextEntry;
  });
}

/** `total` spread as evenly as possible over `n` slots, the remainder on random slots. */
export function spread(random: Random, total: number, n: number): number[] {
  const parts = new Array<number>(n).fill(Math.floor(total / n));
  const order = random.shuffle(Array.from({ length: n }, (_, i) => i));
  for (let k = 0; k < total % n; k += 1) parts[order[k]] += 1;
  return parts;
}

// ---------------------------------------------------------------------------------------------
// Waiting list, users, policy

const WAITING_REASONS = [
  'No free room in a site accepting this category',
  'No accessible room free for a wheelchair user',
  'No family room free for a household sharing a room',
  'Household needs rooms on one floor: none free',
];

/** `count` unplaced parties queued minutes to hours before now. */
function addWaitingList(ctx: SeedContext, count: number): void {
  const { random } = ctx;
  for (let k = 0; k < count; k += 1) {
    const category = random.weighted(CATEGORY_MIX);
    const size = random.weighted([
      [1, 0.6],
      [2, 0.25],
      [3, 0.15],
    ] as const);
    const queuedAt = new Date(ctx.now.getTime() - random.int(5, 360) * 60_000);
    const exposureDate = addDays(ctx.today, -random.int(0, 2));
    const origin = random.pick(ctx.districts);
    const members = household(random, size, size > 2);
    const reason = size > 1 ? WAITING_REASONS[2] : random.pick(WAITING_REASONS);
    if (reason === WAITING_REASONS[1]) members[0].needs.push('wheelchair');
    const personIds = members.map((m) =>
      addPerson(ctx, m, category, exposureDate, origin, queuedAt),
    );
    const partyId = addParty(ctx, category, size > 1, personIds, queuedAt);
    ctx.batch.add('waiting_entries', {
      id: ctx.ids.waiting_entries.next(),
      partyId,
      category,
      priority: ctx.policy.categories[category].priority,
      status: 'waiting',
      reason,
      queuedAt,
      resolvedAt: null,
      createdAt: queuedAt,
      updatedAt: queuedAt,
    });
  }
}

export interface DemoLogin {
  username: string;
  password: string;
  role: Role;
  siteCodes?: string[];
}

/** One user per role; printed by `npm run db:seed` and shown in the README. */
export const DEMO_LOGINS: readonly DemoLogin[] = [
  { username: 'admin', password: 'admin-demo-2026', role: 'admin' },
  { username: 'official', password: 'official-demo-2026', role: 'official' },
  {
    username: 'manager',
    password: 'manager-demo-2026',
    role: 'site_manager',
    // Hotels with arrivals (SJ-H01), releases due (JS-H01) and rooms in cleaning today, so the
    // manager has the day's work to do; among the first six sites, which every seed scale builds.
    siteCodes: ['SJ-H01', 'JS-H01'],
  },
  { username: 'transport', password: 'transport-demo-2026', role: 'transport' },
];

const DISPLAY_NAMES: Record<Role, string> = {
  admin: 'Demo administrator',
  official: 'Demo health official',
  site_manager: 'Demo site manager',
  transport: 'Demo transport coordinator',
};

/** The demo users (passwords hashed) and the policy in force, created by the admin. */
async function addUsersAndPolicy(ctx: SeedContext, sites: SiteRecord[]): Promise<void> {
  const byCode = new Map(sites.map((s) => [s.code, s]));
  let adminId: number | null = null;
  for (const login of DEMO_LOGINS) {
    const id = ctx.ids.users.next();
    if (login.role === 'admin') adminId = id;
    ctx.batch.add('users', {
      id,
      username: login.username,
      displayName: DISPLAY_NAMES[login.role],
      passwordHash: await hashPassword(login.password),
      role: login.role,
      disabledAt: null,
      createdAt: ctx.openedAt,
      updatedAt: ctx.openedAt,
    });
    for (const code of login.siteCodes ?? []) {
      const site = byCode.get(code);
      if (!site) throw new Error(`Demo login ${login.username}: no site ${code}`);
      ctx.batch.add('user_sites', { userId: id, siteId: site.id });
    }
  }
  ctx.batch.add('policies', {
    id: ctx.ids.policies.next(),
    document: JSON.stringify(ctx.policy),
    createdByUserId: adminId,
    createdAt: ctx.openedAt,
  });
}

// ---------------------------------------------------------------------------------------------
// Today's city, the part both seeds share

export interface PresentSize {
  /** How many of the districts file's districts to use (all when absent). */
  districts?: number;
  activeSites: number;
  standbySites: number;
  rooms: number;
  currentPersons: number;
  /** Parties on the waiting list: a number drawn from [min, max]. */
  waiting: readonly [number, number];
}

/**
 * Opens a seed context inside `transaction` and adds today's city to its batch (not yet
 * flushed): sites, rooms, current stays with tests, the waiting list, users and policy.
 */
export async function buildPresent(
  sequelize: Sequelize,
  transaction: Transaction,
  options: SeedOptions,
  setup: { size: PresentSize; openedOn: string },
): Promise<{ ctx: SeedContext; sites: SiteRecord[]; rooms: RoomRecord[] }> {
  const { size } = setup;
  const ctx = await createContext(sequelize, transaction, {
    ...options,
    keys: options.keys ?? deriveKeys(options.secret),
    districts: loadDistricts().slice(0, size.districts),
    openedOn: setup.openedOn,
  });
  const sites = buildSites(ctx, { active: size.activeSites, standby: size.standbySites });
  const rooms = buildRooms(ctx, sites, size.rooms);
  placeCurrentParties(ctx, rooms, size.currentPersons);
  writeRooms(ctx, rooms);
  addWaitingList(ctx, ctx.random.int(...size.waiting));
  await addUsersAndPolicy(ctx, sites);
  return { ctx, sites, rooms };
}
