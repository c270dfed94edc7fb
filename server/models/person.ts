import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';
import { CATEGORIES, SEXES, type Category, type PersonNeed, type Sex } from '../../shared/enums';
import { jsonText } from './json';

export class Person extends Model<InferAttributes<Person>, InferCreationAttributes<Person>> {
  declare id: CreationOptional<number>;
  declare fullName: string;
  /** AES-256-GCM ciphertext (see server/personalData/cipher.ts); never sent or logged as is. */
  declare idNumberCipher: string | null;
  /** Keyed hash of the normalised ID number, for exact-match search. */
  declare idNumberHash: string | null;
  declare phoneCipher: string | null;
  declare phoneHash: string | null;
  declare sex: CreationOptional<Sex>;
  declare birthYear: number | null;
  declare category: Category;
  declare exposureDate: string;
  declare originDistrict: string | null;
  declare originLatitude: number | null;
  declare originLongitude: number | null;
  declare needs: CreationOptional<PersonNeed[]>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize) {
    Person.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        fullName: { type: DataTypes.STRING(120), allowNull: false },
        idNumberCipher: { type: DataTypes.TEXT, allowNull: true },
        idNumberHash: { type: DataTypes.CHAR(64), allowNull: true, unique: true },
        phoneCipher: { type: DataTypes.TEXT, allowNull: true },
        phoneHash: { type: DataTypes.CHAR(64), allowNull: true },
        sex: {
          type: DataTypes.STRING,
          allowNull: false,
          defaultValue: 'unknown',
          validate: { isIn: [SEXES] },
        },
        birthYear: { type: DataTypes.INTEGER, allowNull: true },
        category: { type: DataTypes.STRING, allowNull: false, validate: { isIn: [CATEGORIES] } },
        exposureDate: { type: DataTypes.DATEONLY, allowNull: false },
        originDistrict: { type: DataTypes.CHAR(6), allowNull: true },
        originLatitude: { type: DataTypes.DOUBLE, allowNull: true },
        originLongitude: { type: DataTypes.DOUBLE, allowNull: true },
        needs: { ...jsonText<PersonNeed[]>('needs', []), defaultValue: '[]' },
        createdAt: DataTypes.DATE(3),
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: 'persons' },
    );
  }
}
