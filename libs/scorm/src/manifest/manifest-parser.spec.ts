import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as yauzl from 'yauzl';
import { describeConformance } from '../../../../test/support/conformance';
import { joinParameters } from './href';
import { ManifestError, type ManifestErrorCode } from './manifest-error';
import { parseManifest } from './manifest-parser';
import type { ParsedManifest, ParseManifestOptions } from './manifest.types';

const CP12 = 'http://www.imsproject.org/xsd/imscp_rootv1p1p2';
const CP2004 = 'http://www.imsglobal.org/xsd/imscp_v1p1';
const ADLCP12 = 'http://www.adlnet.org/xsd/adlcp_rootv1p2';
const ADLCP2004 = 'http://www.adlnet.org/xsd/adlcp_v1p3';
const IMSSS = 'http://www.imsglobal.org/xsd/imsss';
const ADLSEQ = 'http://www.adlnet.org/xsd/adlseq_v1p3';
const ADLNAV = 'http://www.adlnet.org/xsd/adlnav_v1p3';

/** imsmanifest.xml and the entry names of a zip, read in memory. */
function readZipManifest(zipPath: string): Promise<{ xml: Buffer; entries: Set<string> }> {
  return new Promise((resolve, reject) => {
    yauzl.open(zipPath, { lazyEntries: true, autoClose: true }, (openError, zip) => {
      if (openError || !zip) {
        reject(openError ?? new Error(`cannot open ${zipPath}`));
        return;
      }
      const entries = new Set<string>();
      let xml: Buffer | undefined;
      zip.on('error', reject);
      zip.on('entry', (entry: yauzl.Entry) => {
        entries.add(entry.fileName);
        if (entry.fileName !== 'imsmanifest.xml') {
          zip.readEntry();
          return;
        }
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) {
            reject(streamError ?? new Error('no stream'));
            return;
          }
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('error', reject);
          stream.on('end', () => {
            xml = Buffer.concat(chunks);
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => {
        if (xml === undefined) {
          reject(new Error(`${zipPath} has no imsmanifest.xml at its root`));
        } else {
          resolve({ xml, entries });
        }
      });
      zip.readEntry();
    });
  });
}

function expectManifestError(run: () => unknown, code: ManifestErrorCode, message?: RegExp): ManifestError {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ManifestError);
  const error = caught as ManifestError;
  expect(error.code).toBe(code);
  expect(error.message.length).toBeGreaterThan(10);
  if (message) {
    expect(error.message).toMatch(message);
  }
  return error;
}

/** A SCORM 1.2 manifest around `body` (organizations and resources). */
function scorm12(body: string, manifestAttributes = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="m1" version="1" xmlns="${CP12}" xmlns:adlcp="${ADLCP12}" ${manifestAttributes}>
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  ${body}
</manifest>`;
}

/** A SCORM 2004 manifest around `body`, with the usual prefixes bound. */
function scorm2004(body: string, schemaVersion = '2004 3rd Edition'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="m1" version="1" xmlns="${CP2004}" xmlns:adlcp="${ADLCP2004}" xmlns:imsss="${IMSSS}"
    xmlns:adlseq="${ADLSEQ}" xmlns:adlnav="${ADLNAV}">
  <metadata><schema>ADL SCORM</schema><schemaversion>${schemaVersion}</schemaversion></metadata>
  ${body}
</manifest>`;
}

/** One organization with one item launching one resource. */
function singleSco(options: {
  href?: string;
  parameters?: string;
  resourceAttributes?: string;
  resourceBody?: string;
}) {
  const parameters = options.parameters === undefined ? '' : ` parameters="${options.parameters}"`;
  const href = options.href === undefined ? '' : ` href="${options.href}"`;
  return `<organizations default="org"><organization identifier="org"><title>Course</title>
      <item identifier="i1" identifierref="r1"${parameters}><title>Lesson</title></item>
    </organization></organizations>
    <resources><resource identifier="r1" type="webcontent" adlcp:scormtype="sco"${href} ${options.resourceAttributes ?? ''}>
      ${options.resourceBody ?? ''}</resource></resources>`;
}

function parse(xml: string | Buffer, options?: ParseManifestOptions): ParsedManifest {
  return parseManifest(xml, options);
}

describe('parseManifest', () => {
  describeConformance('the Rustici golf fixtures', (FIXTURES) => {
    const minimumCallsHrefs = [
      'Playing/Playing.html',
      'Playing/Par.html',
      'Playing/Scoring.html',
      'Playing/OtherScoring.html',
      'Playing/RulesOfGolf.html',
      'shared/assessmenttemplate.html?questions=Playing',
      'Etiquette/Course.html',
      'Etiquette/Distracting.html',
      'Etiquette/Play.html',
      'shared/assessmenttemplate.html?questions=Etiquette',
      'Handicapping/Overview.html',
      'Handicapping/CalculatingHandicap.html',
      'Handicapping/CalculatingScore.html',
      'Handicapping/CalculatingScore.html', // the fixture's example resource really points there
      'shared/assessmenttemplate.html?questions=Handicapping',
      'HavingFun/HowToHaveFun.html',
      'HavingFun/MakeFriends.html',
      'shared/assessmenttemplate.html?questions=HavingFun',
    ];
    const cases: {
      file: string;
      standard: ParsedManifest['standard'];
      edition: ParsedManifest['edition'];
      scos: number;
      assets: number;
      title: string;
      hrefs: string[];
    }[] = [
      {
        file: 'golf-scorm12-runtime-basic-calls.zip',
        standard: 'scorm12',
        edition: null,
        scos: 1,
        assets: 0,
        title: 'Golf Explained - Run-time Basic Calls',
        hrefs: ['shared/launchpage.html'],
      },
      {
        file: 'golf-scorm12-runtime-minimum-calls.zip',
        standard: 'scorm12',
        edition: null,
        scos: 18,
        assets: 0,
        title: 'Golf Explained - Minimum Run-time Calls',
        hrefs: minimumCallsHrefs,
      },
      {
        file: 'golf-scorm12-assets-one-file-per-item.zip',
        standard: 'scorm12',
        edition: null,
        scos: 0,
        assets: 18,
        title: 'Golf Explained - CP One File Per SCO',
        hrefs: minimumCallsHrefs.map((href, i) => (i === 13 ? 'Handicapping/Example.html' : href)),
      },
      {
        file: 'golf-scorm2004-2nd-single-sco.zip',
        standard: 'scorm2004',
        edition: '2nd',
        scos: 1,
        assets: 0,
        title: 'Golf Explained - CP Single SCO',
        hrefs: ['shared/launchpage.html'],
      },
      {
        file: 'golf-scorm2004-3rd-runtime-basic-calls.zip',
        standard: 'scorm2004',
        edition: '3rd',
        scos: 1,
        assets: 0,
        title: 'Golf Explained - Run-time Basic Calls',
        hrefs: ['shared/launchpage.html'],
      },
      {
        file: 'golf-scorm2004-3rd-seq-forced-sequential.zip',
        standard: 'scorm2004',
        edition: '3rd',
        scos: 5,
        assets: 0,
        title: 'Golf Explained - Sequencing Forced Order',
        hrefs: ['playing', 'etiquette', 'handicapping', 'havingfun', 'assessment'].map(
          (content) => `shared/launchpage.html?content=${content}`,
        ),
      },
    ];

    it.each(cases)('$file: $standard $edition, $scos SCOs, $assets assets', async (fixture) => {
      const zipPath = path.join(FIXTURES, fixture.file);
      if (!existsSync(zipPath)) {
        throw new Error(`Fixture missing: ${zipPath}`);
      }
      const { xml, entries } = await readZipManifest(zipPath);
      const manifest = parse(xml, { fileExists: (p) => entries.has(p) });

      expect(manifest.standard).toBe(fixture.standard);
      expect(manifest.edition).toBe(fixture.edition);
      expect(manifest.scoCount).toBe(fixture.scos);
      expect(manifest.assetCount).toBe(fixture.assets);
      expect(manifest.title).toBe(fixture.title);
      expect(manifest.defaultOrganizationId).toBe('golf_sample_default_org');
      expect(manifest.launchables.map((l) => l.href)).toEqual(fixture.hrefs);
      expect(manifest.warnings).toEqual([]);
      // Every launch file is in the zip.
      for (const launchable of manifest.launchables) {
        expect(entries.has(launchable.href.replace(/\?.*$/, ''))).toBe(true);
      }
      // Plain data: survives JSON unchanged.
      expect(JSON.parse(JSON.stringify(manifest))).toEqual(manifest);
    });

    it('reads the forced-sequential sequencing: controls, rules, objectives and the shared collection', async () => {
      const { xml } = await readZipManifest(path.join(FIXTURES, 'golf-scorm2004-3rd-seq-forced-sequential.zip'));
      const manifest = parse(xml);
      const organization = manifest.organizations[0];

      expect(organization.objectivesGlobalToSystem).toBe(false);
      expect(organization.sequencing?.controlMode).toEqual({
        choice: true,
        choiceExit: true,
        flow: true,
        forwardOnly: false,
        useCurrentAttemptObjectiveInfo: true,
        useCurrentAttemptProgressInfo: true,
      });

      expect(Object.keys(manifest.sequencingCollection)).toEqual(['common_seq_rules']);
      expect(manifest.sequencingCollection.common_seq_rules).toMatchObject({
        id: 'common_seq_rules',
        rollupRules: { objectiveMeasureWeight: 0, rollupObjectiveSatisfied: true, rules: [] },
        deliveryControls: { tracked: true, completionSetByContent: true, objectiveSetByContent: true },
      });

      const [playing, etiquette, , , quiz] = organization.items;
      expect(organization.items.map((i) => i.identifier)).toEqual([
        'playing_item',
        'etuqiette_item',
        'handicapping_item',
        'havingfun_item',
        'assessment_item',
      ]);
      // Every item takes the collection's rollup and delivery controls through IDRef.
      for (const item of organization.items) {
        expect(item.sequencing?.idRef).toBe('common_seq_rules');
        expect(item.sequencing?.rollupRules?.objectiveMeasureWeight).toBe(0);
        expect(item.sequencing?.deliveryControls).toEqual({
          tracked: true,
          completionSetByContent: true,
          objectiveSetByContent: true,
        });
        expect(item.sequencing?.controlMode).toBeNull();
      }
      expect(playing.sequencing?.sequencingRules).toBeNull();
      expect(playing.sequencing?.objectives).toEqual({
        primary: {
          objectiveID: 'playing_satisfied',
          satisfiedByMeasure: false,
          minNormalizedMeasure: 1,
          mapInfo: [
            {
              targetObjectiveID: 'com.scorm.golfsamples.sequencing.forcedsequential.playing_satisfied',
              readSatisfiedStatus: true,
              readNormalizedMeasure: true,
              writeSatisfiedStatus: true,
              writeNormalizedMeasure: false,
            },
          ],
        },
        others: [],
      });
      expect(etiquette.sequencing?.sequencingRules).toEqual({
        preConditionRules: [
          {
            conditionCombination: 'any',
            conditions: [
              {
                referencedObjective: 'previous_sco_satisfied',
                measureThreshold: 0,
                operator: 'not',
                condition: 'satisfied',
              },
              {
                referencedObjective: 'previous_sco_satisfied',
                measureThreshold: 0,
                operator: 'not',
                condition: 'objectiveStatusKnown',
              },
            ],
            action: 'disabled',
          },
        ],
        exitConditionRules: [],
        postConditionRules: [],
      });
      expect(etiquette.sequencing?.objectives?.others).toEqual([
        {
          objectiveID: 'previous_sco_satisfied',
          satisfiedByMeasure: false,
          minNormalizedMeasure: 1,
          mapInfo: [
            {
              targetObjectiveID: 'com.scorm.golfsamples.sequencing.forcedsequential.playing_satisfied',
              readSatisfiedStatus: true,
              readNormalizedMeasure: true,
              writeSatisfiedStatus: false,
              writeNormalizedMeasure: false,
            },
          ],
        },
      ]);
      expect(quiz.sequencing?.objectives?.primary).toEqual({
        objectiveID: 'assessment_satisfied',
        satisfiedByMeasure: false,
        minNormalizedMeasure: 1,
        mapInfo: [],
      });
      expect(manifest.resources.find((r) => r.identifier === 'common_files')).toMatchObject({
        scormType: 'asset',
        href: null,
      });
    });
  });

  describe('security', () => {
    const doctypeCases: [string, string][] = [
      ['a bare DOCTYPE', `<?xml version="1.0"?><!DOCTYPE manifest><manifest identifier="m"/>`],
      [
        'a DOCTYPE with an internal entity',
        `<?xml version="1.0"?><!DOCTYPE manifest [<!ENTITY t "Title">]><manifest identifier="m"><title>&t;</title></manifest>`,
      ],
      [
        'an external entity (XXE)',
        `<?xml version="1.0"?><!DOCTYPE manifest [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><manifest>&xxe;</manifest>`,
      ],
      [
        'an external DTD',
        `<?xml version="1.0"?><!DOCTYPE manifest SYSTEM "http://attacker.example/evil.dtd"><manifest/>`,
      ],
      [
        'a parameter entity',
        `<?xml version="1.0"?><!DOCTYPE m [<!ENTITY % p SYSTEM "http://attacker.example/p.dtd"> %p;]><manifest/>`,
      ],
    ];
    it.each(doctypeCases)('refuses %s', (_name, xml) => {
      expectManifestError(() => parse(xml), 'DOCTYPE_FORBIDDEN', /DOCTYPE/);
    });

    it('refuses a billion-laughs document at once', () => {
      const levels = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('');
      const xml = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">${levels}]><manifest>&lol9;</manifest>`;
      const started = Date.now();
      expectManifestError(() => parse(xml), 'DOCTYPE_FORBIDDEN');
      expect(Date.now() - started).toBeLessThan(1000);
    });

    it('refuses an entity that is not one of the five XML built-ins', () => {
      const xml = scorm12(singleSco({ href: 'a.html' })).replace('<title>Lesson</title>', '<title>&xxe;</title>');
      expectManifestError(() => parse(xml), 'ENTITY_FORBIDDEN', /entity/);
      // Not even names that exist on Object.prototype.
      expectManifestError(
        () => parse(scorm12(singleSco({ href: 'a.html' })).replace('Lesson', '&constructor;')),
        'ENTITY_FORBIDDEN',
      );
    });

    it('accepts the built-in entities and character references', () => {
      const xml = scorm12(singleSco({ href: 'a.html' })).replace(
        '<title>Lesson</title>',
        '<title>Q&amp;A &lt;1&gt; &quot;x&quot; &apos;y&apos; &#233;&#x20AC;</title>',
      );
      expect(parse(xml).launchables[0].title).toBe(`Q&A <1> "x" 'y' é€`);
    });

    it('refuses deep nesting', () => {
      const deep = '<x>'.repeat(10_000) + '</x>'.repeat(10_000);
      expectManifestError(() => parse(scorm12(deep)), 'TOO_DEEP', /64 levels/);
      const justOver = '<x>'.repeat(8) + '</x>'.repeat(8);
      expectManifestError(() => parse(scorm12(justOver), { maxDepth: 5 }), 'TOO_DEEP');
      expect(parse(scorm12(singleSco({ href: 'a.html' }) + justOver)).scoCount).toBe(1);
    });

    it('refuses too many elements', () => {
      const many = '<x/>'.repeat(100_001);
      expectManifestError(() => parse(scorm12(many)), 'TOO_MANY_ELEMENTS', /100000 elements/);
      expectManifestError(() => parse(scorm12(singleSco({ href: 'a.html' })), { maxElements: 5 }), 'TOO_MANY_ELEMENTS');
    });

    it('refuses input over the size cap, as a string or a Buffer', () => {
      const huge = scorm12(`<!-- ${'x'.repeat(4 * 1024 * 1024)} -->` + singleSco({ href: 'a.html' }));
      expectManifestError(() => parse(huge), 'TOO_LARGE', /4194304 bytes/);
      expectManifestError(() => parse(Buffer.from(huge)), 'TOO_LARGE');
      const small = scorm12(singleSco({ href: 'a.html' }));
      expectManifestError(() => parse(small, { maxBytes: 100 }), 'TOO_LARGE');
      // A string counts in UTF-8 bytes, not UTF-16 code units.
      expectManifestError(() => parse(`<manifest>${'é'.repeat(60)}</manifest>`, { maxBytes: 100 }), 'TOO_LARGE');
    });

    it.each([
      ['plain text', 'hello, world'],
      ['an empty document', ''],
      ['JSON', '{"manifest": true}'],
      ['an unclosed element', '<manifest identifier="m"><organizations>'],
      ['mismatched tags', '<manifest></resources>'],
      ['two roots', '<manifest/><manifest/>'],
      ['an unbound attribute quote', '<manifest identifier="m></manifest>'],
    ])('refuses %s as NOT_XML', (_name, xml) => {
      expectManifestError(() => parse(xml), 'NOT_XML');
    });

    it('refuses binary input as NOT_XML', () => {
      const zipBytes = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, 0xff, 0xfe, 0x00]);
      expectManifestError(() => parse(zipBytes), 'NOT_XML');
    });

    it.each([
      ['an HTML page', '<html><body>hi</body></html>', /<html>/],
      ['a manifest in a foreign namespace', '<manifest xmlns="http://example.com/other"/>', /example\.com/],
      ['an IMS metadata record', `<lom xmlns="http://ltsc.ieee.org/xsd/LOM"/>`, /lom/],
    ])('refuses %s as NOT_A_MANIFEST', (_name, xml, message) => {
      expectManifestError(() => parse(xml), 'NOT_A_MANIFEST', message);
    });

    it('refuses a manifest with neither organizations nor resources', () => {
      expectManifestError(() => parse(scorm12('<organizations/><resources/>')), 'NO_ORGANIZATION_OR_RESOURCES');
      expectManifestError(() => parse(scorm12('')), 'NO_ORGANIZATION_OR_RESOURCES');
    });
  });

  describe('standard and edition', () => {
    it.each([
      ['1.2', 'scorm12', null],
      ['CAM 1.3', 'scorm2004', '2nd'],
      ['2004 3rd Edition', 'scorm2004', '3rd'],
      ['2004 4th Edition', 'scorm2004', '4th'],
      ['  2004   4th   edition ', 'scorm2004', '4th'],
    ])('schemaversion "%s" is %s edition %s', (schemaVersion, standard, edition) => {
      const manifest = parse(scorm2004(singleSco({ href: 'a.html' }), schemaVersion));
      expect(manifest.standard).toBe(standard);
      expect(manifest.edition).toBe(edition);
    });

    it('decides from namespaces when there is no schemaversion', () => {
      const body = singleSco({ href: 'a.html' }).replace('adlcp:scormtype', 'adlcp:scormType');
      const noMetadata2004 = scorm2004(body).replace(/<metadata>.*<\/metadata>/, '');
      const parsed2004 = parse(noMetadata2004);
      expect([parsed2004.standard, parsed2004.edition]).toEqual(['scorm2004', '3rd']);
      expect(parsed2004.warnings.join('\n')).toMatch(/no <metadata><schemaversion>/);

      const fourth = noMetadata2004.replace(
        '<title>Lesson</title>',
        '<title>Lesson</title><adlcp:completionThreshold minProgressMeasure="0.5"/>',
      );
      expect(parse(fourth).edition).toBe('4th');

      // IMS CP 1.1.4 namespace with the SCORM 1.2 ADL namespace: SCORM 1.2.
      const mixed = `<manifest identifier="m" xmlns="${CP2004}" xmlns:adlcp="${ADLCP12}">${singleSco({ href: 'a.html' })}</manifest>`;
      expect(parse(mixed)).toMatchObject({ standard: 'scorm12', edition: null, scoCount: 1 });
    });

    it('refuses what is not SCORM 1.2 or 2004', () => {
      expectManifestError(
        () =>
          parse(
            `<manifest identifier="m" xmlns="${CP2004}">${singleSco({ href: 'a.html' })}</manifest>`.replace(
              /adlcp:scormtype="sco"/,
              '',
            ),
          ),
        'UNSUPPORTED_STANDARD',
      );
      expectManifestError(
        () => parse(scorm12(singleSco({ href: 'a.html' })).replace('<schemaversion>1.2', '<schemaversion>1.1')),
        'UNSUPPORTED_STANDARD',
        /1\.1/,
      );
    });
  });

  describe('hrefs, xml:base and parameters', () => {
    it('combines manifest, resources and resource xml:base per IMS CP', () => {
      const xml = scorm12(
        `<organizations><organization identifier="org"><title>T</title>
          <item identifier="i1" identifierref="r1"><title>1</title></item>
          <item identifier="i2" identifierref="r2"><title>2</title></item>
          <item identifier="i3" identifierref="r3"><title>3</title></item>
        </organization></organizations>
        <resources xml:base="content">
          <resource identifier="r1" type="webcontent" adlcp:scormtype="sco" xml:base="sco1/" href="index.html">
            <file href="index.html"/><file href="img/a.png"/>
          </resource>
          <resource identifier="r2" type="webcontent" adlcp:scormtype="sco" xml:base="./sco2/./" href="../shared/../sco2/start.html"/>
          <resource identifier="r3" type="webcontent" adlcp:scormtype="sco" href="x%20y.html"/>
        </resources>`,
        'xml:base="course/"',
      );
      const manifest = parse(xml);
      expect(manifest.launchables.map((l) => l.href)).toEqual([
        'course/content/sco1/index.html',
        'course/content/sco2/start.html',
        'course/content/x%20y.html',
      ]);
      expect(manifest.resources[0]).toMatchObject({
        base: 'course/content/sco1/',
        files: ['course/content/sco1/index.html', 'course/content/sco1/img/a.png'],
      });
      expect(manifest.resources[2].base).toBe('course/content/');
    });

    it.each([
      ['a parent directory past the root', '../outside.html'],
      ['a parent directory past the root after descending', 'a/../../outside.html'],
      ['a percent-encoded parent directory', '%2e%2e/outside.html'],
      ['an encoded slash', 'a%2f..%2f..%2fetc/passwd'],
      ['an absolute path', '/etc/passwd'],
      ['a protocol-relative URL', '//attacker.example/x.html'],
      ['a javascript: URL', 'javascript:alert(1)'],
      ['a file: URL', 'file:///etc/passwd'],
      ['a data: URL', 'data:text/html,hi'],
      ['a Windows drive path', 'C:/Windows/win.ini'],
    ])('refuses %s', (_name, href) => {
      expectManifestError(() => parse(scorm12(singleSco({ href }))), 'UNSAFE_HREF', /refused/);
    });

    it('refuses an xml:base that escapes the package', () => {
      expectManifestError(
        () => parse(scorm12(singleSco({ href: 'a.html', resourceAttributes: 'xml:base="../../"' }))),
        'UNSAFE_HREF',
      );
      expectManifestError(() => parse(scorm12(singleSco({ href: 'a.html' }), 'xml:base="/srv/"')), 'UNSAFE_HREF');
      expectManifestError(
        () => parse(scorm12(singleSco({ href: '../../x.html', resourceAttributes: 'xml:base="a/"' }))),
        'UNSAFE_HREF',
      );
    });

    it('keeps an external http(s) asset as it is, with a warning, and refuses an external SCO', () => {
      const asset = scorm12(singleSco({ href: 'https://cdn.example.com/page.html?x=1' })).replace('"sco"', '"asset"');
      const manifest = parse(asset);
      expect(manifest.launchables[0]).toMatchObject({
        type: 'asset',
        href: 'https://cdn.example.com/page.html?x=1',
        external: true,
      });
      expect(manifest.warnings.join('\n')).toMatch(/outside the package/);

      const viaBase = scorm12(
        singleSco({ href: 'page.html', resourceAttributes: 'xml:base="http://cdn.example.com/course"' }),
      ).replace('"sco"', '"asset"');
      expect(parse(viaBase).launchables[0].href).toBe('http://cdn.example.com/course/page.html');

      expectManifestError(
        () => parse(scorm12(singleSco({ href: 'https://cdn.example.com/sco.html' }))),
        'UNSAFE_HREF',
        /SCO/,
      );
    });

    it('reads backslashes as slashes, with a warning', () => {
      const manifest = parse(scorm12(singleSco({ href: 'content\\index.html' })));
      expect(manifest.launchables[0].href).toBe('content/index.html');
      expect(manifest.warnings.join('\n')).toMatch(/backslashes/);
    });

    it.each([
      ['a.html', '?a=1', 'a.html?a=1'],
      ['a.html', 'a=1', 'a.html?a=1'],
      ['a.html?a=1', 'b=2', 'a.html?a=1&b=2'],
      ['a.html?a=1', '?b=2', 'a.html?a=1&b=2'],
      ['a.html?a=1', '&b=2', 'a.html?a=1&b=2'],
      ['a.html?', 'b=2', 'a.html?b=2'],
      ['a.html', '#frag', 'a.html#frag'],
      ['a.html#own', '#frag', 'a.html#own'],
      ['a.html#own', 'b=2', 'a.html?b=2#own'],
      ['a.html?a=1#own', '?b=2', 'a.html?a=1&b=2#own'],
      ['a.html', 'b=2#frag', 'a.html?b=2#frag'],
      ['a.html', '', 'a.html'],
      ['a.html', '?', 'a.html'],
    ])('joins %s and parameters "%s" as %s', (href, parameters, expected) => {
      expect(joinParameters(href, parameters)).toBe(expected);
    });

    it('appends item parameters to the resource href at launch', () => {
      const manifest = parse(scorm12(singleSco({ href: 'sco.html?a=1', parameters: 'b=2' })));
      expect(manifest.launchables[0].href).toBe('sco.html?a=1&b=2');
      expect(manifest.organizations[0].items[0].parameters).toBe('b=2');
      expect(parse(scorm12(singleSco({ href: 'sco.html', parameters: '#page3' }))).launchables[0].href).toBe(
        'sco.html#page3',
      );
      expect(parse(scorm12(singleSco({ href: 'sco.html', parameters: '?a=1' }))).launchables[0].href).toBe(
        'sco.html?a=1',
      );
    });
  });

  describe('tolerance', () => {
    it('uses the first organization, with a warning, when the default does not exist', () => {
      const xml = scorm12(`<organizations default="nope">
          <organization identifier="first"><title>First</title><item identifier="a" identifierref="r1"><title>A</title></item></organization>
          <organization identifier="second"><title>Second</title><item identifier="b" identifierref="r1"><title>B</title></item></organization>
        </organizations>
        <resources><resource identifier="r1" type="webcontent" adlcp:scormtype="sco" href="a.html"/></resources>`);
      const manifest = parse(xml);
      expect(manifest.defaultOrganizationId).toBe('first');
      expect(manifest.title).toBe('First');
      expect(manifest.warnings).toEqual([
        'The default organization "nope" does not exist; the first organization "first" is used.',
      ]);
      expect(manifest.launchables.map((l) => [l.organizationIdentifier, l.itemIdentifier])).toEqual([
        ['first', 'a'],
        ['second', 'b'],
      ]);
    });

    it('honours a default organization that exists and takes the title from it', () => {
      const xml = scorm12(`<organizations default="second">
          <organization identifier="first"><title>First</title></organization>
          <organization identifier="second"><title>Second</title><item identifier="b" identifierref="r1"><title>B</title></item></organization>
        </organizations>
        <resources><resource identifier="r1" type="webcontent" adlcp:scormtype="sco" href="a.html"/></resources>`);
      expect(parse(xml)).toMatchObject({ defaultOrganizationId: 'second', title: 'Second' });
    });

    it('warns about a metadata file that is missing from the package', () => {
      const xml = scorm12(
        singleSco({
          href: 'a.html',
          resourceBody: `<metadata><adlcp:location>meta/resource.xml</adlcp:location></metadata><file href="a.html"/>`,
        }),
      ).replace(
        '<schemaversion>1.2</schemaversion>',
        '<schemaversion>1.2</schemaversion><adlcp:location>course-metadata.xml</adlcp:location>',
      );
      const present = new Set(['a.html', 'course-metadata.xml']);
      const manifest = parse(xml, { fileExists: (p) => present.has(p) });
      expect(manifest.warnings).toEqual([
        'The metadata file "meta/resource.xml" of resource "r1" is not in the package.',
      ]);
      expect(parse(xml, { fileExists: () => true }).warnings).toEqual([]);
      expect(parse(xml).warnings).toEqual([]);
    });

    it('refuses a SCO whose launch file is missing from the package: the course could not start', () => {
      const xml = scorm12(singleSco({ href: 'a%20b.html?x=1' }));
      expect(() => parse(xml, { fileExists: (p) => p === 'other.html' })).toThrow(
        expect.objectContaining({
          code: 'LAUNCH_FILE_MISSING',
          message: 'The SCO of item "i1" is launched from "a b.html" (resource "r1"), which is not in the package.',
        }),
      );
      expect(parse(xml, { fileExists: (p) => p === 'a b.html' }).scoCount).toBe(1);
    });

    it('warns about an asset launch file and <file> entries missing from the package', () => {
      const xml = scorm12(
        singleSco({ href: 'a.html', resourceBody: '<file href="a.html"/><file href="img/gone.png"/>' }),
      ).replace('adlcp:scormtype="sco"', 'adlcp:scormtype="asset"');
      const manifest = parse(xml, { fileExists: (p) => p === 'other.html' });
      expect(manifest.warnings).toEqual([
        'The file "a.html" listed by resource "r1" is not in the package.',
        'The file "img/gone.png" listed by resource "r1" is not in the package.',
        'The launch file "a.html" of resource "r1" is not in the package.',
      ]);
      expect(manifest.assetCount).toBe(1);
      const sco = scorm12(
        singleSco({ href: 'a.html', resourceBody: '<file href="a.html"/><file href="img/gone.png"/>' }),
      );
      expect(parse(sco, { fileExists: (p) => p === 'a.html' }).warnings).toEqual([
        'The file "img/gone.png" listed by resource "r1" is not in the package.',
      ]);
    });

    it('makes an item whose identifierref points to no resource non-launchable, with a warning', () => {
      const xml = scorm12(`<organizations><organization identifier="org"><title>T</title>
          <item identifier="good" identifierref="r1"><title>Good</title></item>
          <item identifier="broken" identifierref="missing"><title>Broken</title></item>
          <item identifier="nohref" identifierref="files"><title>No href</title></item>
        </organization></organizations>
        <resources>
          <resource identifier="r1" type="webcontent" adlcp:scormtype="sco" href="a.html"><dependency identifierref="gone"/></resource>
          <resource identifier="files" type="webcontent" adlcp:scormtype="asset"><file href="x.js"/></resource>
        </resources>`);
      const manifest = parse(xml);
      expect(manifest.launchables.map((l) => l.itemIdentifier)).toEqual(['good']);
      expect(manifest.organizations[0].items.map((i) => i.launchable)).toEqual([true, false, false]);
      expect(manifest.warnings).toEqual([
        'Resource "r1" depends on "gone", which is not a resource.',
        'The item "broken" refers to "missing", which is not a resource; it cannot be launched.',
        'The item "nohref" refers to resource "files", which has no href; it cannot be launched.',
      ]);
    });

    it('accepts resources without organizations, with a warning and nothing to launch', () => {
      const manifest = parse(
        scorm12(
          `<organizations/><resources><resource identifier="r1" type="webcontent" adlcp:scormtype="sco" href="a.html"/></resources>`,
        ),
      );
      expect(manifest).toMatchObject({ organizations: [], defaultOrganizationId: null, launchables: [], scoCount: 0 });
      expect(manifest.warnings.join('\n')).toMatch(/no organization/);
    });

    it('matches namespaces by URI, whatever the prefixes', () => {
      const xml = `<?xml version="1.0"?>
        <cp:manifest identifier="m" xmlns:cp="${CP12}" xmlns:foo="${ADLCP12}" xmlns:adlcp="http://example.com/not-adl">
          <cp:metadata><cp:schema>ADL SCORM</cp:schema><cp:schemaversion>1.2</cp:schemaversion></cp:metadata>
          <cp:organizations default="org"><cp:organization identifier="org"><cp:title>Prefixed</cp:title>
            <cp:item identifier="i1" identifierref="r1"><cp:title>One</cp:title><foo:masteryscore>80</foo:masteryscore></cp:item>
            <cp:item identifier="i2" identifierref="r2"><cp:title>Two</cp:title><adlcp:masteryscore>90</adlcp:masteryscore></cp:item>
          </cp:organization></cp:organizations>
          <cp:resources>
            <cp:resource identifier="r1" type="webcontent" foo:scormtype="sco" href="one.html"/>
            <cp:resource identifier="r2" type="webcontent" adlcp:scormtype="sco" href="two.html"/>
          </cp:resources>
        </cp:manifest>`;
      const manifest = parse(xml);
      expect(manifest.title).toBe('Prefixed');
      expect(manifest.launchables.map((l) => [l.itemIdentifier, l.type, l.masteryScore])).toEqual([
        ['i1', 'sco', 80],
        // `adlcp:` bound to another namespace is not ADL CP.
        ['i2', 'asset', null],
      ]);
      expect(manifest.warnings).toEqual(['Resource "r2" has no adlcp:scormType; it is launched as an asset.']);
    });

    it('tolerates an undeclared adlcp prefix, with a warning', () => {
      const xml = `<manifest identifier="m" xmlns="${CP12}"><metadata><schemaversion>1.2</schemaversion></metadata>${singleSco({ href: 'a.html' })}</manifest>`;
      const manifest = parse(xml);
      expect(manifest).toMatchObject({ standard: 'scorm12', scoCount: 1 });
      expect(manifest.warnings).toEqual(['The namespace prefix "adlcp" is used without being declared.']);
    });

    it('reads ISO-8859-1 and UTF-16 input', () => {
      const latin = scorm12(singleSco({ href: 'a.html' }))
        .replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')
        .replace('Lesson', 'Leçon');
      expect(parse(Buffer.from(latin, 'latin1')).launchables[0].title).toBe('Leçon');
      const utf16 = Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from(latin.replace('ISO-8859-1', 'UTF-16'), 'utf16le'),
      ]);
      expect(parse(utf16).launchables[0].title).toBe('Leçon');
      expectManifestError(
        () => parse(Buffer.from(latin.replace('ISO-8859-1', 'EBCDIC-CP-US'), 'latin1')),
        'UNSUPPORTED_ENCODING',
      );
    });

    it('keeps at most 200 warnings', () => {
      const items = Array.from({ length: 500 }, (_, i) => `<item identifier="i${i}" identifierref="none${i}"/>`).join(
        '',
      );
      const xml = scorm12(
        `<organizations><organization identifier="o">${items}</organization></organizations><resources/>`,
      );
      const warnings = parse(xml).warnings;
      expect(warnings).toHaveLength(201);
      expect(warnings[200]).toBe('… and 300 more warnings');
    });
  });

  describe('item data', () => {
    it('reads SCORM 1.2 item extensions', () => {
      const xml = scorm12(
        singleSco({ href: 'a.html' }).replace(
          '<title>Lesson</title>',
          `<title>Lesson</title>
           <adlcp:prerequisites type="aicc_script">intro &amp; basics</adlcp:prerequisites>
           <adlcp:maxtimeallowed>00:30:00</adlcp:maxtimeallowed>
           <adlcp:timelimitaction>exit,message</adlcp:timelimitaction>
           <adlcp:datafromlms>level=2</adlcp:datafromlms>
           <adlcp:masteryscore>75.5</adlcp:masteryscore>`,
        ),
      ).replace('<item identifier="i1"', '<item identifier="i1" isvisible="false"');
      const manifest = parse(xml);
      expect(manifest.organizations[0].items[0]).toMatchObject({
        isvisible: false,
        masteryScore: 75.5,
        prerequisites: { type: 'aicc_script', expression: 'intro & basics' },
        maxTimeAllowed: '00:30:00',
        timeLimitAction: 'exit,message',
        dataFromLms: 'level=2',
        completionThreshold: null,
        sequencing: null,
      });
      expect(manifest.launchables[0]).toMatchObject({
        isvisible: false,
        masteryScore: 75.5,
        dataFromLms: 'level=2',
        maxTimeAllowed: '00:30:00',
        timeLimitAction: 'exit,message',
      });
    });

    it('reads adlcp:completionThreshold as text (3rd edition) and as attributes (4th edition)', () => {
      const items = `<organizations default="org"><organization identifier="org"><title>T</title>
          <item identifier="text" identifierref="r1"><title>A</title>
            <adlcp:completionThreshold>0.75</adlcp:completionThreshold></item>
          <item identifier="attributes" identifierref="r1"><title>B</title>
            <adlcp:completionThreshold completedByMeasure="true" minProgressMeasure="0.8"/></item>
          <item identifier="defaults" identifierref="r1"><title>C</title>
            <adlcp:completionThreshold progressWeight="0.5"/></item>
        </organization></organizations>
        <resources><resource identifier="r1" type="webcontent" adlcp:scormType="sco" href="a.html"/></resources>`;
      const manifest = parse(scorm2004(items, '2004 4th Edition'));
      expect(manifest.edition).toBe('4th');
      expect(manifest.launchables.map((l) => l.completionThreshold)).toEqual([
        { completedByMeasure: true, minProgressMeasure: 0.75, progressWeight: 1, form: 'text' },
        { completedByMeasure: true, minProgressMeasure: 0.8, progressWeight: 1, form: 'attributes' },
        { completedByMeasure: false, minProgressMeasure: 1, progressWeight: 0.5, form: 'attributes' },
      ]);
      expect(manifest.warnings).toEqual([]);
    });

    it('reads SCORM 2004 sequencing, navigation and shared data, and merges the collection attribute by attribute', () => {
      const body = `<organizations default="org"><organization identifier="org" adlseq:objectivesGlobalToSystem="false" adlcp:sharedDataGlobalToSystem="false">
          <title>Sequenced</title>
          <item identifier="module"><title>Module</title>
            <item identifier="sco1" identifierref="r1" parameters="?mode=review"><title>SCO 1</title>
              <adlcp:timeLimitAction>continue,no message</adlcp:timeLimitAction>
              <adlcp:dataFromLMS>start=3</adlcp:dataFromLMS>
              <adlcp:data><adlcp:map targetID="shared.bucket" writeSharedData="false"/></adlcp:data>
              <imsss:sequencing IDRef="common">
                <imsss:controlMode flow="true"/>
                <imsss:sequencingRules>
                  <imsss:exitConditionRule>
                    <imsss:ruleConditions><imsss:ruleCondition condition="completed"/></imsss:ruleConditions>
                    <imsss:ruleAction action="exit"/>
                  </imsss:exitConditionRule>
                  <imsss:postConditionRule>
                    <imsss:ruleConditions conditionCombination="any">
                      <imsss:ruleCondition condition="objectiveMeasureLessThan" measureThreshold="0.5"/>
                    </imsss:ruleConditions>
                    <imsss:ruleAction action="retry"/>
                  </imsss:postConditionRule>
                  <imsss:postConditionRule>
                    <imsss:ruleConditions><imsss:ruleCondition condition="bogus"/></imsss:ruleConditions>
                    <imsss:ruleAction action="retry"/>
                  </imsss:postConditionRule>
                </imsss:sequencingRules>
                <imsss:limitConditions attemptLimit="3" attemptAbsoluteDurationLimit="PT1H"/>
                <imsss:objectives>
                  <imsss:primaryObjective objectiveID="obj1" satisfiedByMeasure="true">
                    <imsss:minNormalizedMeasure>0.6</imsss:minNormalizedMeasure>
                  </imsss:primaryObjective>
                </imsss:objectives>
                <adlseq:objectives>
                  <adlseq:objective objectiveID="obj1">
                    <adlseq:mapInfo targetObjectiveID="g1" writeRawScore="true"/>
                  </adlseq:objective>
                </adlseq:objectives>
              </imsss:sequencing>
              <adlnav:presentation><adlnav:navigationInterface>
                <adlnav:hideLMSUI>previous</adlnav:hideLMSUI><adlnav:hideLMSUI>continue</adlnav:hideLMSUI>
              </adlnav:navigationInterface></adlnav:presentation>
            </item>
            <imsss:sequencing>
              <imsss:controlMode choice="false" flow="true" forwardOnly="true" choiceExit="false"/>
              <imsss:rollupRules rollupObjectiveSatisfied="false">
                <imsss:rollupRule childActivitySet="atLeastCount" minimumCount="2">
                  <imsss:rollupConditions><imsss:rollupCondition operator="not" condition="attempted"/></imsss:rollupConditions>
                  <imsss:rollupAction action="incomplete"/>
                </imsss:rollupRule>
              </imsss:rollupRules>
              <imsss:randomizationControls randomizationTiming="onEachNewAttempt" selectCount="1" reorderChildren="true"/>
              <adlseq:constrainedChoiceConsiderations constrainChoice="true"/>
              <adlseq:rollupConsiderations requiredForSatisfied="ifAttempted" measureSatisfactionIfActive="false"/>
            </imsss:sequencing>
          </item>
        </organization></organizations>
        <resources><resource identifier="r1" type="webcontent" adlcp:scormType="sco" href="sco1/index.html"/></resources>
        <imsss:sequencingCollection>
          <imsss:sequencing ID="common">
            <imsss:controlMode choice="false" choiceExit="false"/>
            <imsss:deliveryControls completionSetByContent="true"/>
            <imsss:auxiliaryResources><imsss:auxiliaryResource auxiliaryResourceID="glossary" purpose="help"/></imsss:auxiliaryResources>
          </imsss:sequencing>
        </imsss:sequencingCollection>`;
      const manifest = parse(scorm2004(body, '2004 4th Edition'));
      const organization = manifest.organizations[0];
      expect(organization).toMatchObject({ objectivesGlobalToSystem: false, sharedDataGlobalToSystem: false });
      const module = organization.items[0];
      const sco = module.children[0];

      expect(manifest.launchables).toEqual([
        {
          organizationIdentifier: 'org',
          itemIdentifier: 'sco1',
          title: 'SCO 1',
          resourceIdentifier: 'r1',
          type: 'sco',
          href: 'sco1/index.html?mode=review',
          external: false,
          isvisible: true,
          dataFromLms: 'start=3',
          masteryScore: null,
          maxTimeAllowed: null,
          timeLimitAction: 'continue,no message',
          completionThreshold: null,
        },
      ]);
      expect(module.sequencing).toMatchObject({
        controlMode: {
          choice: false,
          choiceExit: false,
          flow: true,
          forwardOnly: true,
          useCurrentAttemptObjectiveInfo: true,
          useCurrentAttemptProgressInfo: true,
        },
        rollupRules: {
          rollupObjectiveSatisfied: false,
          rollupProgressCompletion: true,
          objectiveMeasureWeight: 1,
          rules: [
            {
              childActivitySet: 'atLeastCount',
              minimumCount: 2,
              minimumPercent: 0,
              conditionCombination: 'any',
              conditions: [{ operator: 'not', condition: 'attempted' }],
              action: 'incomplete',
            },
          ],
        },
        randomizationControls: {
          randomizationTiming: 'onEachNewAttempt',
          selectCount: 1,
          reorderChildren: true,
          selectionTiming: 'never',
        },
        constrainedChoiceConsiderations: { preventActivation: false, constrainChoice: true },
        rollupConsiderations: {
          requiredForSatisfied: 'ifAttempted',
          requiredForNotSatisfied: 'always',
          requiredForCompleted: 'always',
          requiredForIncomplete: 'always',
          measureSatisfactionIfActive: false,
        },
      });

      // The collection's controlMode attributes stay unless the item overrides them (flow).
      expect(sco.sequencing?.controlMode).toEqual({
        choice: false,
        choiceExit: false,
        flow: true,
        forwardOnly: false,
        useCurrentAttemptObjectiveInfo: true,
        useCurrentAttemptProgressInfo: true,
      });
      expect(sco.sequencing?.deliveryControls).toEqual({
        tracked: true,
        completionSetByContent: true,
        objectiveSetByContent: false,
      });
      expect(sco.sequencing?.auxiliaryResources).toEqual([{ auxiliaryResourceID: 'glossary', purpose: 'help' }]);
      expect(sco.sequencing?.sequencingRules).toEqual({
        preConditionRules: [],
        exitConditionRules: [
          {
            conditionCombination: 'all',
            conditions: [{ referencedObjective: null, measureThreshold: 0, operator: 'noOp', condition: 'completed' }],
            action: 'exit',
          },
        ],
        postConditionRules: [
          {
            conditionCombination: 'any',
            conditions: [
              {
                referencedObjective: null,
                measureThreshold: 0.5,
                operator: 'noOp',
                condition: 'objectiveMeasureLessThan',
              },
            ],
            action: 'retry',
          },
        ],
      });
      expect(sco.sequencing?.limitConditions).toEqual({ attemptLimit: 3, attemptAbsoluteDurationLimit: 'PT1H' });
      expect(sco.sequencing?.objectives?.primary).toEqual({
        objectiveID: 'obj1',
        satisfiedByMeasure: true,
        minNormalizedMeasure: 0.6,
        mapInfo: [],
      });
      expect(sco.sequencing?.adlObjectives).toEqual([
        {
          objectiveID: 'obj1',
          mapInfo: [
            {
              targetObjectiveID: 'g1',
              readRawScore: true,
              readMinScore: true,
              readMaxScore: true,
              readCompletionStatus: true,
              readProgressMeasure: true,
              writeRawScore: true,
              writeMinScore: false,
              writeMaxScore: false,
              writeCompletionStatus: false,
              writeProgressMeasure: false,
            },
          ],
        },
      ]);
      expect(sco.presentation).toEqual({ hideLMSUI: ['previous', 'continue'] });
      expect(sco.sharedDataMaps).toEqual([{ targetID: 'shared.bucket', readSharedData: true, writeSharedData: false }]);
      expect(manifest.sequencingCollection.common.controlMode).toMatchObject({ choice: false, flow: false });
      // The unknown rule condition is dropped with its rule, and said so.
      expect(manifest.warnings).toEqual([
        'Sequencing of item "sco1": a postConditionRule was ignored because its condition "bogus" is not a known rule condition.',
      ]);
      expect(JSON.parse(JSON.stringify(manifest))).toEqual(manifest);
    });

    it('warns about an IDRef that is not in the sequencing collection', () => {
      const body = singleSco({ href: 'a.html' })
        .replace('adlcp:scormtype', 'adlcp:scormType')
        .replace(
          '<title>Lesson</title>',
          '<title>Lesson</title><imsss:sequencing IDRef="nowhere"><imsss:controlMode flow="true"/></imsss:sequencing>',
        );
      const manifest = parse(scorm2004(body));
      expect(manifest.organizations[0].items[0].sequencing?.controlMode?.flow).toBe(true);
      expect(manifest.warnings).toEqual([
        'The sequencing of item "i1" refers to "nowhere", which is not in the sequencing collection.',
      ]);
    });
  });
});
