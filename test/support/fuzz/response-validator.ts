import Ajv, { ValidateFunction } from 'ajv';
import { ApiOperation, OpenApiDocument, toJsonSchema } from './openapi';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Checks a success answer against the response schema the document gives for its status. A route
 * without one (the document is still gaining them) is not checked: `check` answers undefined.
 */
export class ResponseValidator {
  private readonly ajv = new Ajv({ strict: false, allErrors: false, validateFormats: true });
  private readonly compiled = new Map<string, ValidateFunction | null>();
  private readonly components: unknown;

  constructor(private readonly document: OpenApiDocument) {
    this.ajv.addFormat('uuid', UUID);
    this.ajv.addFormat('date-time', (value: string) => !Number.isNaN(Date.parse(value)));
    this.ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
    this.ajv.addFormat('email', /^[^@\s]+@[^@\s]+$/);
    for (const loose of ['password', 'binary', 'uri', 'url']) {
      this.ajv.addFormat(loose, true);
    }
    this.components = toJsonSchema(document.components);
  }

  /** Problems with `body` as the answer of `operation` with `status`, or undefined when there is no schema to check. */
  check(operation: ApiOperation, status: number, contentType: string, body: unknown): string | undefined {
    if (!contentType.includes('application/json')) {
      return undefined;
    }
    const key = `${operation.method} ${operation.path} ${status}`;
    let validate = this.compiled.get(key);
    if (validate === undefined) {
      const schema = operation.operation.responses[String(status)]?.content?.['application/json']?.schema;
      validate = schema ? this.ajv.compile({ ...(toJsonSchema(schema) as object), components: this.components }) : null;
      this.compiled.set(key, validate);
    }
    if (validate === null || validate(body)) {
      return undefined;
    }
    return this.ajv.errorsText(validate.errors, { dataVar: 'body' });
  }
}
