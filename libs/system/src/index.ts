export * from './health.service';
export * from './system-echo.service';
export * from './system.module';
