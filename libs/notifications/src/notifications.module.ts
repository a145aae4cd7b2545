import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationCenter } from './center/notification-center.service';
import { NOTIFICATIONS_ENTITIES } from './center/notification.entity';
import { NotificationRepository } from './center/notification.repository';
import { MailService } from './mail.service';
import { NotificationsService } from './notifications.service';
import { MailRenderer } from './templates/mail-renderer';

/**
 * Mail. The api uses {@link NotificationsService} (enqueue only); the worker's processor uses
 * {@link MailService} (render and deliver). Needs the global ConfigModule and QueueModule.
 * MailService opens no connection until it sends, so importing this module in the api costs nothing.
 */
@Module({
  imports: [TypeOrmModule.forFeature(NOTIFICATIONS_ENTITIES)],
  providers: [MailRenderer, MailService, NotificationsService, NotificationRepository, NotificationCenter],
  exports: [MailRenderer, MailService, NotificationsService, NotificationCenter],
})
export class NotificationsModule {}
