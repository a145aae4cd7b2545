export * from './personal-data.service';
export * from './privacy.module';
export { PERSONAL_SECTIONS } from './personal-data.repository';
