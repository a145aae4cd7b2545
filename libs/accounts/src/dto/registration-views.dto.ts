import { ApiProperty } from '@nestjs/swagger';
import { UserStatus } from '../entities/user.entity';
import type { BulkOutcome } from '../registration/registration-review.service';

export class DecidedView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: UserStatus, enumName: 'AccountStatus' }) status: UserStatus;
}

export class BulkOutcomeView {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ enum: ['approved', 'rejected', 'not_found', 'not_pending'] }) outcome: BulkOutcome;
}

export class BulkResultView {
  @ApiProperty({ type: [BulkOutcomeView] }) results: BulkOutcomeView[];
}
