import { ContactPoint } from './contact-point.entity';
import { CurriculumFile } from './curriculum-file.entity';
import { Curriculum } from './curriculum.entity';

export * from './contact-point.entity';
export * from './curriculum-file.entity';
export * from './curriculum.entity';

export const CURRICULA_ENTITIES = [Curriculum, CurriculumFile, ContactPoint];
