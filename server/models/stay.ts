import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';
import { STAY_STATUSES, TEST_RESULTS, type StayStatus, type TestResult } from '../../shared/enums';

/** A person's stay in a room over the half-open nights [entryDate, plannedReleaseDate). */
export class Stay extends Model<InferAttributes<Stay>, InferCreationAttributes<Stay>> {
  declare id: CreationOptional<number>;
  declare personId: number;
  declare partyId: number;
  declare roomId: number;
  declare entryDate: string;
  declare plannedReleaseDate: string;
  declare releaseDate: CreationOptional<string | null>;
  declare status: CreationOptional<StayStatus>;
  declare checkedInAt: CreationOptional<Date | null>;
  declare endedAt: CreationOptional<Date | null>;
  declare endReason: CreationOptional<string | null>;
  /** personId while current, null afterwards; unique in the database (one stay per person). */
  declare activePersonId: number | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize) {
    Stay.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        personId: { type: DataTypes.INTEGER, allowNull: false },
        partyId: { type: DataTypes.INTEGER, allowNull: false },
        roomId: { type: DataTypes.INTEGER, allowNull: false },
        entryDate: { type: DataTypes.DATEONLY, allowNull: false },
        plannedReleaseDate: { type: DataTypes.DATEONLY, allowNull: false },
        releaseDate: { type: DataTypes.DATEONLY, allowNull: true },
        status: {
          type: DataTypes.STRING,
          allowNull: false,
          defaultValue: 'reserved',
          validate: { isIn: [STAY_STATUSES] },
        },
        checkedInAt: { type: DataTypes.DATE(3), allowNull: true },
        endedAt: { type: DataTypes.DATE(3), allowNull: true },
        endReason: { type: DataTypes.STRING(255), allowNull: true },
        activePersonId: { type: DataTypes.INTEGER, allowNull: true, unique: true },
        createdAt: DataTypes.DATE(3),
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: 'stays' },
    );
  }
}

/** A nucleic-acid test due on a policy day of a stay. */
export class StayTest extends Model<InferAttributes<StayTest>, InferCreationAttributes<StayTest>> {
  declare id: CreationOptional<number>;
  declare stayId: number;
  declare day: number;
  declare dueDate: string;
  declare result: CreationOptional<TestResult>;
  declare sampledAt: CreationOptional<Date | null>;
  declare resultAt: CreationOptional<Date | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize) {
    StayTest.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        stayId: { type: DataTypes.INTEGER, allowNull: false },
        day: { type: DataTypes.INTEGER, allowNull: false },
        dueDate: { type: DataTypes.DATEONLY, allowNull: false },
        result: {
          type: DataTypes.STRING,
          allowNull: false,
          defaultValue: 'pending',
          validate: { isIn: [TEST_RESULTS] },
        },
        sampledAt: { type: DataTypes.DATE(3), allowNull: true },
        resultAt: { type: DataTypes.DATE(3), allowNull: true },
        createdAt: DataTypes.DATE(3),
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: 'tests' },
    );
  }
}
