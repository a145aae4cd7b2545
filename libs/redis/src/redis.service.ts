import { Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Redis } from 'ioredis';
import { redisOptionsFromUrl } from './redis-options';
import { AppConfig } from '@app/config';

/**
 * The platform's general-purpose Redis connection (health, counters, revocation lists). Commands
 * fail fast instead of queueing while Redis is away, so a request never hangs on it. BullMQ keeps
 * connections of its own (see QueueService).
 */
@Injectable()
export class RedisService implements OnModuleInit, OnApplicationShutdown {
  readonly client: Redis;

  constructor(private readonly config: AppConfig) {
    this.client = new Redis({
      ...redisOptionsFromUrl(config.redisUrl),
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      commandTimeout: 2000,
      lazyConnect: false,
    });
    // Errors surface through commands and the health check; without a listener ioredis logs each retry.
    this.client.on('error', () => undefined);
  }

  /** Prefix every key the platform writes with the deployment's prefix. */
  key(...parts: string[]): string {
    return [this.config.redisPrefix, ...parts].join(':');
  }

  /** Waits briefly for the first connection, so a fresh process does not report Redis down; never fails start-up. */
  async onModuleInit(): Promise<void> {
    if (this.client.status === 'ready') {
      return;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 5000);
      this.client.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  async ping(): Promise<boolean> {
    try {
      return (await this.client.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
  }
}
