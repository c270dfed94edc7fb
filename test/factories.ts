/**
 * Small builders for test data. Each fills in what it is not given, including missing parents
 * (`buildStay({})` makes a site, a room, a person and a party).
 */
import type { CreationAttributes } from 'sequelize';
import { isCurrentStatus } from '../server/allocation/rules';
import { addDays } from '../shared/dates';
import type { Category, PersonNeed } from '../shared/enums';
import { DEFAULT_POLICY } from '../shared/policy';
import {
  Party,
  PartyMember,
  Person,
  Room,
  Site,
  Stay,
  WaitingEntry,
  type Site as SiteModel,
} from '../server/models';
import { TEST_NOW, TEST_TODAY } from './setup/app';

let sequence = 0;
const next = () => ++sequence;

type Attrs<T> = Partial<T>;

export async function buildSite(attrs: Attrs<SiteModel> = {}): Promise<Site> {
  const n = next();
  return Site.create({
    code: `T-${n}`,
    name: `Test site ${n}`,
    district: '410105',
    address: `${n} Test Road`,
    latitude: 34.8,
    longitude: 113.66,
    kind: 'hotel',
    status: 'active',
    acceptedCategories: ['close_contact', 'secondary_contact', 'inbound_traveller'],
    contactName: null,
    contactPhone: null,
    activationLeadHours: null,
    ...attrs,
  });
}

export async function buildRoom(attrs: Attrs<Room> & { site?: Site } = {}): Promise<Room> {
  const { site: given, ...rest } = attrs;
  const site = given ?? (rest.siteId ? null : await buildSite());
  return Room.create({
    siteId: site ? site.id : rest.siteId!,
    number: `R${next()}`,
    floor: 1,
    beds: 1,
    ...rest,
  });
}

export async function buildPerson(attrs: Attrs<Person> = {}): Promise<Person> {
  return Person.create(personFields(attrs));
}

/** A person's columns, filled in (shared by the builders that create people). */
function personFields(attrs: Attrs<Person>): CreationAttributes<Person> {
  return {
    fullName: `Test Person ${next()}`,
    idNumberCipher: null,
    idNumberHash: null,
    phoneCipher: null,
    phoneHash: null,
    birthYear: 1980,
    category: 'close_contact',
    exposureDate: addDays(TEST_TODAY, -2),
    originDistrict: '410105',
    originLatitude: 34.8,
    originLongitude: 113.66,
    needs: [],
    ...attrs,
  };
}

/** A party of `size` new people (or the given ones), with its members recorded. */
export async function buildParty(
  attrs: {
    category?: Category;
    shareRoom?: boolean;
    people?: Person[];
    size?: number;
    /** Who registered it (their sites' managers see it while it is not placed). */
    registeredByUserId?: number;
  } = {},
): Promise<{ party: Party; people: Person[] }> {
  const category = attrs.category ?? 'close_contact';
  const people =
    attrs.people ??
    (await Promise.all(Array.from({ length: attrs.size ?? 1 }, () => buildPerson({ category }))));
  const party = await Party.create({
    category,
    shareRoom: attrs.shareRoom ?? people.length > 1,
    registeredByUserId: attrs.registeredByUserId ?? null,
  });
  await PartyMember.bulkCreate(people.map((p) => ({ partyId: party.id, personId: p.id })));
  return { party, people };
}

/** One stay per member of a party in a room, current by default and covering TEST_TODAY. */
export async function buildStays(
  attrs: {
    room?: Room;
    party?: { party: Party; people: Person[] };
    entryDate?: string;
    plannedReleaseDate?: string;
    status?: Stay['status'];
  } = {},
): Promise<Stay[]> {
  const room = attrs.room ?? (await buildRoom());
  const { party, people } = attrs.party ?? (await buildParty());
  const status = attrs.status ?? 'checked_in';
  const current = isCurrentStatus(status);
  const entryDate = attrs.entryDate ?? addDays(TEST_TODAY, -1);
  return Promise.all(
    people.map((person) =>
      Stay.create({
        personId: person.id,
        partyId: party.id,
        roomId: room.id,
        entryDate,
        plannedReleaseDate: attrs.plannedReleaseDate ?? addDays(entryDate, 14),
        status,
        activePersonId: current ? person.id : null,
      }),
    ),
  );
}

export interface WaitingSpec {
  category?: Category;
  /** People in the party (1 by default); a party of several shares a room unless told. */
  size?: number;
  shareRoom?: boolean;
  needs?: PersonNeed[];
  exposureDate?: string;
}

/**
 * Parties already on the waiting list, queued a minute apart (the first earliest) before
 * TEST_NOW, with the default policy's priority, as a placement nothing fitted would leave them.
 * Written in one transaction: tests queue hundreds.
 */
export async function buildWaitingParties(specs: readonly WaitingSpec[]): Promise<Party[]> {
  const first = TEST_NOW.getTime() - (specs.length + 1) * 60_000;
  return Party.sequelize!.transaction(async (transaction) => {
    const parties: Party[] = [];
    for (const [i, spec] of specs.entries()) {
      const category = spec.category ?? 'close_contact';
      const size = spec.size ?? 1;
      const party = await Party.create(
        { category, shareRoom: spec.shareRoom ?? size > 1 },
        { transaction },
      );
      for (let m = 0; m < size; m++) {
        const person = await Person.create(
          personFields({
            category,
            needs: spec.needs ?? [],
            ...(spec.exposureDate ? { exposureDate: spec.exposureDate } : {}),
          }),
          { transaction },
        );
        await PartyMember.create({ partyId: party.id, personId: person.id }, { transaction });
      }
      await WaitingEntry.create(
        {
          partyId: party.id,
          category,
          priority: DEFAULT_POLICY.categories[category].priority,
          reason: 'No room fits: there are no rooms in any open site.',
          queuedAt: new Date(first + i * 60_000),
        },
        { transaction },
      );
      parties.push(party);
    }
    return parties;
  });
}
