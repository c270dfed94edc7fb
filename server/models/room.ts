import {
  DataTypes,
  Model,
  type CreationOptional,
  type ForeignKey,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';
import { ROOM_STATUSES, type RoomStatus } from '../../shared/enums';
import type { Site } from './site';

export class Room extends Model<InferAttributes<Room>, InferCreationAttributes<Room>> {
  declare id: CreationOptional<number>;
  declare siteId: ForeignKey<Site['id']>;
  declare number: string;
  declare floor: number;
  declare beds: number;
  declare accessible: CreationOptional<boolean>;
  declare family: CreationOptional<boolean>;
  declare status: CreationOptional<RoomStatus>;
  declare statusChangedAt: CreationOptional<Date>;
  /** Bumped by every placement in the room, so contention is a write (DESIGN §6). */
  declare version: CreationOptional<number>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize) {
    Room.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        siteId: { type: DataTypes.INTEGER, allowNull: false },
        number: { type: DataTypes.STRING(16), allowNull: false },
        floor: { type: DataTypes.INTEGER, allowNull: false },
        beds: { type: DataTypes.INTEGER, allowNull: false, validate: { min: 1 } },
        accessible: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        family: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        status: {
          type: DataTypes.STRING,
          allowNull: false,
          defaultValue: 'available',
          validate: { isIn: [ROOM_STATUSES] },
        },
        statusChangedAt: {
          type: DataTypes.DATE(3),
          allowNull: false,
          defaultValue: DataTypes.NOW,
        },
        version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        createdAt: DataTypes.DATE(3),
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: 'rooms' },
    );
  }
}
