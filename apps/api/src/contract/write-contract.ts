import 'reflect-metadata';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { OpenAPIObject } from '@nestjs/swagger';
import { buildContractDocument } from './contract-document';
import { renderRouteList } from './route-list';

/** The repository's root, from apps/api/src/contract. */
export const REPO_ROOT = resolve(__dirname, '../../../..');
export const ROUTE_LIST_PATH = 'docs/api-routes.md';
export const WEB_SCHEMA_PATH = 'apps/web/src/api/schema.d.ts';

const SCHEMA_HEADER = `/**
 * Generated from the API's OpenAPI document by \`npm run contract\` (openapi-typescript): do not edit.
 * \`npm run check\` fails when it is stale, and the web's type check fails when a server change breaks a page.
 */

`;

/** The web's types: paths, operations and components of the document, as openapi-typescript writes them. */
async function renderWebSchema(document: OpenAPIObject): Promise<string> {
  const { default: openapiTS, astToString } = await import('openapi-typescript');
  const ast = await openapiTS(JSON.stringify(document), {
    exportType: true,
    alphabetize: false,
    defaultNonNullable: false,
  });
  return SCHEMA_HEADER + astToString(ast);
}

/**
 * `npm run contract` writes the generated files; `npm run contract -- --check` (part of `npm run check`)
 * fails, naming them, when one is stale.
 */
async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const document = await buildContractDocument();
  const outputs: Array<[string, string]> = [
    [ROUTE_LIST_PATH, renderRouteList(document)],
    [WEB_SCHEMA_PATH, await renderWebSchema(document)],
  ];
  const stale: string[] = [];
  for (const [path, text] of outputs) {
    const file = join(REPO_ROOT, path);
    const current = await readFile(file, 'utf8').catch(() => '');
    if (current === text) {
      continue;
    }
    if (check) {
      stale.push(path);
    } else {
      await writeFile(file, text);
      console.log(`wrote ${path}`);
    }
  }
  if (stale.length > 0) {
    console.error(`Stale, generated from the OpenAPI document: ${stale.join(', ')}. Run \`npm run contract\`.`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
