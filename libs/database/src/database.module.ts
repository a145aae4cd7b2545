import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@app/config';
import { buildDataSourceOptions, EntityList } from './data-source-options';

/**
 * The one TypeORM connection, mapping the entities the app gives (each app composes the context
 * libraries' lists). Migrations are run by `npm run db:migrate`, never at connection time.
 */
@Module({})
export class DatabaseModule {
  static forRoot(entities: EntityList): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          // The flavour only matters when comparing schemas (schema-tools); MariaDB speaks the mysql protocol.
          useFactory: (config: AppConfig) => ({
            ...buildDataSourceOptions(config.databaseUrl, 'mysql', entities),
            // Keep trying at start-up so `npm start` and compose survive a database that is still booting.
            retryAttempts: 10,
            retryDelay: 2000,
          }),
        }),
      ],
      exports: [TypeOrmModule],
    };
  }
}
