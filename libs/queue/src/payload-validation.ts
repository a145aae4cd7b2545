import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { JOB_PAYLOAD_CLASS, JobPayloads } from './job-payloads';
import { JobName } from './job-name.enum';

export class InvalidJobPayloadError extends Error {
  constructor(
    readonly jobName: JobName,
    readonly problems: string[],
  ) {
    super(`Invalid payload for job ${jobName}: ${problems.join('; ')}`);
    this.name = 'InvalidJobPayloadError';
  }
}

/** Validates and types a payload; unknown properties are dropped, so older workers accept newer optional fields. */
export function parseJobPayload<N extends JobName>(name: N, data: unknown): JobPayloads[N] {
  const payloadClass = JOB_PAYLOAD_CLASS[name];
  if (!payloadClass) {
    throw new InvalidJobPayloadError(name, ['unknown job name']);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new InvalidJobPayloadError(name, ['payload must be an object']);
  }
  const instance = plainToInstance(payloadClass as new () => object, data) as JobPayloads[N];
  const errors = validateSync(instance, { whitelist: true, forbidUnknownValues: true });
  if (errors.length > 0) {
    throw new InvalidJobPayloadError(
      name,
      errors.flatMap((error) => Object.values(error.constraints ?? { [error.property]: 'is invalid' })),
    );
  }
  return instance;
}
