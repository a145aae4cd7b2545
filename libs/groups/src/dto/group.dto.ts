import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsEnum, IsIn, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { SafeText, trimString } from '@app/common';
import { GROUP_LANGUAGES, GroupKind, GroupLanguage } from '../entities/community-group.entity';
import { GroupRole, MembershipState } from '../entities/group-membership.entity';

export class CreateGroupDto {
  @ApiProperty({ maxLength: 200 })
  @Transform(trimString)
  @SafeText()
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ enum: GroupKind })
  @IsEnum(GroupKind)
  kind: GroupKind;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiPropertyOptional({ enum: GROUP_LANGUAGES })
  @IsOptional()
  @IsIn(GROUP_LANGUAGES)
  language?: GroupLanguage;

  @ApiPropertyOptional({ description: 'Listed where any active user may ask to join (default false)' })
  @IsOptional()
  @IsBoolean()
  openForRequests?: boolean;
}

export class UpdateGroupDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @Transform(trimString)
  @SafeText()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ enum: GroupKind })
  @IsOptional()
  @IsEnum(GroupKind)
  kind?: GroupKind;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiPropertyOptional({ enum: GROUP_LANGUAGES })
  @IsOptional()
  @IsIn(GROUP_LANGUAGES)
  language?: GroupLanguage;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  openForRequests?: boolean;

  @ApiPropertyOptional({ description: 'Owner only. An archived group is read-only until unarchived.' })
  @IsOptional()
  @IsBoolean()
  archived?: boolean;
}

/** Either an existing account or an email address (which joins when it registers). */
export class InviteDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  userId?: string;

  @ApiPropertyOptional({ format: 'email' })
  @IsOptional()
  @Transform(trimString)
  @IsEmail()
  @MaxLength(254)
  email?: string;
}

export class SetRoleDto {
  @ApiProperty({ enum: [GroupRole.Moderator, GroupRole.Member] })
  @IsIn([GroupRole.Moderator, GroupRole.Member])
  role: GroupRole.Moderator | GroupRole.Member;
}

export class TransferOwnershipDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  userId: string;
}

export class GroupView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: GroupKind }) kind: GroupKind;
  @ApiProperty({ description: 'Plain text' }) description: string;
  @ApiProperty({ enum: GROUP_LANGUAGES }) language: GroupLanguage;
  @ApiProperty() openForRequests: boolean;
  @ApiProperty() archived: boolean;
  @ApiProperty({ enum: GroupRole }) myRole: GroupRole;
  @ApiProperty() quotaBytes: number;
  @ApiProperty() usedBytes: number;
  @ApiProperty() createdAt: string;
}

export class OpenGroupView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: GroupKind }) kind: GroupKind;
  @ApiProperty() description: string;
  @ApiProperty({ enum: GROUP_LANGUAGES }) language: GroupLanguage;
  @ApiProperty({ enum: [MembershipState.Invited, MembershipState.Requested], nullable: true })
  myState: MembershipState | null;
  @ApiProperty({ nullable: true, type: String }) myMembershipId: string | null;
}

export class MemberView {
  @ApiProperty({ format: 'uuid', description: 'The membership (for removal, role changes, approval)' })
  id: string;
  @ApiProperty({ nullable: true, type: String }) userId: string | null;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: GroupRole }) role: GroupRole;
  @ApiProperty({ enum: MembershipState }) state: MembershipState;
  @ApiPropertyOptional({ description: 'Only for an email invitation that has no account yet' }) email?: string;
}

export class InvitationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty() groupName: string;
  @ApiProperty({ enum: GroupKind }) groupKind: GroupKind;
  @ApiProperty() invitedAt: string;
}

export class CreatedDto {
  @ApiProperty({ format: 'uuid' }) id: string;
}
