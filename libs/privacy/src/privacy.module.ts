import { Module } from '@nestjs/common';
import { PersonalDataRepository } from './personal-data.repository';
import { PersonalDataService } from './personal-data.service';

/** A person's data on request (issue 17, item 6; docs/privacy.md). Reads other contexts' tables, owns none. */
@Module({
  providers: [PersonalDataRepository, PersonalDataService],
  exports: [PersonalDataService],
})
export class PrivacyModule {}
