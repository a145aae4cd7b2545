import { Module } from '@nestjs/common';
import { AccountsModule } from '@app/accounts';
import { AuditModule } from '@app/audit';
import { CatalogueModule } from '@app/catalogue';
import { ImportsModule } from '@app/imports';
import { StorageModule } from '@app/storage';
import { ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { ENTITIES } from '@app/schema';
import { QueueModule } from '@app/queue';
import { RedisModule } from '@app/redis';

/** The services the command line needs: the same ones the api and worker use. */
@Module({
  imports: [
    ConfigModule,
    DatabaseModule.forRoot(ENTITIES),
    RedisModule,
    QueueModule,
    StorageModule,
    AccountsModule,
    CatalogueModule,
    ImportsModule,
    AuditModule,
  ],
})
export class CliModule {}
