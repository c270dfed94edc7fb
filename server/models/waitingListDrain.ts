import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

/**
 * The claim on draining the waiting list: one row (id 1) for the whole city, so one process at a
 * time drains it (server/waitingList/claim.ts).
 */
export class WaitingListDrain extends Model<
  InferAttributes<WaitingListDrain>,
  InferCreationAttributes<WaitingListDrain>
> {
  declare id: number;
  /** The process draining now (host, pid and a random part), or null when nobody is. */
  declare holder: string | null;
  /** The holder's claim lapses at this instant unless renewed: a process that died lets go. */
  declare leaseUntil: Date | null;
  /** Set by a process that asked while the claim was held: the holder runs one more pass. */
  declare rerun: CreationOptional<boolean>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize) {
    WaitingListDrain.init(
      {
        id: { type: DataTypes.INTEGER, primaryKey: true },
        holder: { type: DataTypes.STRING(100), allowNull: true },
        leaseUntil: { type: DataTypes.DATE(3), allowNull: true },
        rerun: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        updatedAt: DataTypes.DATE(3),
      },
      { sequelize, tableName: 'waiting_list_drains', createdAt: false },
    );
  }
}
