import { Global, Module } from '@nestjs/common';
import { QueueService } from './queue.service';

/** Producer side, for any process that enqueues. The worker adds {@link JobWorkerHost} with its handlers. */
@Global()
@Module({ providers: [QueueService], exports: [QueueService] })
export class QueueModule {}
