import {
  DataTypes,
  Model,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

/** A server-side session; `id` is the SHA-256 (hex) of the token, never the token. */
export class Session extends Model<InferAttributes<Session>, InferCreationAttributes<Session>> {
  declare id: string;
  declare userId: number;
  declare createdAt: Date;
  declare lastSeenAt: Date;
  declare expiresAt: Date;
  declare revokedAt: Date | null;
  declare ip: string | null;
  declare userAgent: string | null;

  static initModel(sequelize: Sequelize) {
    Session.init(
      {
        id: { type: DataTypes.CHAR(64), primaryKey: true },
        userId: { type: DataTypes.INTEGER, allowNull: false },
        createdAt: { type: DataTypes.DATE(3), allowNull: false },
        lastSeenAt: { type: DataTypes.DATE(3), allowNull: false },
        expiresAt: { type: DataTypes.DATE(3), allowNull: false },
        revokedAt: { type: DataTypes.DATE(3), allowNull: true },
        ip: { type: DataTypes.STRING(64), allowNull: true },
        userAgent: { type: DataTypes.STRING(255), allowNull: true },
      },
      // The clock is the app's (injected), not Sequelize's: no automatic timestamps.
      { sequelize, tableName: 'sessions', timestamps: false },
    );
  }
}

/** Failed logins counted per `user:<username>` or `ip:<address>` (the lockout, issue 4 §5). */
export class LoginFailure extends Model<
  InferAttributes<LoginFailure>,
  InferCreationAttributes<LoginFailure>
> {
  declare key: string;
  declare failures: number;
  declare firstAt: Date;
  declare lockedUntil: Date | null;

  static initModel(sequelize: Sequelize) {
    LoginFailure.init(
      {
        key: { type: DataTypes.STRING(128), primaryKey: true },
        failures: { type: DataTypes.INTEGER, allowNull: false },
        firstAt: { type: DataTypes.DATE(3), allowNull: false },
        lockedUntil: { type: DataTypes.DATE(3), allowNull: true },
      },
      { sequelize, tableName: 'login_failures', timestamps: false },
    );
  }
}
