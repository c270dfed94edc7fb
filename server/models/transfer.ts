import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';
import {
  TRANSFER_KINDS,
  TRANSFER_STATUSES,
  type TransferKind,
  type TransferStatus,
} from '../../shared/enums';

/** A vehicle run (DESIGN §3). */
export class Transfer extends Model<InferAttributes<Transfer>, InferCreationAttributes<Transfer>> {
  declare id: CreationOptional<number>;
  declare kind: TransferKind;
  declare status: CreationOptional<TransferStatus>;
  declare originSiteId: number | null;
  declare destinationSiteId: number | null;
  declare origin: string | null;
  declare destination: string | null;
  declare plannedAt: Date;
  declare vehicleCapacity: number;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize) {
    Transfer.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
        kind: { type: DataTypes.STRING, allowNull: false, validate: { isIn: [TRANSFER_KINDS] } },
        status: {
          type: DataTypes.STRING,
          allowNull: false,
          defaultValue: 'planned',
          validate: { isIn: [TRANSFER_STATUSES] },
        },
        originSiteId: { type: DataTypes.INTEGER, allowNull: true },
        destinationSiteId: { type: DataTypes.INTEGER, allowNull: true },
        origin: { type: DataTypes.STRING(255), allowNull: true },
        destination: { type: DataTypes.STRING(255), allowNull: true },
        plannedAt: { type: DataTypes.DATE(3), allowNull: false },
        vehicleCapacity: { type: DataTypes.INTEGER, allowNull: false, validate: { min: 1 } },
        createdAt: DataTypes.DATE(3),
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: 'transfers' },
    );
  }
}

export class TransferManifest extends Model<
  InferAttributes<TransferManifest>,
  InferCreationAttributes<TransferManifest>
> {
  declare transferId: number;
  declare personId: number;
  declare stayId: number | null;

  static initModel(sequelize: Sequelize) {
    TransferManifest.init(
      {
        transferId: { type: DataTypes.INTEGER, primaryKey: true },
        personId: { type: DataTypes.INTEGER, primaryKey: true },
        stayId: { type: DataTypes.INTEGER, allowNull: true },
      },
      { sequelize, tableName: 'transfer_manifests', timestamps: false },
    );
  }
}
