import { Op, UniqueConstraintError, type Transaction } from 'sequelize';
import type { IsoDate } from '../../shared/dates';
import type { PartyCreateInput, PersonInput, ProblemFieldError } from '../../shared/dto';
import { normaliseIdNumber } from '../../shared/idNumber';
import { inTransaction, RetryableConflict } from '../db/transaction';
import { conflict, validationError } from '../errors';
import { Party, PartyMember, Person, Stay } from '../models';
import { encrypt, searchHash, searchHashes, type PersonalDataKeys } from '../personalData/cipher';
import { readIdNumber, type IdNumberReading } from '../personalData/idNumberFacts';
import { normalisePhone } from '../personalData/mask';
import { largestRoomBeds } from '../queries/persons';
import { recordAudit } from './audit';
import type { ServiceContext } from './context';

export interface CreatePartyProps {
  keys: PersonalDataKeys;
  input: PartyCreateInput;
}

export interface CreatedParty {
  party: Party;
  /** Ordered by person id. */
  members: Person[];
}

/** A member after normalisation, with what its ID number says and the keyed hashes. */
interface Member {
  index: number;
  input: PersonInput;
  idNumber: string;
  idNumberHash: string;
  /** The hash under every key in use (current first), to find people sealed with an older key. */
  idNumberHashes: string[];
  reading: IdNumberReading;
  /** Normalised; undefined when left out (a known person keeps theirs). */
  phone: string | null | undefined;
  /** Given, or read from a valid ID number. */
  birthYear: number | undefined;
  sex: PersonInput['sex'];
}

/**
 * Records a party (one person or a household) and its people, in one transaction, or nothing.
 *
 * Refuses with 400, naming `members.N.<field>`, an ID number with a wrong check digit or an
 * impossible date of birth, a birth year that disagrees with it, an exposure date after today and
 * the same ID number twice; and, naming `members`, a room-sharing party larger than the largest
 * room of any active or standby site. Refuses with 409 a person who already has a current stay.
 * A person known by ID number (keyed hash) is reused and their details updated; others are
 * created. ID numbers and phones are stored only encrypted plus hashed, and no error message
 * contains them. One audit event, without personal fields.
 */
export async function createParty(
  ctx: ServiceContext,
  { keys, input }: CreatePartyProps,
): Promise<CreatedParty> {
  const members = input.members.map((m, index) => readMember(keys, m, index, ctx.today));
  // Room size is advice here (placement enforces beds), so it is read before the transaction.
  const problems = [
    ...checkMembers(members, ctx.today),
    ...(input.shareRoom ? await checkRoomSharing(ctx, members.length) : []),
  ];
  if (problems.length) throw validationError(problems);

  return inTransaction(ctx.sequelize, async (transaction) => {
    const known = await Person.findAll({
      where: { idNumberHash: { [Op.in]: members.flatMap((m) => m.idNumberHashes) } },
      transaction,
    });
    const stored = new Map(known.map((p) => [p.idNumberHash, p]));
    // Keyed by the current hash, whichever key the stored row was hashed with.
    const byHash = new Map(
      members.flatMap((m) => {
        const person = m.idNumberHashes.map((h) => stored.get(h)).find(Boolean);
        return person ? [[m.idNumberHash, person] as const] : [];
      }),
    );
    await refuseMembersInQuarantine(members, byHash, transaction);

    const people: Person[] = [];
    for (const member of members) {
      people.push(
        await savePerson(keys, input, member, byHash.get(member.idNumberHash), transaction),
      );
    }
    const party = await Party.create(
      {
        category: input.category,
        shareRoom: input.shareRoom ?? false,
        registeredByUserId: ctx.actor.userId,
      },
      { transaction },
    );
    await PartyMember.bulkCreate(
      people.map((p) => ({ partyId: party.id, personId: p.id })),
      { transaction },
    );
    await recordAudit(transaction, ctx.actor, {
      entity: 'party',
      entityId: party.id,
      action: 'create',
      after: {
        id: party.id,
        category: party.category,
        shareRoom: party.shareRoom,
        members: people.map((p) => ({
          personId: p.id,
          reused: p.idNumberHash !== null && byHash.has(p.idNumberHash),
        })),
      },
    });
    return { party, members: [...people].sort((a, b) => a.id - b.id) };
  });
}

function readMember(
  keys: PersonalDataKeys,
  input: PersonInput,
  index: number,
  today: IsoDate,
): Member {
  const idNumber = normaliseIdNumber(input.idNumber);
  const reading = readIdNumber(idNumber, today);
  return {
    index,
    input,
    idNumber,
    idNumberHash: searchHash(keys, idNumber),
    idNumberHashes: searchHashes(keys, idNumber),
    reading,
    phone: typeof input.phone === 'string' ? normalisePhone(input.phone) : input.phone,
    birthYear: input.birthYear ?? (reading.valid ? reading.birthYear : undefined),
    sex: input.sex ?? (reading.valid ? reading.sex : undefined),
  };
}

