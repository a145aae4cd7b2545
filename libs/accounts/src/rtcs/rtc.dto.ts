import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, ValidateIf } from 'class-validator';
import { SafeText, trimString, Nullable } from '@app/common';
import { RtcStaffAppointment } from '../entities/rtc-staff-appointment.entity';
import { Rtc, WCO_REGIONS, WcoRegion } from '../entities/rtc.entity';

const upper = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim().toUpperCase() : value;

export class CreateRtcDto {
  @ApiProperty({ maxLength: 200, example: 'RTC Nairobi' })
  @Transform(trimString)
  @SafeText()
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ example: 'KE', description: 'ISO 3166-1 alpha-2' })
  @Transform(upper)
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code' })
  country: string;

  @ApiPropertyOptional({ enum: WCO_REGIONS, nullable: true })
  @IsOptional()
  @IsIn(WCO_REGIONS)
  wcoRegion?: WcoRegion | null;

  @ApiPropertyOptional({ maxLength: 300 })
  @IsOptional()
  @Transform(trimString)
  @SafeText()
  @IsString()
  @MaxLength(300)
  contact?: string;
}

export class UpdateRtcDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @Transform(trimString)
  @SafeText()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ example: 'KE' })
  @IsOptional()
  @Transform(upper)
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code' })
  country?: string;

  @ApiPropertyOptional({ enum: WCO_REGIONS, nullable: true })
  @Nullable()
  @ValidateIf((_, value) => value !== null)
  @IsOptional()
  @IsIn(WCO_REGIONS)
  wcoRegion?: WcoRegion | null;

  @ApiPropertyOptional({ maxLength: 300 })
  @IsOptional()
  @Transform(trimString)
  @SafeText()
  @IsString()
  @MaxLength(300)
  contact?: string;
}

export class AppointRtcStaffDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  userId: string;
}

export class RtcView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() country: string;
  @ApiProperty({ enum: WCO_REGIONS, nullable: true }) wcoRegion: WcoRegion | null;
  @ApiProperty() contact: string;

  static of(rtc: Rtc): RtcView {
    return { id: rtc.id, name: rtc.name, country: rtc.country, wcoRegion: rtc.wcoRegion, contact: rtc.contact };
  }
}

export interface RtcStaffDetails extends RtcStaffAppointment {
  rtcName: string;
  email: string;
  displayName: string;
  appointedByName: string | null;
}

export class RtcStaffView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) rtcId: string;
  @ApiProperty() rtcName: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ format: 'uuid' }) appointedBy: string;
  @ApiProperty({ nullable: true, type: String }) appointedByName: string | null;
  @ApiProperty() startsAt: string;
  @ApiProperty({ nullable: true, type: String }) endsAt: string | null;

  static of(row: RtcStaffDetails): RtcStaffView {
    return {
      id: row.id,
      rtcId: row.rtcId,
      rtcName: row.rtcName,
      userId: row.userId,
      email: row.email,
      displayName: row.displayName,
      appointedBy: row.appointedBy,
      appointedByName: row.appointedByName,
      startsAt: row.startsAt.toISOString(),
      endsAt: row.endsAt?.toISOString() ?? null,
    };
  }
}
