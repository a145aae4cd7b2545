import { CoursePackage } from './course-package.entity';
import { CourseSearchEntry } from './course-search-entry.entity';
import { CourseTranslation } from './course-translation.entity';
import { Course } from './course.entity';
import { Topic } from './topic.entity';

/** The catalogue's tables; the apps compose every context's list into their data source. */
export const CATALOGUE_ENTITIES = [Topic, Course, CourseTranslation, CoursePackage, CourseSearchEntry];
