import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RedisService } from '@app/redis';

export type ComponentState = 'up' | 'down';

export interface HealthReport {
  status: 'ok' | 'error';
  db: ComponentState;
  redis: ComponentState;
}

/** Each probe answers within this, so the health route answers within seconds even mid-outage. */
export const HEALTH_PROBE_TIMEOUT_MS = 2000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

@Injectable()
export class HealthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly redis: RedisService,
  ) {}

  async check(): Promise<HealthReport> {
    const [db, redis] = await Promise.all([this.probeDatabase(), this.probeRedis()]);
    return { status: db === 'up' && redis === 'up' ? 'ok' : 'error', db, redis };
  }

  private async probeDatabase(): Promise<ComponentState> {
    try {
      await withTimeout(this.dataSource.query('SELECT 1'), HEALTH_PROBE_TIMEOUT_MS);
      return 'up';
    } catch {
      return 'down';
    }
  }

  private async probeRedis(): Promise<ComponentState> {
    return (await withTimeout(this.redis.ping(), HEALTH_PROBE_TIMEOUT_MS).catch(() => false)) ? 'up' : 'down';
  }
}
