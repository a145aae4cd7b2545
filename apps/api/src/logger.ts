import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Params } from 'nestjs-pino';
import { REDACTED, redactDeep, redactRequest, redactText } from '@app/common';
import { AppConfig } from '@app/config';

/** Structured JSON logs; credentials never reach them. */
export function loggerParams(config: AppConfig): Params {
  return {
    pinoHttp: {
      level: config.logLevel,
      genReqId: (request: IncomingMessage) => {
        const given = request.headers['x-request-id'];
        return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
      },
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
        censor: REDACTED,
      },
      // Launch tokens travel in the query string (sendBeacon sends no headers), download links and
      // content paths carry theirs in the path: never log them, errors included (docs/operations.md).
      serializers: {
        req: redactRequest,
        res: (res: { statusCode?: number; headers?: Record<string, unknown> }) =>
          typeof res.headers?.location === 'string'
            ? { ...res, headers: { ...res.headers, location: redactText(res.headers.location) } }
            : res,
        err: (err: unknown) => redactDeep(err),
      },
      // Messages too: a token in a log message's text is redacted like one in a field.
      hooks: {
        logMethod(args, method) {
          for (let i = 0; i < args.length; i++) {
            const arg: unknown = args[i];
            if (typeof arg === 'string') {
              args[i] = redactText(arg);
            }
          }
          method.apply(this, args);
        },
      },
      autoLogging: { ignore: (request) => request.url === '/api/health' },
      customLogLevel: (_request, response, error) =>
        error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info',
    },
  };
}
