import { Global, Module } from '@nestjs/common';

import { Environment, loadEnvironment } from './environment';
import { AppConfig } from './app-config';

/**
 * Provides the validated {@link AppConfig}. The environment is read once, when the module is
 * first resolved; an invalid value throws before any other provider starts.
 */
@Global()
@Module({
  providers: [
    {
      provide: AppConfig,
      useFactory: (): AppConfig => new AppConfig(loadEnvironment()),
    },
  ],
  exports: [AppConfig],
})
export class ConfigModule {
  static forEnvironment(env: Environment): { module: typeof ConfigModule; providers: object[]; exports: object[] } {
    return {
      module: ConfigModule,
      providers: [{ provide: AppConfig, useValue: new AppConfig(env) }],
      exports: [AppConfig],
    };
  }
}
