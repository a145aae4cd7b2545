import { ZipFile } from 'yazl';

/**
 * The package of the wire checks (test/e2e/wire.e2e-spec.ts, test/browser/wire.browser-spec.ts,
 * bench/wire.bench.ts), made here: no fixture needed.
 */
export const WIRE_PACKAGE_TITLE = 'Wire check course';
export const WIRE_PACKAGE_HEADING = 'Transaction value';

/**
 * A one-SCO SCORM 1.2 package as an authoring tool makes one: a page with its stylesheet and script
 * (each over 1 KB, so the content route compresses them) that initialises the run-time and commits.
 */
export async function wirePackage(): Promise<Buffer> {
  const manifest = `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="wire" version="1.0" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="org"><organization identifier="org"><title>${WIRE_PACKAGE_TITLE}</title>
    <item identifier="item" identifierref="sco"><title>Valuation</title></item>
  </organization></organizations>
  <resources>
    <resource identifier="sco" type="webcontent" adlcp:scormtype="sco" href="sco.html">
      <file href="sco.html"/><file href="sco.css"/><file href="sco.js"/><file href="note.txt"/><file href="figure.png"/>
    </resource>
  </resources>
</manifest>`;
  const paragraph =
    'The customs value of imported goods is first the transaction value: the price actually paid or payable for the goods when sold for export to the country of importation, adjusted as Article 8 provides. ';
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Valuation</title>
<link rel="stylesheet" href="sco.css"></head>
<body><main><h1>${WIRE_PACKAGE_HEADING}</h1>${Array.from({ length: 12 }, () => `<p>${paragraph}</p>`).join('\n')}</main>
<script src="sco.js"></script></body></html>`;
  const css = Array.from(
    { length: 30 },
    (_, i) => `.unit-${i} { margin: 0 auto ${i}px; padding: 1rem; font: 1rem/1.5 system-ui, sans-serif; }`,
  ).join('\n');
  const js = `(function () {
  function findApi(win) {
    for (var i = 0; i < 10 && win; i++) {
      if (win.API) { return win.API; }
      if (win.parent === win) { return null; }
      win = win.parent;
    }
    return null;
  }
  var api = findApi(window);
  if (api) {
    api.LMSInitialize('');
    api.LMSSetValue('cmi.core.lesson_location', 'page-1');
    api.LMSSetValue('cmi.core.lesson_status', 'incomplete');
    api.LMSCommit('');
  }
${Array.from({ length: 20 }, (_, i) => `  // Page ${i + 1} of the unit keeps its answers in suspend_data, as authoring tools do.`).join('\n')}
})();`;
  // 4 KB that compress well but are an image: never compressed again on the way.
  const pngLike = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(4096, 7)]);
  const archive = new ZipFile();
  for (const [name, content] of Object.entries({
    'imsmanifest.xml': manifest,
    'sco.html': html,
    'sco.css': css,
    'sco.js': js,
    // Under the compression threshold, and not text: both go out as stored.
    'note.txt': 'Short note.',
    'figure.png': pngLike,
  })) {
    archive.addBuffer(typeof content === 'string' ? Buffer.from(content) : content, name);
  }
  archive.end();
  const chunks: Buffer[] = [];
  for await (const chunk of archive.outputStream) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
