/**
 * The whole domain of DESIGN §3 in one first migration: sites, rooms, users, persons, parties,
 * stays, tests, transfers with manifests, waiting list, policy and audit events. Indexes follow
 * the scale of DESIGN §7 (stays by room and dates and by person and status; rooms by site/floor).
 */
import { DataTypes, type QueryInterface } from 'sequelize';
import type { MigrationFn } from 'umzug';
import {
  CATEGORIES,
  ROLES,
  ROOM_STATUSES,
  SEXES,
  SITE_KINDS,
  SITE_STATUSES,
  STAY_STATUSES,
  TEST_RESULTS,
  TRANSFER_KINDS,
  TRANSFER_STATUSES,
} from '../../../shared/enums';
import { enumColumn, foreignKey, idColumn, timestamps } from '../columns';

const { STRING, INTEGER, BOOLEAN, DOUBLE, TEXT, DATE, DATEONLY, CHAR } = DataTypes;

/**
 * The waiting statuses as this migration created them, frozen: `expired` came later with a
 * migration of its own (20261210010000-allow-expired-waiting-entries), which widens the CHECK.
 */
const FIRST_WAITING_STATUSES = ['waiting', 'placed', 'cancelled'] as const;

export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.createTable('sites', {
    id: idColumn(),
    code: { type: STRING(32), allowNull: false, unique: true },
    name: { type: STRING(120), allowNull: false },
    district: { type: CHAR(6), allowNull: false },
    address: { type: STRING(255), allowNull: false },
    latitude: { type: DOUBLE, allowNull: false },
    longitude: { type: DOUBLE, allowNull: false },
    kind: enumColumn('kind', SITE_KINDS),
    status: enumColumn('status', SITE_STATUSES, { defaultValue: 'preparing' }),
    // JSON array of categories; small and read with the site, never filtered on in SQL.
    acceptedCategories: { type: TEXT, allowNull: false },
    contactName: { type: STRING(120), allowNull: true },
    contactPhone: { type: STRING(32), allowNull: true },
    activationLeadHours: { type: INTEGER, allowNull: true },
    ...timestamps(),
  });
  await qi.addIndex('sites', ['status'], { name: 'sites_status' });
  await qi.addIndex('sites', ['district'], { name: 'sites_district' });

  await qi.createTable('rooms', {
    id: idColumn(),
    siteId: foreignKey('sites'),
    number: { type: STRING(16), allowNull: false },
    floor: { type: INTEGER, allowNull: false },
    beds: { type: 'INTEGER NOT NULL CHECK (`beds` > 0)' as unknown as typeof INTEGER },
    accessible: { type: BOOLEAN, allowNull: false, defaultValue: false },
    family: { type: BOOLEAN, allowNull: false, defaultValue: false },
    status: enumColumn('status', ROOM_STATUSES, { defaultValue: 'available' }),
    statusChangedAt: { type: DATE(3), allowNull: false },
    // Bumped by every placement in the room: contention is a write (DESIGN §6).
    version: { type: INTEGER, allowNull: false, defaultValue: 0 },
    ...timestamps(),
  });
  await qi.addIndex('rooms', ['siteId', 'number'], { name: 'rooms_site_number', unique: true });
  await qi.addIndex('rooms', ['siteId', 'floor'], { name: 'rooms_site_floor' });
  await qi.addIndex('rooms', ['status'], { name: 'rooms_status' });

  await qi.createTable('users', {
    id: idColumn(),
    username: { type: STRING(64), allowNull: false, unique: true },
    displayName: { type: STRING(120), allowNull: false },
    passwordHash: { type: STRING(255), allowNull: false },
    role: enumColumn('role', ROLES),
    disabledAt: { type: DATE(3), allowNull: true },
    ...timestamps(),
  });

  await qi.createTable('user_sites', {
    userId: { ...foreignKey('users', { onDelete: 'CASCADE' }), primaryKey: true },
    siteId: { ...foreignKey('sites', { onDelete: 'CASCADE' }), primaryKey: true },
  });
  await qi.addIndex('user_sites', ['siteId'], { name: 'user_sites_site' });

  await qi.createTable('persons', {
    id: idColumn(),
    fullName: { type: STRING(120), allowNull: false },
    // ID number and phone: AES-256-GCM ciphertext plus a keyed hash for exact-match search.
    idNumberCipher: { type: TEXT, allowNull: true },
    idNumberHash: { type: CHAR(64), allowNull: true, unique: true },
    phoneCipher: { type: TEXT, allowNull: true },
    phoneHash: { type: CHAR(64), allowNull: true },
    sex: enumColumn('sex', SEXES, { defaultValue: 'unknown' }),
    birthYear: { type: INTEGER, allowNull: true },
    category: enumColumn('category', CATEGORIES),
    exposureDate: { type: DATEONLY, allowNull: false },
    originDistrict: { type: CHAR(6), allowNull: true },
    originLatitude: { type: DOUBLE, allowNull: true },
    originLongitude: { type: DOUBLE, allowNull: true },
    // JSON array of needs (wheelchair, medical, minor, carer).
    needs: { type: TEXT, allowNull: false },
    ...timestamps(),
  });
  await qi.addIndex('persons', ['phoneHash'], { name: 'persons_phone_hash' });
  await qi.addIndex('persons', ['fullName'], { name: 'persons_full_name' });

  await qi.createTable('parties', {
    id: idColumn(),
    category: enumColumn('category', CATEGORIES),
    shareRoom: { type: BOOLEAN, allowNull: false, defaultValue: false },
    ...timestamps(),
  });

  await qi.createTable('party_members', {
    partyId: { ...foreignKey('parties', { onDelete: 'CASCADE' }), primaryKey: true },
    personId: { ...foreignKey('persons'), primaryKey: true },
  });
  await qi.addIndex('party_members', ['personId'], { name: 'party_members_person' });

  await qi.createTable('stays', {
    id: idColumn(),
    personId: foreignKey('persons'),
    partyId: foreignKey('parties'),
    roomId: foreignKey('rooms'),
    // Half-open [entryDate, plannedReleaseDate): one night per calendar day in APP_TIMEZONE.
    entryDate: { type: DATEONLY, allowNull: false },
    plannedReleaseDate: { type: DATEONLY, allowNull: false },
    releaseDate: { type: DATEONLY, allowNull: true },
    status: enumColumn('status', STAY_STATUSES, { defaultValue: 'reserved' }),
    checkedInAt: { type: DATE(3), allowNull: true },
    endedAt: { type: DATE(3), allowNull: true },
    endReason: { type: STRING(255), allowNull: true },
    // = personId while the stay is current, NULL afterwards: the unique index makes "one current
    // stay per person" a database guarantee, across processes (DESIGN §4 rule 2).
    activePersonId: { type: INTEGER, allowNull: true, unique: true },
    ...timestamps(),
  });
  await qi.addIndex('stays', ['roomId', 'entryDate', 'plannedReleaseDate'], {
    name: 'stays_room_dates',
  });
  await qi.addIndex('stays', ['personId', 'status'], { name: 'stays_person_status' });
  await qi.addIndex('stays', ['status', 'plannedReleaseDate'], { name: 'stays_status_release' });
  // Recently ended stays still block their room for the cleaning buffer.
  await qi.addIndex('stays', ['status', 'releaseDate'], { name: 'stays_status_ended' });
  await qi.addIndex('stays', ['partyId'], { name: 'stays_party' });

  await qi.createTable('tests', {
    id: idColumn(),
    stayId: foreignKey('stays', { onDelete: 'CASCADE' }),
    day: { type: INTEGER, allowNull: false },
    dueDate: { type: DATEONLY, allowNull: false },
    result: enumColumn('result', TEST_RESULTS, { defaultValue: 'pending' }),
    sampledAt: { type: DATE(3), allowNull: true },
    resultAt: { type: DATE(3), allowNull: true },
    ...timestamps(),
  });
  await qi.addIndex('tests', ['stayId', 'day'], { name: 'tests_stay_day', unique: true });
  await qi.addIndex('tests', ['dueDate', 'result'], { name: 'tests_due_result' });

  await qi.createTable('transfers', {
    id: idColumn(),
    kind: enumColumn('kind', TRANSFER_KINDS),
    status: enumColumn('status', TRANSFER_STATUSES, { defaultValue: 'planned' }),
    originSiteId: foreignKey('sites', { allowNull: true }),
    destinationSiteId: foreignKey('sites', { allowNull: true }),
    // Free-text ends for pickups, hospitals and homes, which are not sites.
    origin: { type: STRING(255), allowNull: true },
    destination: { type: STRING(255), allowNull: true },
    plannedAt: { type: DATE(3), allowNull: false },
    vehicleCapacity: { type: INTEGER, allowNull: false },
    ...timestamps(),
  });
  await qi.addIndex('transfers', ['status', 'plannedAt'], { name: 'transfers_status_planned' });

  await qi.createTable('transfer_manifests', {
    transferId: { ...foreignKey('transfers', { onDelete: 'CASCADE' }), primaryKey: true },
    personId: { ...foreignKey('persons'), primaryKey: true },
    stayId: foreignKey('stays', { allowNull: true }),
  });
  await qi.addIndex('transfer_manifests', ['personId'], { name: 'transfer_manifests_person' });

  await qi.createTable('waiting_entries', {
    id: idColumn(),
    partyId: { ...foreignKey('parties', { onDelete: 'CASCADE' }), unique: true },
    category: enumColumn('category', CATEGORIES),
    priority: { type: INTEGER, allowNull: false },
    status: enumColumn('status', FIRST_WAITING_STATUSES, { defaultValue: 'waiting' }),
    reason: { type: STRING(255), allowNull: true },
    queuedAt: { type: DATE(3), allowNull: false },
    resolvedAt: { type: DATE(3), allowNull: true },
    ...timestamps(),
  });
  await qi.addIndex('waiting_entries', ['status', 'priority', 'queuedAt'], {
    name: 'waiting_entries_queue',
  });

  // Policy is versioned: each change inserts a row; the newest row is in force.
  await qi.createTable('policies', {
    id: idColumn(),
    document: { type: TEXT, allowNull: false },
    createdByUserId: foreignKey('users', { allowNull: true, onDelete: 'SET NULL' }),
    createdAt: { type: DATE(3), allowNull: false },
  });

  await qi.createTable('audit_events', {
    id: idColumn(),
    occurredAt: { type: DATE(3), allowNull: false },
    actorUserId: foreignKey('users', { allowNull: true, onDelete: 'SET NULL' }),
    requestId: { type: STRING(64), allowNull: true },
    ip: { type: STRING(64), allowNull: true },
    entity: { type: STRING(32), allowNull: false },
    entityId: { type: STRING(64), allowNull: true },
    action: { type: STRING(32), allowNull: false },
    // JSON, personal fields redacted before they get here.
    before: { type: TEXT, allowNull: true },
    after: { type: TEXT, allowNull: true },
  });
  await qi.addIndex('audit_events', ['entity', 'entityId'], { name: 'audit_events_entity' });
  await qi.addIndex('audit_events', ['actorUserId', 'occurredAt'], { name: 'audit_events_actor' });
  await qi.addIndex('audit_events', ['occurredAt'], { name: 'audit_events_time' });
};

export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  for (const table of [
    'audit_events',
    'policies',
    'waiting_entries',
    'transfer_manifests',
    'transfers',
    'tests',
    'stays',
    'party_members',
    'parties',
    'persons',
    'user_sites',
    'users',
    'rooms',
    'sites',
  ]) {
    await qi.dropTable(table);
  }
};
