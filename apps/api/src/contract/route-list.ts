import type { OpenAPIObject } from '@nestjs/swagger';
import type {
  OperationObject,
  ReferenceObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

function schemaName(schema: SchemaObject | ReferenceObject | undefined): string {
  if (!schema) {
    return '';
  }
  if ('$ref' in schema) {
    return schema.$ref.split('/').pop() ?? schema.$ref;
  }
  if (schema.type === 'array') {
    return `${schemaName(schema.items)}[]`;
  }
  return schema.format === 'binary' ? 'file' : (schema.type ?? 'object');
}

/** `Name` for JSON, `file (type)` for anything else, `—` for an empty answer. */
function responseOf(response: ResponseObject | ReferenceObject | undefined): string {
  const content = response && 'content' in response ? response.content : undefined;
  if (!content) {
    return '—';
  }
  return Object.entries(content)
    .map(([type, media]) =>
      type === 'application/json' ? `\`${schemaName(media.schema)}\`` : `${schemaName(media.schema)} (${type})`,
    )
    .join(', ');
}

function accessOf(operation: OperationObject): string {
  const schemes = (operation.security ?? []).flatMap((requirement) => Object.keys(requirement));
  if (schemes.length === 0) {
    return 'public';
  }
  if (!schemes.includes('bearer')) {
    return schemes.map((scheme) => (scheme === 'launchToken' ? 'launch token' : scheme)).join(', ');
  }
  const roles = (operation as { 'x-roles'?: string[] })['x-roles'];
  if ((operation.security ?? []).some((requirement) => Object.keys(requirement).length === 0)) {
    return 'signed in, or public when the setting allows';
  }
  return roles?.length ? roles.join(', ') : 'signed in';
}

/** docs/api-routes.md: every route of the OpenAPI document, one line each (generated: `npm run contract`). */
export function renderRouteList(document: OpenAPIObject): string {
  const rows: string[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) {
        continue;
      }
      const success = Object.entries(operation.responses).filter(([status]) => status.startsWith('2'));
      const statuses = success.map(([status]) => status).join(', ');
      const answers = success.map(([, response]) => responseOf(response)).join(', ');
      rows.push(`| ${method.toUpperCase()} | \`${path}\` | ${accessOf(operation)} | ${statuses} | ${answers} |`);
    }
  }
  return [
    '# API routes',
    '',
    '<!-- Generated from the OpenAPI document by `npm run contract`; do not edit. A unit test fails when it is stale. -->',
    '',
    `Every route of the HTTP API (${rows.length}), in the order the controllers declare them. **Access**: \`public\`,`,
    '`launch token` (the player, docs/player.md), `signed in` (any active account; "or public when the setting allows": also without a token while e.g. `PUBLIC_CATALOGUE` is on), or the roles of which the',
    'caller needs one. **Response**: the schema of the success answer in the OpenAPI document',
    '(`/api/docs/openapi.json`), a file with its content type, or `—` for an empty answer. Errors are always',
    '`ErrorBody` (`{statusCode, error, message, code}`).',
    '',
    '| Method | Path | Access | Success | Response |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