const fieldError = (
  field: string,
  reason: string,
  type: string,
  params?: ProblemFieldError['params'],
): ProblemFieldError => ({
  field,
  message: `${field} ${reason}`,
  type,
  ...(params && { params }),
});

/** What Joi cannot see: check digits, dates against today, duplicates within the request. */
function checkMembers(members: Member[], today: IsoDate): ProblemFieldError[] {
  const problems: ProblemFieldError[] = [];
  const firstIndex = new Map<string, number>();
  for (const member of members) {
    const at = (field: string) => `members.${member.index}.${field}`;
    const { reading } = member;
    if (!reading.valid) {
      problems.push(fieldError(at('idNumber'), reading.reason, reading.type));
    } else if (member.birthYear !== reading.birthYear) {
      problems.push(
        fieldError(at('birthYear'), 'does not match the ID number', 'birthYear.idNumber'),
      );
    }
    const earlier = firstIndex.get(member.idNumber);
    if (earlier !== undefined) {
      problems.push(
        fieldError(
          at('idNumber'),
          `is the same as members.${earlier}.idNumber`,
          'idNumber.duplicate',
        ),
      );
    } else {
      firstIndex.set(member.idNumber, member.index);
    }
    if (member.input.exposureDate > today) {
      problems.push(
        fieldError(at('exposureDate'), `must not be after today (${today})`, 'date.max', {
          limit: today,
        }),
      );
    }
  }
  return problems;
}

async function checkRoomSharing(ctx: ServiceContext, size: number): Promise<ProblemFieldError[]> {
  if (size <= 1) return [];
  const largest = await largestRoomBeds(ctx.sequelize);
  if (size <= largest) return [];
  const reason =
    largest === 0
      ? 'cannot share a room: no active or standby site has any room'
      : `cannot share one room: ${size} people, and the largest room of any active or standby ` +
        `site has ${largest} beds`;
  return [fieldError('members', reason, 'party.tooLargeToShare')];
}

/** 409 naming each member who already holds a current stay (without repeating their number). */
async function refuseMembersInQuarantine(
  members: Member[],
  byHash: Map<string | null, Person>,
  transaction: Transaction,
): Promise<void> {
  if (byHash.size === 0) return;
  const current = await Stay.findAll({
    attributes: ['id', 'activePersonId', 'status'],
    where: { activePersonId: { [Op.in]: [...byHash.values()].map((p) => p.id) } },
    transaction,
  });
  if (current.length === 0) return;
  const stayOf = new Map(current.map((s) => [s.activePersonId, s]));
  const errors = members.flatMap((m) => {
    const stay = stayOf.get(byHash.get(m.idNumberHash)?.id ?? null);
    if (!stay) return [];
    const field = `members.${m.index}.idNumber`;
    return [
      fieldError(
        field,
        `belongs to a person already in quarantine (stay ${stay.id}, ${stay.status})`,
        'person.inQuarantine',
      ),
    ];
  });
  throw conflict(
    { code: 'party.alreadyPlaced', params: { count: errors.length } },
    `${errors.length} member(s) already have a current stay; nothing was written.`,
    errors,
  );
}

/** Creates the person, or updates the one already known by this ID number. */
async function savePerson(
  keys: PersonalDataKeys,
  party: PartyCreateInput,
  member: Member,
  existing: Person | undefined,
  transaction: Transaction,
): Promise<Person> {
  const { input } = member;
  const details = {
    fullName: input.fullName,
    sex: member.sex ?? 'unknown',
    birthYear: member.birthYear ?? null,
    category: party.category,
    exposureDate: input.exposureDate,
    // Optional fields left out of the request keep what a known person already has.
    ...(member.phone !== undefined && {
      phoneCipher: member.phone === null ? null : encrypt(keys, member.phone),
      phoneHash: member.phone === null ? null : searchHash(keys, member.phone),
    }),
    ...(input.originDistrict !== undefined && { originDistrict: input.originDistrict }),
    ...(input.origin !== undefined && {
      originLatitude: input.origin?.latitude ?? null,
      originLongitude: input.origin?.longitude ?? null,
    }),
    ...(input.needs !== undefined && { needs: input.needs }),
  };
  if (existing) {
    // Re-sealed with the current key, so a key rotation also completes as people come back.
    return existing.update(
      {
        ...details,
        idNumberCipher: encrypt(keys, member.idNumber),
        idNumberHash: member.idNumberHash,
      },
      { transaction },
    );
  }
  try {
    return await Person.create(
      {
        phoneCipher: null,
        phoneHash: null,
        originDistrict: null,
        originLatitude: null,
        originLongitude: null,
        needs: [],
        ...details,
        idNumberCipher: encrypt(keys, member.idNumber),
        idNumberHash: member.idNumberHash,
      },
      { transaction },
    );
  } catch (error) {
    // Another request created this person since we looked: run again, and reuse them.
    if (error instanceof UniqueConstraintError) {
      throw new RetryableConflict('person created concurrently');
    }
    throw error;
  }
}
