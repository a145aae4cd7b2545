export * from './catalogue.module';
export * from './dto/course.dto';
export * from './entities/course-package.entity';
export * from './entities/course-translation.entity';
export * from './entities/course.entity';
export * from './entities/topic.entity';
export * from './repositories/course.repository';
export * from './services/catalogue.service';
