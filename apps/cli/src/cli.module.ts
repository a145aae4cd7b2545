import { Module } from '@nestjs/common';
import { AccountsModule } from '@app/accounts';
import { ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { QueueModule } from '@app/queue';
import { RedisModule } from '@app/redis';

/** The services the command line needs: the same ones the api and worker use. */
@Module({ imports: [ConfigModule, DatabaseModule, RedisModule, QueueModule, AccountsModule] })
export class CliModule {}
