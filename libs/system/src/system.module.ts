import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { HealthService } from './health.service';
import { SystemEchoService } from './system-echo.service';

@Module({
  imports: [AuditModule],
  providers: [HealthService, SystemEchoService],
  exports: [HealthService, SystemEchoService],
})
export class SystemModule {}
