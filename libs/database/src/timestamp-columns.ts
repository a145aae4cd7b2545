import { CreateDateColumn, UpdateDateColumn } from 'typeorm';

/**
 * The platform's `created_at` / `updated_at` columns: datetime(3) with database defaults, so the
 * migrations' `DEFAULT CURRENT_TIMESTAMP(3)` and the entities agree on MariaDB and MySQL alike.
 */
export const CreatedAtColumn = (): PropertyDecorator =>
  CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3, default: () => 'CURRENT_TIMESTAMP(3)' });

export const UpdatedAtColumn = (): PropertyDecorator =>
  UpdateDateColumn({
    name: 'updated_at',
    type: 'datetime',
    precision: 3,
    default: () => 'CURRENT_TIMESTAMP(3)',
    onUpdate: 'CURRENT_TIMESTAMP(3)',
  });
