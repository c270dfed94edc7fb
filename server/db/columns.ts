/**
 * Column builders for migrations, so every table spells ids, timestamps and checked enums the
 * same way on SQLite and MySQL.
 */
import { DataTypes, type ModelAttributeColumnOptions } from 'sequelize';

/**
 * A string column that the database itself refuses outside `values`. The whole definition is in
 * the type string because MySQL wants CHECK after NOT NULL / DEFAULT, where Sequelize would put it
 * before; SQLite accepts the same order.
 */
export function enumColumn(
  column: string,
  values: readonly string[],
  options: { allowNull?: boolean; defaultValue?: string } = {},
): ModelAttributeColumnOptions {
  const width = Math.max(...values.map((v) => v.length));
  const list = values.map((v) => `'${v}'`).join(', ');
  const nullability = options.allowNull ? 'NULL' : 'NOT NULL';
  const fallback = options.defaultValue !== undefined ? ` DEFAULT '${options.defaultValue}'` : '';
  return {
    type: `VARCHAR(${width}) ${nullability}${fallback} CHECK (\`${column}\` IN (${list}))`,
  } as unknown as ModelAttributeColumnOptions;
}

export const idColumn = (): ModelAttributeColumnOptions => ({
  type: DataTypes.INTEGER,
  primaryKey: true,
  autoIncrement: true,
  allowNull: false,
});

export function foreignKey(
  table: string,
  options: { allowNull?: boolean; onDelete?: 'CASCADE' | 'RESTRICT' | 'SET NULL' } = {},
): ModelAttributeColumnOptions {
  return {
    type: DataTypes.INTEGER,
    allowNull: options.allowNull ?? false,
    references: { model: table, key: 'id' },
    onUpdate: 'CASCADE',
    onDelete: options.onDelete ?? 'RESTRICT',
  };
}

export const timestamps = (): Record<'createdAt' | 'updatedAt', ModelAttributeColumnOptions> => ({
  createdAt: { type: DataTypes.DATE(3), allowNull: false },
  updatedAt: { type: DataTypes.DATE(3), allowNull: false },
});
