import { Module } from '@nestjs/common';
import { HealthService } from './health.service';
import { SystemEchoService } from './system-echo.service';

@Module({ providers: [HealthService, SystemEchoService], exports: [HealthService, SystemEchoService] })
export class SystemModule {}
