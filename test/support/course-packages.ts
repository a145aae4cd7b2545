import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

/**
 * Records a package version with one launchable SCO for a course, straight in the database: for
 * suites about the catalogue that need a course that may be published (publishing needs a
 * launchable package, docs/catalogue.md) but never launch it. Its files do not exist.
 */
export async function addLaunchablePackage(db: DataSource, courseId: string, language: string): Promise<string> {
  const id = randomUUID();
  const launchables = [
    { itemIdentifier: 'part-1', title: 'Part 1', resourceIdentifier: 'res-1', type: 'sco', href: 'index.html' },
  ];
  await db.query(
    `INSERT INTO course_packages (id, course_id, language, version, standard, edition, title, manifest, launchables,
       sco_count, size_bytes, sha256, storage_key)
     SELECT ?, ?, ?, COALESCE(MAX(version), 0) + 1, 'scorm12', NULL, 'Seeded package', '{}', ?, 1, 0, REPEAT('0', 64), ?
       FROM course_packages WHERE course_id = ? AND language = ?`,
    [id, courseId, language, JSON.stringify(launchables), `seeded/${id}`, courseId, language],
  );
  return id;
}
