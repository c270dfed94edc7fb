import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

/** Append-only record of a write or an unmasked read. No code path updates or deletes one. */
export class AuditEvent extends Model<
  InferAttributes<AuditEvent>,
  InferCreationAttributes<AuditEvent>
> {
  declare id: CreationOptional<number>;
  declare occurredAt: Date;
  declare actorUserId: number | null;
  declare requestId: string | null;
  declare ip: string | null;
  declare entity: string;
  declare entityId: string | null;
  declare action: string;
  declare before: string | null;
  declare after: string | null;

  static initModel(sequelize: Sequelize) {
    AuditEvent.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        occurredAt: { type: DataTypes.DATE(3), allowNull: false },
        actorUserId: { type: DataTypes.INTEGER, allowNull: true },
        requestId: { type: DataTypes.STRING(64), allowNull: true },
        ip: { type: DataTypes.STRING(64), allowNull: true },
        entity: { type: DataTypes.STRING(32), allowNull: false },
        entityId: { type: DataTypes.STRING(64), allowNull: true },
        action: { type: DataTypes.STRING(32), allowNull: false },
        before: { type: DataTypes.TEXT, allowNull: true },
        after: { type: DataTypes.TEXT, allowNull: true },
      },
      { sequelize, tableName: 'audit_events', timestamps: false },
    );
  }
}
