import { Module } from '@nestjs/common';
import { MailService } from './mail.service';
import { NotificationsService } from './notifications.service';
import { MailRenderer } from './templates/mail-renderer';

/**
 * Mail. The api uses {@link NotificationsService} (enqueue only); the worker's processor uses
 * {@link MailService} (render and deliver). Needs the global ConfigModule and QueueModule.
 * MailService opens no connection until it sends, so importing this module in the api costs nothing.
 */
@Module({
  providers: [MailRenderer, MailService, NotificationsService],
  exports: [MailRenderer, MailService, NotificationsService],
})
export class NotificationsModule {}
