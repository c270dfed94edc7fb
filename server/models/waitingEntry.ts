import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';
import {
  CATEGORIES,
  WAITING_STATUSES,
  type Category,
  type WaitingStatus,
} from '../../shared/enums';

/** A party that could not be placed, queued by priority then waiting time. */
export class WaitingEntry extends Model<
  InferAttributes<WaitingEntry>,
  InferCreationAttributes<WaitingEntry>
> {
  declare id: CreationOptional<number>;
  declare partyId: number;
  declare category: Category;
  /** Lower is served first (derived from the category when queued). */
  declare priority: number;
  declare status: CreationOptional<WaitingStatus>;
  /** The constraint that failed for most rooms when the party was last tried. */
  declare reason: string | null;
  declare queuedAt: Date;
  declare resolvedAt: CreationOptional<Date | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize) {
    WaitingEntry.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        partyId: { type: DataTypes.INTEGER, allowNull: false, unique: true },
        category: { type: DataTypes.STRING, allowNull: false, validate: { isIn: [CATEGORIES] } },
        priority: { type: DataTypes.INTEGER, allowNull: false },
        status: {
          type: DataTypes.STRING,
          allowNull: false,
          defaultValue: 'waiting',
          validate: { isIn: [WAITING_STATUSES] },
        },
        reason: { type: DataTypes.STRING(255), allowNull: true },
        queuedAt: { type: DataTypes.DATE(3), allowNull: false },
        resolvedAt: { type: DataTypes.DATE(3), allowNull: true },
        createdAt: DataTypes.DATE(3),
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: 'waiting_entries' },
    );
  }
}
