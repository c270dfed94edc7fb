import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';
import type { PolicyDocument } from '../../shared/policy';
import { jsonText } from './json';

/** One version of the policy; the newest row is in force (changes insert, never update). */
export class Policy extends Model<InferAttributes<Policy>, InferCreationAttributes<Policy>> {
  declare id: CreationOptional<number>;
  declare document: PolicyDocument;
  declare createdByUserId: number | null;
  declare createdAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize) {
    Policy.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        document: jsonText<PolicyDocument | null>('document', null),
        createdByUserId: { type: DataTypes.INTEGER, allowNull: true },
        createdAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: 'policies', updatedAt: false },
    );
  }
}
