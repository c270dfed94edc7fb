import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';
import { CATEGORIES, type Category } from '../../shared/enums';

/** The people placed together (DESIGN §3). */
export class Party extends Model<InferAttributes<Party>, InferCreationAttributes<Party>> {
  declare id: CreationOptional<number>;
  declare category: Category;
  declare shareRoom: CreationOptional<boolean>;
  /** Who registered it: their sites' managers see it while it is not placed anywhere. */
  declare registeredByUserId: CreationOptional<number | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize) {
    Party.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        category: { type: DataTypes.STRING, allowNull: false, validate: { isIn: [CATEGORIES] } },
        shareRoom: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        registeredByUserId: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE(3),
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: 'parties' },
    );
  }
}

export class PartyMember extends Model<
  InferAttributes<PartyMember>,
  InferCreationAttributes<PartyMember>
> {
  declare partyId: number;
  declare personId: number;

  static initModel(sequelize: Sequelize) {
    PartyMember.init(
      {
        partyId: { type: DataTypes.INTEGER, primaryKey: true },
        personId: { type: DataTypes.INTEGER, primaryKey: true },
      },
      { sequelize, tableName: 'party_members', timestamps: false },
    );
  }
}
