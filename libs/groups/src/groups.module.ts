import { AuditModule } from '@app/audit';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '@app/accounts';
import { NotificationsModule } from '@app/notifications';
import { StorageModule } from '@app/storage';
import { GROUP_ENTITIES } from './entities';
import { GroupFileRepository } from './repositories/group-file.repository';
import { GroupRepository } from './repositories/group.repository';
import { ThreadRepository } from './repositories/thread.repository';
import { WorkshopRepository } from './repositories/workshop.repository';
import { ForumService } from './services/forum.service';
import { GroupDigestService } from './services/group-digest.service';
import { GroupFilesService } from './services/group-files.service';
import { GroupsService } from './services/groups.service';
import { MentionNotifier } from './services/mention-notifier.service';
import { WorkshopsService } from './services/workshops.service';

@Module({
  imports: [TypeOrmModule.forFeature(GROUP_ENTITIES), AccountsModule, StorageModule, NotificationsModule, AuditModule],
  providers: [
    GroupRepository,
    ThreadRepository,
    GroupFileRepository,
    WorkshopRepository,
    GroupsService,
    ForumService,
    GroupFilesService,
    WorkshopsService,
    MentionNotifier,
    GroupDigestService,
  ],
  exports: [GroupsService, ForumService, GroupFilesService, WorkshopsService, GroupDigestService],
})
export class GroupsModule {}
