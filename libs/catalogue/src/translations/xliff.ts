import { createHash } from 'node:crypto';
import { ManifestError, readXml, Warnings, XmlElement } from '@app/scorm';

/**
 * XLIFF for a course's catalogue texts: export as XLIFF 2.0 for translators, import 2.0 or 1.2.
 * A file names its course (`course-<uuid>`: the 2.0 `<file id>`, the 1.2 `<file original>`), its
 * source and target languages, and one unit per text (`title`, `description`). Parsed with the
 * manifest's safe XML reader: no DOCTYPE, no entities beyond XML's own, size and depth capped.
 */
export type XliffLanguage = 'en' | 'fr' | 'es';
export const XLIFF_UNITS = ['title', 'description'] as const;
export type XliffUnit = (typeof XLIFF_UNITS)[number];

const XLIFF_20 = 'urn:oasis:names:tc:xliff:document:2.0';
const XLIFF_12 = 'urn:oasis:names:tc:xliff:document:1.2';
const MAX_BYTES = 2 * 1024 * 1024;

export class XliffError extends Error {
  override name = 'XliffError';
  readonly permanent = true;
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface XliffDocument {
  version: '1.2' | '2.0';
  courseId: string;
  source: XliffLanguage;
  target: XliffLanguage;
  /** Source and target text of each unit found (target `''` when not translated). */
  units: Partial<Record<XliffUnit, { source: string; target: string }>>;
}

export interface XliffTexts {
  title: string;
  description: string;
}

/** SHA-256 of a language's texts as translated from: a translation is stale once its source differs. */
export function sourceHash(texts: XliffTexts): string {
  return createHash('sha256').update(`${texts.title}\u0000${texts.description}`).digest('hex');
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** An XLIFF 2.0 file of a course's texts, with the target's current texts when there are any. */
export function exportXliff(
  courseId: string,
  source: XliffLanguage,
  target: XliffLanguage,
  sourceTexts: XliffTexts,
  targetTexts?: XliffTexts,
): string {
  const unit = (id: XliffUnit) => {
    const translated = targetTexts?.[id];
    return [
      `    <unit id="${id}">`,
      '      <segment>',
      `        <source>${escape(sourceTexts[id])}</source>`,
      ...(translated ? [`        <target>${escape(translated)}</target>`] : []),
      '      </segment>',
      '    </unit>',
    ].join('\n');
  };
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<xliff xmlns="${XLIFF_20}" version="2.0" srcLang="${source}" trgLang="${target}">`,
    `  <file id="course-${courseId}">`,
    ...XLIFF_UNITS.map(unit),
    '  </file>',
    '</xliff>',
    '',
  ].join('\n');
}

function attribute(element: XmlElement, name: string): string | undefined {
  return element.attributes.find((a) => a.local === name && (a.uri === '' || a.uri === undefined))?.value;
}

/** All character data under an element, inline markup flattened (a `<ph>` or `<x/>` adds nothing). */
function textOf(element: XmlElement): string {
  return element.text + element.children.map(textOf).join('');
}

function children(element: XmlElement, uri: string, local: string): XmlElement[] {
  return element.children.filter((child) => child.uri === uri && child.local === local);
}

function language(value: string | undefined, what: string): XliffLanguage {
  const primary = (value ?? '').toLowerCase().split(/[-_]/)[0];
  if (primary !== 'en' && primary !== 'fr' && primary !== 'es') {
    throw new XliffError('XLIFF_LANGUAGE', `The ${what} language ${JSON.stringify(value ?? '')} is not en, fr or es.`);
  }
  return primary;
}

function courseIdOf(value: string | undefined): string {
  const match = /^course-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/.exec(value ?? '');
  if (!match) {
    throw new XliffError(
      'XLIFF_UNKNOWN_FILE',
      'The XLIFF file does not name a Clearance course (file id "course-<id>"): export it from the course first.',
    );
  }
  return match[1];
}

export function parseXliff(input: Buffer | string): XliffDocument {
  let root: XmlElement;
  try {
    root = readXml(input, { maxBytes: MAX_BYTES, maxDepth: 32, maxElements: 10_000 }, new Warnings()).root;
  } catch (error) {
    const reason = error instanceof ManifestError ? error.message : (error as Error).message;
    throw new XliffError('XLIFF_INVALID', `The file is not readable XLIFF: ${reason}`);
  }
  if (root.local !== 'xliff' || (root.uri !== XLIFF_20 && root.uri !== XLIFF_12)) {
    throw new XliffError('XLIFF_INVALID', 'The file is not XLIFF 2.0 or 1.2 (no <xliff> root in its namespace).');
  }
  const units: XliffDocument['units'] = {};
  if (root.uri === XLIFF_20) {
    const files = children(root, XLIFF_20, 'file');
    if (files.length !== 1) {
      throw new XliffError('XLIFF_INVALID', 'The XLIFF file must hold exactly one <file>.');
    }
    for (const unit of children(files[0], XLIFF_20, 'unit')) {
      const id = attribute(unit, 'id') as XliffUnit;
      if (!XLIFF_UNITS.includes(id)) {
        continue;
      }
      const segments = children(unit, XLIFF_20, 'segment');
      const source = segments.map((s) => children(s, XLIFF_20, 'source').map(textOf).join('')).join('');
      const target = segments.map((s) => children(s, XLIFF_20, 'target').map(textOf).join('')).join('');
      units[id] = { source, target };
    }
    return {
      version: '2.0',
      courseId: courseIdOf(attribute(files[0], 'id')),
      source: language(attribute(root, 'srcLang'), 'source'),
      target: language(attribute(root, 'trgLang'), 'target'),
      units,
    };
  }
  const files = children(root, XLIFF_12, 'file');
  if (files.length !== 1) {
    throw new XliffError('XLIFF_INVALID', 'The XLIFF file must hold exactly one <file>.');
  }
  const file = files[0];
  for (const body of children(file, XLIFF_12, 'body')) {
    for (const unit of children(body, XLIFF_12, 'trans-unit')) {
      const id = attribute(unit, 'id') as XliffUnit;
      if (!XLIFF_UNITS.includes(id)) {
        continue;
      }
      const source = children(unit, XLIFF_12, 'source').map(textOf).join('');
      const target = children(unit, XLIFF_12, 'target').map(textOf).join('');
      units[id] = { source, target };
    }
  }
  return {
    version: '1.2',
    courseId: courseIdOf(attribute(file, 'original')),
    source: language(attribute(file, 'source-language'), 'source'),
    target: language(attribute(file, 'target-language'), 'target'),
    units,
  };
}
