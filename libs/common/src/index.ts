export * from './errors/domain.exception';
export * from './errors/error-body';
export * from './errors/error-code';
export * from './errors/http-exception.filter';
export * from './validation';
export * from './concurrency/semaphore';
export * from './transforms';
export * from './logging/log-redaction';
