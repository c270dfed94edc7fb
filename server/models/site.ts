import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';
import {
  SITE_KINDS,
  SITE_STATUSES,
  type Category,
  type SiteKind,
  type SiteStatus,
} from '../../shared/enums';
import { jsonText } from './json';

export class Site extends Model<InferAttributes<Site>, InferCreationAttributes<Site>> {
  declare id: CreationOptional<number>;
  declare code: string;
  declare name: string;
  declare district: string;
  declare address: string;
  declare latitude: number;
  declare longitude: number;
  declare kind: SiteKind;
  declare status: CreationOptional<SiteStatus>;
  declare acceptedCategories: Category[];
  declare contactName: string | null;
  declare contactPhone: string | null;
  declare activationLeadHours: number | null;
  /** Grows by one with every committed change to the site's occupancy (issue 5). */
  declare occupancyVersion: CreationOptional<number>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize) {
    Site.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        code: { type: DataTypes.STRING(32), allowNull: false, unique: true },
        name: { type: DataTypes.STRING(120), allowNull: false },
        district: { type: DataTypes.CHAR(6), allowNull: false },
        address: { type: DataTypes.STRING(255), allowNull: false },
        latitude: { type: DataTypes.DOUBLE, allowNull: false },
        longitude: { type: DataTypes.DOUBLE, allowNull: false },
        kind: { type: DataTypes.STRING, allowNull: false, validate: { isIn: [SITE_KINDS] } },
        status: {
          type: DataTypes.STRING,
          allowNull: false,
          defaultValue: 'preparing',
          validate: { isIn: [SITE_STATUSES] },
        },
        acceptedCategories: jsonText<Category[]>('acceptedCategories', []),
        contactName: { type: DataTypes.STRING(120), allowNull: true },
        contactPhone: { type: DataTypes.STRING(32), allowNull: true },
        activationLeadHours: { type: DataTypes.INTEGER, allowNull: true },
        occupancyVersion: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
        createdAt: DataTypes.DATE(3),
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: 'sites' },
    );
  }
}
