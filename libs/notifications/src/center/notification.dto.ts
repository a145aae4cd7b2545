import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsEnum, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { Notification } from './notification.entity';
import { NotificationDelivery, NotificationKind } from './notification-kind';

export class NotificationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: NotificationKind, enumName: 'NotificationKind' }) kind: NotificationKind;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'What the web app words the notification with (by kind, docs/notifications.md)',
  })
  params: Record<string, string>;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) readAt: string | null;

  static of(row: Notification): NotificationView {
    return {
      id: row.id,
      kind: row.kind,
      params: row.params,
      createdAt: row.createdAt.toISOString(),
      readAt: row.readAt?.toISOString() ?? null,
    };
  }
}

export class NotificationPage {
  @ApiProperty({ type: [NotificationView] }) items: NotificationView[];
  @ApiProperty() total: number;
  @ApiProperty({ description: 'Unread notifications in all (the badge)' }) unread: number;
}

export class MarkReadDto {
  @ApiProperty({ required: false, type: [String], format: 'uuid', maxItems: 500 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  ids?: string[];

  @ApiProperty({ required: false, description: 'Every notification of the caller' })
  @IsOptional()
  @IsBoolean()
  all?: boolean;
}

export class UnreadView {
  @ApiProperty() unread: number;
}

export class NotificationPreferenceDto {
  @ApiProperty({ enum: NotificationKind, enumName: 'NotificationKind' })
  @IsEnum(NotificationKind)
  kind: NotificationKind;

  @ApiProperty({ enum: NotificationDelivery, enumName: 'NotificationDelivery' })
  @IsEnum(NotificationDelivery)
  delivery: NotificationDelivery;
}

export class NotificationPreferencesDto {
  @ApiProperty({ type: [NotificationPreferenceDto] })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => NotificationPreferenceDto)
  preferences: NotificationPreferenceDto[];
}

/** Every kind with the caller's choice (or its default). */
export class NotificationPreferencesView {
  @ApiProperty({ type: [NotificationPreferenceDto] }) preferences: NotificationPreferenceDto[];
}
