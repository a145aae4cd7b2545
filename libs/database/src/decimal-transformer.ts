import type { ValueTransformer } from 'typeorm';

/**
 * The one transformer of every `decimal` column: mysql2 returns decimals as strings (exact), the
 * domain works in numbers. Null stays null. A NOT NULL column never sees null.
 */
export const decimalTransformer: ValueTransformer = {
  to: (value: number | null | undefined): number | null | undefined => value,
  from: (value: string | number | null): number | null => (value === null ? null : Number(value)),
};
