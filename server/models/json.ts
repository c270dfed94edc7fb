import { DataTypes, type ModelAttributeColumnOptions } from 'sequelize';

/**
 * A JSON value kept in a TEXT column. Sequelize's JSON type comes back as a string from MariaDB
 * through mysql2, so the (de)serialisation is done here, the same on every database.
 */
export function jsonText<T>(field: string, fallback: T): ModelAttributeColumnOptions {
  return {
    type: DataTypes.TEXT,
    allowNull: false,
    get(this: { getDataValue(key: string): unknown }) {
      const raw = this.getDataValue(field);
      return typeof raw === 'string' ? (JSON.parse(raw) as T) : fallback;
    },
    set(this: { setDataValue(key: string, value: unknown): void }, value: T) {
      this.setDataValue(field, JSON.stringify(value ?? fallback));
    },
  };
}
