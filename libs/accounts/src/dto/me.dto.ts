import { ApiProperty } from '@nestjs/swagger';

export class SessionUserDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  email: string;

  @ApiProperty()
  displayName: string;

  @ApiProperty({ nullable: true, example: 'KE', type: String })
  country: string | null;

  @ApiProperty({ isArray: true, enum: ['learner', 'coordinator', 'rtc_staff', 'admin'] })
  roles: string[];
}

export class LoginResponseDto {
  @ApiProperty()
  accessToken: string;

  @ApiProperty({ type: SessionUserDto })
  user: SessionUserDto;
}
