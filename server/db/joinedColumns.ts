/**
 * A raw query mapped to a model (`mapToModel`) can also select columns that are not the model's
 * attributes — a joined id, a count. They land in the instance's data values: take them out, so
 * the instance holds only its own attributes (and nothing stray reaches a presenter or a save).
 */
import type { Model } from 'sequelize';

export function takeJoinedColumns<K extends string>(
  row: Model,
  keys: readonly K[],
): Record<K, unknown> {
  const values = row.dataValues as Record<string, unknown>;
  const taken = {} as Record<K, unknown>;
  for (const key of keys) {
    taken[key] = values[key];
    delete values[key];
  }
  return taken;
}
