import { ZipFile } from 'yazl';

/**
 * A small SCORM 1.2 course of the project's own making, imported by `npm start` on an empty
 * database so a newcomer sees a working catalogue. One SCO: it finds the LMS API, bookmarks the
 * page, and reports completion and a score when the learner answers the question.
 */
const MANIFEST = `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="clearance-demo-course" version="1.0"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="org">
    <organization identifier="org">
      <title>Welcome to Clearance</title>
      <item identifier="item-welcome" identifierref="res-welcome">
        <title>How e-learning works on Clearance</title>
        <adlcp:masteryscore>50</adlcp:masteryscore>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="res-welcome" type="webcontent" adlcp:scormtype="sco" href="index.html">
      <file href="index.html"/>
      <file href="course.js"/>
      <file href="course.css"/>
    </resource>
  </resources>
</manifest>
`;

const INDEX = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Welcome to Clearance</title>
  <link rel="stylesheet" href="course.css">
</head>
<body>
  <main>
    <h1>How e-learning works on Clearance</h1>
    <p>Courses on Clearance are SCORM packages. The platform remembers where you stopped, so you can
    leave at any time and resume later, even on a slow connection.</p>
    <p>When you complete a course, your national coordinator can follow your progress and you
    receive a certificate.</p>
    <form id="quiz">
      <fieldset>
        <legend>Which WCO instrument sets the rules for classifying goods?</legend>
        <label><input type="radio" name="answer" value="hs"> The Harmonized System</label>
        <label><input type="radio" name="answer" value="safe"> The SAFE Framework</label>
        <label><input type="radio" name="answer" value="tir"> The TIR Convention</label>
      </fieldset>
      <button type="submit">Check my answer</button>
    </form>
    <p id="feedback" role="status"></p>
  </main>
  <script src="course.js"></script>
</body>
</html>
`;

const SCRIPT = `(function () {
  function findApi(win) {
    for (var depth = 0; win && depth < 10; depth++) {
      if (win.API) { return win.API; }
      if (win.parent === win) { break; }
      win = win.parent;
    }
    return window.opener && window.opener.API ? window.opener.API : null;
  }
  var api = findApi(window);
  if (api) {
    api.LMSInitialize('');
    api.LMSSetValue('cmi.core.lesson_location', 'intro');
    if (api.LMSGetValue('cmi.core.lesson_status') === 'not attempted') {
      api.LMSSetValue('cmi.core.lesson_status', 'incomplete');
    }
    api.LMSCommit('');
  }
  document.getElementById('quiz').addEventListener('submit', function (event) {
    event.preventDefault();
    var chosen = document.querySelector('input[name="answer"]:checked');
    var right = chosen && chosen.value === 'hs';
    document.getElementById('feedback').textContent = right
      ? 'Correct: the Harmonized System. You have completed this course.'
      : 'Not quite: it is the Harmonized System. Try again.';
    if (api) {
      api.LMSSetValue('cmi.core.score.raw', right ? '100' : '0');
      api.LMSSetValue('cmi.core.lesson_status', right ? 'passed' : 'failed');
      api.LMSCommit('');
      if (right) { api.LMSFinish(''); api = null; }
    }
  });
  window.addEventListener('pagehide', function () { if (api) { api.LMSFinish(''); api = null; } });
})();
`;

const STYLE = `body { font: 1rem/1.5 system-ui, sans-serif; color: #1b1b1b; background: #fff; margin: 0; }
main { max-width: 40rem; margin: 2rem auto; padding: 0 1rem; }
h1 { color: #0b2545; }
fieldset { border: 1px solid #8da9c4; padding: 1rem; }
label { display: block; margin: 0.5rem 0; }
button { margin-top: 1rem; padding: 0.5rem 1rem; background: #0b2545; color: #fff; border: 0; }
button:focus-visible, input:focus-visible { outline: 3px solid #13315c; outline-offset: 2px; }
`;

export const DEMO_COURSE_TEXTS = [
  {
    language: 'en' as const,
    title: 'Welcome to Clearance',
    description: 'A five-minute introduction to e-learning on Clearance: resuming, progress and certificates.',
  },
  {
    language: 'fr' as const,
    title: 'Bienvenue sur Clearance',
    description:
      'Une introduction de cinq minutes à la formation en ligne sur Clearance : reprise, progression et certificats.',
  },
  {
    language: 'es' as const,
    title: 'Bienvenido a Clearance',
    description:
      'Una introducción de cinco minutos al aprendizaje en línea en Clearance: reanudación, progreso y certificados.',
  },
];

/** The demo package as zip bytes. */
export async function buildDemoPackage(): Promise<Buffer> {
  const zip = new ZipFile();
  const mtime = new Date('2026-01-01T00:00:00Z');
  zip.addBuffer(Buffer.from(MANIFEST), 'imsmanifest.xml', { mtime });
  zip.addBuffer(Buffer.from(INDEX), 'index.html', { mtime });
  zip.addBuffer(Buffer.from(SCRIPT), 'course.js', { mtime });
  zip.addBuffer(Buffer.from(STYLE), 'course.css', { mtime });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
