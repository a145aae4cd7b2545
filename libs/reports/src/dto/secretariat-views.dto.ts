import { ApiProperty } from '@nestjs/swagger';
import { CourseFiguresDto, DayCountDto, MonthCountDto } from './report-views.dto';
import { WCO_REGIONS } from '../regions/wco-regions';

const REGION_NAMES = [...WCO_REGIONS, 'other'];

export class UsageDto {
  @ApiProperty({ description: 'Officers whose account is active' }) registeredUsers: number;
  @ApiProperty({ type: [DayCountDto], description: 'Distinct officers signed in, per UTC day' })
  activeUsersPerDay: DayCountDto[];
  @ApiProperty({ type: [MonthCountDto], description: 'Distinct officers signed in, per UTC month' })
  activeUsersPerMonth: MonthCountDto[];
  @ApiProperty({ type: [MonthCountDto] }) newRegistrationsPerMonth: MonthCountDto[];
}

export class FunnelDto {
  @ApiProperty() enrolled: number;
  @ApiProperty() started: number;
  @ApiProperty() completed: number;
  @ApiProperty() passed: number;
}

export class RegionFiguresDto {
  @ApiProperty({ enum: REGION_NAMES }) region: string;
  @ApiProperty() countries: number;
  @ApiProperty() registered: number;
  @ApiProperty() active: number;
  @ApiProperty() enrolments: number;
  @ApiProperty() started: number;
  @ApiProperty() completions: number;
  @ApiProperty() passed: number;
}

export class CountryFiguresDto {
  @ApiProperty({ example: 'KE' }) country: string;
  @ApiProperty({ enum: REGION_NAMES }) region: string;
  @ApiProperty() registered: number;
  @ApiProperty() active: number;
  @ApiProperty() enrolments: number;
  @ApiProperty() started: number;
  @ApiProperty() completions: number;
  @ApiProperty() passed: number;
}

export class QueueHealthDto {
  @ApiProperty() queue: string;
  @ApiProperty({ description: 'Waiting, prioritized and delayed jobs' }) waiting: number;
  @ApiProperty() active: number;
  @ApiProperty() failed: number;
}

/** `GET /api/reports/secretariat` (admin). */
export class SecretariatReportDto {
  @ApiProperty({ type: UsageDto }) usage: UsageDto;
  @ApiProperty({ type: FunnelDto }) funnel: FunnelDto;
  @ApiProperty({ type: [RegionFiguresDto] }) regions: RegionFiguresDto[];
  @ApiProperty({ type: [CountryFiguresDto] }) countries: CountryFiguresDto[];
  @ApiProperty({ type: [CourseFiguresDto] }) courses: CourseFiguresDto[];
  @ApiProperty({ type: [QueueHealthDto] }) queues: QueueHealthDto[];
}
