import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ZipFile } from 'yazl';
import { InspectionFailedError, PackageInspector } from './package-inspector';

const MANIFEST = `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="m1" version="1.0" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="o1"><organization identifier="o1"><title>Inspected</title>
    <item identifier="i1" identifierref="r1"><title>Page</title></item>
  </organization></organizations>
  <resources><resource identifier="r1" type="webcontent" adlcp:scormtype="sco" href="index.html">
    <file href="index.html"/></resource></resources>
</manifest>`;

async function zip(dir: string, name: string, entries: Array<[string, string]>): Promise<string> {
  const file = new ZipFile();
  for (const [entry, content] of entries) {
    file.addBuffer(Buffer.from(content), entry);
  }
  file.end();
  const chunks: Buffer[] = [];
  for await (const chunk of file.outputStream) {
    chunks.push(chunk as Buffer);
  }
  const target = path.join(dir, name);
  await writeFile(target, Buffer.concat(chunks));
  return target;
}

describe('PackageInspector (child process kept between packages)', () => {
  let dir: string;
  let inspector: PackageInspector;
  let good: string;
  let hostile: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'clearance-inspector-'));
    await mkdir(path.join(dir, 'out')); // the job's own folder; each package gets a new one in it
    good = await zip(dir, 'good.zip', [
      ['imsmanifest.xml', MANIFEST],
      ['index.html', '<p>hello</p>'],
    ]);
    hostile = await zip(dir, 'no-manifest.zip', [['index.html', '<p>no manifest</p>']]);
    inspector = new PackageInspector();
  });

  afterAll(async () => {
    inspector.onModuleDestroy();
    await rm(dir, { recursive: true, force: true });
  });

  const destination = (name: string) => path.join(dir, 'out', name);

  it('serves several packages from one child, good and refused alike', async () => {
    const progress: number[] = [];
    const first = await inspector.inspect({ zipPath: good, destination: destination('a') }, (f) => progress.push(f));
    const pid = inspector.childPid;
    expect(pid).toEqual(expect.any(Number));
    expect(first).toMatchObject({ files: 2, manifest: expect.objectContaining({ title: 'Inspected', scoCount: 1 }) });
    expect(first.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(progress.at(-1)).toBe(1);

    const refused = await inspector
      .inspect({ zipPath: hostile, destination: destination('b') }, () => undefined)
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(InspectionFailedError);
    expect(refused).toMatchObject({ code: 'MISSING_MANIFEST', permanent: true });
    expect(await readdir(path.join(dir, 'out'))).toEqual(['a']);

    await inspector.inspect({ zipPath: good, destination: destination('c') }, () => undefined);
    expect(inspector.childPid).toBe(pid);
  });

  it('a child that died is replaced by the next package', async () => {
    await inspector.inspect({ zipPath: good, destination: destination('d') }, () => undefined);
    const pid = inspector.childPid!;
    process.kill(pid, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const again = await inspector.inspect({ zipPath: good, destination: destination('e') }, () => undefined);
    expect(again.files).toBe(2);
    expect(inspector.childPid).not.toBe(pid);
  });

  it('many requests at once run one at a time, each answered about its own package', async () => {
    const results = await Promise.all(
      ['f', 'g', 'h', 'i'].map((name, index) =>
        inspector
          .inspect({ zipPath: index % 2 ? hostile : good, destination: destination(name) }, () => undefined)
          .then(
            (inspection) => `ok ${inspection.files}`,
            (error: InspectionFailedError) => error.code,
          ),
      ),
    );
    expect(results).toEqual(['ok 2', 'MISSING_MANIFEST', 'ok 2', 'MISSING_MANIFEST']);
  });

  it('an inspection past its time limit fails for good and takes its child with it; the next one runs', async () => {
    await inspector.inspect({ zipPath: good, destination: destination('k') }, () => undefined);
    const pid = inspector.childPid!;
    inspector.timeoutMs = 1;
    const late = await inspector
      .inspect({ zipPath: good, destination: destination('l') }, () => undefined)
      .catch((error: unknown) => error);
    inspector.timeoutMs = 60_000;
    expect(late).toMatchObject({ code: 'INSPECTION_TIMEOUT', permanent: true });
    expect(inspector.childPid).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(() => process.kill(pid, 0)).toThrow();
    const next = await inspector.inspect({ zipPath: good, destination: destination('m') }, () => undefined);
    expect(next.files).toBe(2);
  });

  it('an abort stops the inspection and the child', async () => {
    const controller = new AbortController();
    const pending = inspector.inspect(
      { zipPath: good, destination: destination('j') },
      () => undefined,
      controller.signal,
    );
    const pid = inspector.childPid;
    controller.abort(new Error('shutting down'));
    await expect(pending).rejects.toThrow('shutting down');
    expect(inspector.childPid).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(() => process.kill(pid!, 0)).toThrow();
  });
});
