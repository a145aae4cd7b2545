import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { OpenAPIObject } from '@nestjs/swagger';
import { buildContractDocument } from './contract-document';
import { renderRouteList } from './route-list';

const REPO_ROOT = resolve(__dirname, '../../../..');

describe('the route list (docs/api-routes.md)', () => {
  let document: OpenAPIObject;

  beforeAll(async () => {
    document = await buildContractDocument();
  });

  it('is the list generated from the OpenAPI document (run `npm run contract` after changing a route)', () => {
    const committed = readFileSync(join(REPO_ROOT, 'docs/api-routes.md'), 'utf8');
    expect(committed).toBe(renderRouteList(document));
  });

  it('names a response schema for every JSON success answer, and who may call each route', () => {
    const rows = renderRouteList(document)
      .split('\n')
      .filter((line) => /^\| (GET|POST|PUT|PATCH|DELETE) /.test(line));
    expect(rows.length).toBeGreaterThan(100);
    for (const row of rows) {
      const [, , path, access, statuses, response] = row.split(' | ').map((cell) => cell.trim());
      expect({ path, access }).toEqual({ path, access: expect.stringMatching(/\S/) });
      // An empty answer is a 204, or one of the few 200/202s that deliberately say nothing.
      if (response === '—') {
        expect({ path, statuses }).toEqual({ path, statuses: expect.stringMatching(/^(204|202|200)$/) });
      }
    }
    expect(rows).toContainEqual(
      expect.stringContaining(
        '| GET | `/api/courses` | signed in, or public when the setting allows | 200 | `CoursePage` |',
      ),
    );
    expect(rows).toContainEqual(expect.stringContaining('| POST | `/api/courses` | admin | 201 |'));
    expect(rows).toContainEqual(
      expect.stringContaining('| POST | `/api/attempts/{attemptId}/commit` | launch token | 200 | `CommitAnswer` |'),
    );
    expect(rows).toContainEqual(expect.stringContaining('| POST | `/api/licences` | admin | 201 |'));
  });
});
