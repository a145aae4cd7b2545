import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '@app/accounts';
import { StorageModule } from '@app/storage';
import { GROUP_ENTITIES } from './entities';
import { GroupFileRepository } from './repositories/group-file.repository';
import { GroupRepository } from './repositories/group.repository';
import { ThreadRepository } from './repositories/thread.repository';
import { ForumService } from './services/forum.service';
import { GroupFilesService } from './services/group-files.service';
import { GroupsService } from './services/groups.service';

@Module({
  imports: [TypeOrmModule.forFeature(GROUP_ENTITIES), AccountsModule, StorageModule],
  providers: [GroupRepository, ThreadRepository, GroupFileRepository, GroupsService, ForumService, GroupFilesService],
  exports: [GroupsService, ForumService, GroupFilesService],
})
export class GroupsModule {}
