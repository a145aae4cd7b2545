/**
 * The slice of an OpenAPI 3.0 document (as @nestjs/swagger writes it) that the fuzz run reads, and
 * helpers to walk it: operations, `$ref`s, and JSON Schema for ajv (3.0's `nullable` rewritten).
 */
export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  nullable?: boolean;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  example?: unknown;
  default?: unknown;
  additionalProperties?: boolean | Schema;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

interface MediaType {
  schema?: Schema;
}

export interface Operation {
  operationId?: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, MediaType>; required?: boolean };
  responses: Record<string, { content?: Record<string, MediaType> }>;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

export interface ApiOperation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** The path template, `/api/groups/{id}`. */
  path: string;
  operation: Operation;
  /** Every `{name}` of the template, declared as a parameter or not. */
  pathParams: string[];
  queryParams: Parameter[];
  /** The JSON body's schema, if the operation takes one. */
  jsonBody?: Schema;
  multipart?: Schema;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Every operation of the document, in a stable order. */
export function operationsOf(document: OpenApiDocument): ApiOperation[] {
  const found: ApiOperation[] = [];
  for (const path of Object.keys(document.paths).sort()) {
    for (const method of METHODS) {
      const operation = document.paths[path][method];
      if (!operation) {
        continue;
      }
      const parameters = operation.parameters ?? [];
      found.push({
        method,
        path,
        operation,
        pathParams: [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]),
        queryParams: parameters.filter((parameter) => parameter.in === 'query'),
        jsonBody: operation.requestBody?.content['application/json']?.schema,
        multipart: operation.requestBody?.content['multipart/form-data']?.schema,
      });
    }
  }
  return found;
}

/** Follows `$ref`s and merges `allOf`, so the result has its own type and properties. */
export function resolveSchema(document: OpenApiDocument, schema: Schema, depth = 0): Schema {
  if (depth > 20) {
    return {};
  }
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = document.components.schemas[name];
    if (!target) {
      throw new Error(`unknown schema ${schema.$ref}`);
    }
    const { $ref: _ref, ...rest } = schema;
    return resolveSchema(document, { ...target, ...rest }, depth + 1);
  }
  if (schema.allOf) {
    const parts = schema.allOf.map((part) => resolveSchema(document, part, depth + 1));
    const { allOf: _allOf, ...rest } = schema;
    return parts.reduce<Schema>(
      (merged, part) => ({
        ...merged,
        ...part,
        properties: { ...merged.properties, ...part.properties },
        required: [...(merged.required ?? []), ...(part.required ?? [])],
      }),
      rest,
    );
  }
  return schema;
}

/**
 * OpenAPI 3.0's `nullable` as JSON Schema (`type: [t, 'null']`, or `anyOf` with null), applied
 * through the whole schema, so ajv reads it.
 */
export function toJsonSchema(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(toJsonSchema);
  }
  if (typeof value !== 'object' || value === null) {
    return value;
  }
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(source)) {
    if (key === 'nullable' || key === 'example') {
      continue;
    }
    out[key] =
      key === 'properties' && typeof child === 'object' && child !== null
        ? Object.fromEntries(Object.entries(child).map(([name, schema]) => [name, toJsonSchema(schema)]))
        : toJsonSchema(child);
  }
  if (source.nullable !== true) {
    return out;
  }
  const composed =
    out.$ref !== undefined || out.allOf !== undefined || out.oneOf !== undefined || out.anyOf !== undefined;
  if (typeof out.type === 'string' && !composed) {
    const nullable: Record<string, unknown> = { ...out, type: [out.type, 'null'] };
    if (Array.isArray(out.enum)) {
      nullable.enum = [...(out.enum as unknown[]), null];
    }
    return nullable;
  }
  return { anyOf: [out, { type: 'null' }] };
}
