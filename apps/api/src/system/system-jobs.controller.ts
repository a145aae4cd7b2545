import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Roles, UserRole } from '@app/accounts';
import { DomainException, ErrorCode } from '@app/common';
import { JobSnapshot, SystemEchoPayload } from '@app/queue';
import { SystemEchoService } from '@app/system';
import { ApiErrors } from '../openapi';

class EchoJobAcceptedDto {
  @ApiProperty()
  jobId: string;
}

class EchoJobDto implements Omit<JobSnapshot, 'queue' | 'name'> {
  @ApiProperty()
  id: string;

  @ApiProperty({ enum: ['waiting', 'active', 'completed', 'failed'] })
  state: JobSnapshot['state'];

  @ApiProperty({ minimum: 0, maximum: 100 })
  progress: number;

  @ApiProperty()
  attemptsMade: number;

  @ApiProperty({ nullable: true, type: Object })
  result: unknown;

  @ApiProperty({ nullable: true, type: String })
  error: string | null;
}

/** The queue's round trip, for operators (and tests) to prove api → Redis → worker works. */
@ApiTags('system')
@ApiBearerAuth()
@Roles(UserRole.Admin)
@Controller('admin/system/echo-jobs')
export class SystemJobsController {
  constructor(private readonly echo: SystemEchoService) {}

  @Post()
  @HttpCode(202)
  @ApiAcceptedResponse({ type: EchoJobAcceptedDto })
  @ApiErrors(400, 401, 403)
  async enqueue(@Body() body: SystemEchoPayload): Promise<EchoJobAcceptedDto> {
    return { jobId: await this.echo.enqueue(body) };
  }

  @Get(':id')
  @ApiOkResponse({ type: EchoJobDto })
  @ApiErrors(401, 403, 404)
  async inspect(@Param('id', new ParseUUIDPipe({ version: '4' })) id: string): Promise<EchoJobDto> {
    const job = await this.echo.inspect(id);
    if (!job) {
      throw DomainException.notFound('Job', ErrorCode.JobNotFound);
    }
    const { queue: _queue, name: _name, ...rest } = job;
    return rest;
  }
}
