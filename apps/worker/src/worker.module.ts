import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig, ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { JOB_HANDLERS, JobHandler, JobWorkerHost, QueueModule } from '@app/queue';
import { RedisModule } from '@app/redis';
import { SystemModule } from '@app/system';
import { SystemEchoProcessor } from './processors/system-echo.processor';

/** Every processor the worker runs; the worker refuses to start while a job name has none. */
const PROCESSORS = [SystemEchoProcessor];

@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ pinoHttp: { level: config.logLevel } }),
    }),
    DatabaseModule,
    RedisModule,
    QueueModule,
    SystemModule,
  ],
  providers: [
    ...PROCESSORS,
    {
      provide: JOB_HANDLERS,
      inject: PROCESSORS,
      useFactory: (...handlers: JobHandler[]) => handlers,
    },
    JobWorkerHost,
  ],
})
export class WorkerModule {}
