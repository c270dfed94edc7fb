/** Registers every model and association on a Sequelize instance. */
import type { Sequelize } from 'sequelize';
import { AuditEvent } from './auditEvent';
import { Party, PartyMember } from './party';
import { Person } from './person';
import { Policy } from './policy';
import { Room } from './room';
import { LoginFailure, Session } from './session';
import { Site } from './site';
import { Stay, StayTest } from './stay';
import { Transfer, TransferManifest } from './transfer';
import { User, UserSite } from './user';
import { WaitingEntry } from './waitingEntry';
import { WaitingListDrain } from './waitingListDrain';

export {
  AuditEvent,
  Party,
  PartyMember,
  Person,
  Policy,
  Room,
  Site,
  Stay,
  StayTest,
  Transfer,
  TransferManifest,
  User,
  UserSite,
  WaitingEntry,
  WaitingListDrain,
  Session,
  LoginFailure,
};

export function initModels(sequelize: Sequelize): void {
  for (const model of [
    Site,
    Room,
    User,
    UserSite,
    Person,
    Party,
    PartyMember,
    Stay,
    StayTest,
    Transfer,
    TransferManifest,
    WaitingEntry,
    WaitingListDrain,
    Policy,
    AuditEvent,
    Session,
    LoginFailure,
  ]) {
    model.initModel(sequelize);
  }
  Site.hasMany(Room, { foreignKey: 'siteId', as: 'rooms' });
  Room.belongsTo(Site, { foreignKey: 'siteId', as: 'site' });
  Room.hasMany(Stay, { foreignKey: 'roomId', as: 'stays' });
  Stay.belongsTo(Room, { foreignKey: 'roomId', as: 'room' });
  Stay.belongsTo(Person, { foreignKey: 'personId', as: 'person' });
  Stay.belongsTo(Party, { foreignKey: 'partyId', as: 'party' });
  Stay.hasMany(StayTest, { foreignKey: 'stayId', as: 'tests' });
  Party.belongsToMany(Person, { through: PartyMember, foreignKey: 'partyId', as: 'members' });
  Person.belongsToMany(Party, { through: PartyMember, foreignKey: 'personId', as: 'parties' });
  User.belongsToMany(Site, { through: UserSite, foreignKey: 'userId', as: 'sites' });
  Transfer.hasMany(TransferManifest, { foreignKey: 'transferId', as: 'manifest' });
  WaitingEntry.belongsTo(Party, { foreignKey: 'partyId', as: 'party' });
  Session.belongsTo(User, { foreignKey: 'userId', as: 'user' });
}
