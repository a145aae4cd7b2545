import { Global, Module } from '@nestjs/common';

import { AppConfig, createAppConfig } from './app-config';

/**
 * Provides the validated {@link AppConfig}. The environment is read once, when the module is
 * first resolved; an invalid value throws before any other provider starts.
 */
@Global()
@Module({
  providers: [
    {
      provide: AppConfig,
      useFactory: (): AppConfig => createAppConfig(),
    },
  ],
  exports: [AppConfig],
})
export class ConfigModule {}
