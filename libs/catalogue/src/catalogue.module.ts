import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { CoursePackage } from './entities/course-package.entity';
import { CourseTranslation } from './entities/course-translation.entity';
import { Course } from './entities/course.entity';
import { Topic } from './entities/topic.entity';
import { CourseRepository } from './repositories/course.repository';
import { CourseSearchIndex } from './search/course-search-index';
import { CatalogueService } from './services/catalogue.service';

@Module({
  imports: [TypeOrmModule.forFeature([Topic, Course, CourseTranslation, CoursePackage]), AuditModule],
  providers: [CourseRepository, CourseSearchIndex, CatalogueService],
  exports: [CatalogueService],
})
export class CatalogueModule {}
