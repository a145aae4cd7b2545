import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '@app/accounts';
import { StorageModule } from '@app/storage';
import { CURRICULA_ENTITIES } from './entities';
import { ContactPointRepository } from './repositories/contact-point.repository';
import { CurriculumRepository } from './repositories/curriculum.repository';
import { ContactPointsService } from './services/contact-points.service';
import { CurriculaService } from './services/curricula.service';

@Module({
  imports: [TypeOrmModule.forFeature(CURRICULA_ENTITIES), AccountsModule, StorageModule],
  providers: [CurriculumRepository, ContactPointRepository, CurriculaService, ContactPointsService],
  exports: [CurriculaService, ContactPointsService],
})
export class CurriculaModule {}
