import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { JobName } from './job-name.enum';

/**
 * One payload class per job name. Payloads are validated when enqueued and again by the worker
 * (which has no HTTP pipe). A payload grows only by optional fields, so jobs already queued stay
 * valid across a deploy.
 */
export class SystemEchoPayload {
  @ApiProperty({ maxLength: 200, example: 'hello' })
  @IsString()
  @MaxLength(200)
  message: string;

  /** How long the job works before answering, reporting progress as it goes. */
  @ApiProperty({ minimum: 0, maximum: 60_000, example: 1000 })
  @IsInt()
  @Min(0)
  @Max(60_000)
  delayMs: number;
}

export interface JobPayloads {
  [JobName.SystemEcho]: SystemEchoPayload;
}

export interface JobResults {
  [JobName.SystemEcho]: { echo: string; workerPid: number; finishedAt: string };
}

export type PayloadClass<N extends JobName> = new () => JobPayloads[N];

export const JOB_PAYLOAD_CLASS: { [N in JobName]: PayloadClass<N> } = {
  [JobName.SystemEcho]: SystemEchoPayload,
};
