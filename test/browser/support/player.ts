import { createServer } from 'node:net';
import request from 'supertest';
import { ZipFile } from 'yazl';
import { createApiApp } from '../../../apps/api/src/bootstrap';
import type { TestApp } from '../../support/app';

/** A port of 127.0.0.1 that was free a moment ago. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * The api on a port known before it starts, with PUBLIC_URL (localhost) and CONTENT_URL (127.0.0.1)
 * both naming it: launch URLs, the launcher's pinned origin and the CSPs must match what the browser
 * sees. Settings are read when the app is built, so the environment is set only meanwhile.
 */
export async function startPlayerServer(): Promise<{ app: TestApp; appOrigin: string; contentOrigin: string }> {
  const port = await freePort();
  const appOrigin = `http://localhost:${port}`;
  const contentOrigin = `http://127.0.0.1:${port}`;
  const saved = { PUBLIC_URL: process.env.PUBLIC_URL, CONTENT_URL: process.env.CONTENT_URL };
  process.env.PUBLIC_URL = appOrigin;
  process.env.CONTENT_URL = contentOrigin;
  let app: TestApp;
  try {
    app = await createApiApp();
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) {
        delete process.env[key];
      } else {
        process.env[key] = value;
      }
    }
  }
  await app.listen({ port, host: '127.0.0.1' });
  process.env.PUBLIC_URL_OF_TEST = appOrigin;
  return { app, appOrigin, contentOrigin };
}

interface Job {
  state: string;
  result: { courseId: string; packageId: string } | null;
  error: unknown;
}

/** Requests to the app's host (the server tells its two origins apart by Host; 127.0.0.1 is content). */
export function appRequest(app: TestApp) {
  const host = new URL(process.env.PUBLIC_URL_OF_TEST ?? 'http://localhost').host;
  const agent = request(app.getHttpServer());
  return {
    get: (url: string) => agent.get(url).set('Host', host),
    post: (url: string) => agent.post(url).set('Host', host),
    patch: (url: string) => agent.patch(url).set('Host', host),
  };
}

export async function loginAt(app: TestApp, email: string, password: string, ip: string): Promise<string> {
  const response = await appRequest(app)
    .post('/api/auth/login')
    .set('X-Forwarded-For', ip)
    .send({ email, password })
    .expect(200);
  return (response.body as { accessToken: string }).accessToken;
}

/** Imports a package as a new course through the real queue, publishes it, and answers its id. */
export async function importCourse(
  app: TestApp,
  adminToken: string,
  file: string | Buffer,
  name: string,
): Promise<string> {
  const accepted = await appRequest(app)
    .post('/api/courses/packages')
    .auth(adminToken, { type: 'bearer' })
    .field('language', 'en')
    .attach('file', file, name)
    .expect(202);
  const deadline = Date.now() + 60_000;
  for (;;) {
    const job = (
      await appRequest(app)
        .get(`/api/import-jobs/${(accepted.body as { jobId: string }).jobId}`)
        .auth(adminToken, { type: 'bearer' })
        .expect(200)
    ).body as Job;
    if (job.state === 'completed') {
      const courseId = job.result!.courseId;
      await appRequest(app)
        .patch(`/api/courses/${courseId}`)
        .auth(adminToken, { type: 'bearer' })
        .send({ status: 'published' })
        .expect(200);
      return courseId;
    }
    if (job.state === 'failed' || Date.now() > deadline) {
      throw new Error(`import of ${name}: ${job.state} ${JSON.stringify(job.error)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function zip(files: Record<string, string>): Promise<Buffer> {
  const archive = new ZipFile();
  for (const [name, content] of Object.entries(files)) {
    archive.addBuffer(Buffer.from(content), name);
  }
  archive.end();
  const chunks: Buffer[] = [];
  for await (const chunk of archive.outputStream) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export const PROBE_TITLE = 'Probe of the player';
export const PROBE_SUSPEND = `${'probe-suspend '.repeat(400)}end`;

/**
 * A SCORM 1.2 package that attacks the player from inside: it reads what it can (cookies, storage,
 * the launcher's page, the player's page), calls the app's API with credentials, posts forged bridge
 * messages to the player (from its own window and, through a script it plants in the launcher, from
 * the launcher's window), then writes what it found into #findings. It also stores a location and a
 * suspend_data beyond SCORM 1.2's own 4,096 characters, and reports what it read back right after
 * LMSInitialize, which is what a resume must give it.
 */
export function hostilePackage(appOrigin: string): Promise<Buffer> {
  const manifest = `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="probe" version="1.0" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="org"><organization identifier="org"><title>${PROBE_TITLE}</title>
    <item identifier="probe_item" identifierref="probe_resource"><title>Probe</title></item>
  </organization></organizations>
  <resources>
    <resource identifier="probe_resource" type="webcontent" adlcp:scormtype="sco" href="probe.html">
      <file href="probe.html"/><file href="probe.js"/><file href="planted.js"/>
    </resource>
  </resources>
</manifest>`;
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>Probe</title></head>
<body><h1>Probe</h1><pre id="findings"></pre><script src="probe.js"></script></body></html>`;
  const forged = `[
    { channel: 'clearance-scorm-bridge', type: 'ready' },
    { channel: 'clearance-scorm-bridge', type: 'call', method: 'getFlattenedCMI' },
    { channel: 'clearance-scorm-bridge', type: 'token' },
    { messageId: 'probe-1', method: 'getFlattenedCMI', params: [] },
    { messageId: 'probe-2', method: 'GetValue', params: ['cmi.core.student_id'] },
  ]`;
  // Runs in the launcher's realm (content origin, 'self' for its CSP): its messages carry the launcher's window as source.
  const planted = `(function () {
  window.__plantedReplies = [];
  window.addEventListener('message', function (event) {
    window.__plantedReplies.push(JSON.stringify(event.data));
  });
  var messages = ${forged};
  for (var i = 0; i < messages.length; i++) { window.parent.postMessage(messages[i], '*'); }
  window.__plantedRan = true;
})();`;
  const probe = `(function () {
  var APP = ${JSON.stringify(appOrigin)};
  var findings = { replies: [] };
  function api() {
    var win = window;
    for (var i = 0; i < 10 && win; i++) {
      try { if (win.API) { return win.API; } } catch (e) {}
      if (win.parent === win) { break; }
      win = win.parent;
    }
    return null;
  }
  var API = api();
  findings.apiFound = !!API;
  findings.initialize = API.LMSInitialize('');
  findings.first = {
    entry: API.LMSGetValue('cmi.core.entry'),
    location: API.LMSGetValue('cmi.core.lesson_location'),
    suspendLength: API.LMSGetValue('cmi.suspend_data').length,
    suspendEnd: API.LMSGetValue('cmi.suspend_data').slice(-3),
    credit: API.LMSGetValue('cmi.core.credit'),
    studentName: API.LMSGetValue('cmi.core.student_name'),
  };
  findings.badElement = API.LMSSetValue('cmi.core.nonsense', 'x') + '/' + API.LMSGetLastError();
  findings.setLocation = API.LMSSetValue('cmi.core.lesson_location', 'legit-location');
  findings.setSuspend = API.LMSSetValue('cmi.suspend_data', ${JSON.stringify(PROBE_SUSPEND)});
  API.LMSSetValue('cmi.core.lesson_status', 'incomplete');
  findings.commit = API.LMSCommit('');

  findings.cookie = document.cookie;
  try { findings.localStorage = JSON.stringify(Object.assign({}, window.localStorage)); } catch (e) { findings.localStorage = 'error: ' + e.name; }
  try { findings.sessionStorage = JSON.stringify(Object.assign({}, window.sessionStorage)); } catch (e) { findings.sessionStorage = 'error: ' + e.name; }
  try {
    var launcherHtml = parent.document.documentElement.outerHTML;
    findings.launcherReadable = true;
    findings.launcherHasToken = /token|eyJ[A-Za-z0-9_-]{10,}/.test(launcherHtml);
  } catch (e) { findings.launcherReadable = false; }
  try { findings.topDocument = top.document.title; } catch (e) { findings.topDocument = 'blocked'; }
  try { findings.topLocation = String(top.location.href); } catch (e) { findings.topLocation = 'blocked'; }
  try { findings.topApi = typeof top.API_1484_11 + '/' + typeof top.API; } catch (e) { findings.topApi = 'blocked'; }

  window.addEventListener('message', function (event) { findings.replies.push(JSON.stringify(event.data)); });
  var messages = ${forged};
  messages.push({ channel: 'clearance-scorm-bridge', type: 'call', method: 'SetValue', element: 'cmi.core.lesson_location', value: 'forged' });
  for (var i = 0; i < messages.length; i++) { top.postMessage(messages[i], '*'); }
  try {
    var script = parent.document.createElement('script');
    script.src = new URL('planted.js', location.href).href;
    parent.document.head.appendChild(script);
  } catch (e) { findings.plantError = e.name; }

  var pending = 2;
  function settle(name, value) {
    findings[name] = value;
    if (--pending === 0) { setTimeout(finish, 1500); }
  }
  fetch(APP + '/api/me', { credentials: 'include' }).then(
    function (r) { r.text().then(function (t) { settle('fetchMe', r.status + ' ' + t.slice(0, 200)); }); },
    function (e) { settle('fetchMe', 'blocked: ' + e.name); });
  fetch(APP + '/api/auth/refresh', { method: 'POST', credentials: 'include' }).then(
    function (r) { r.text().then(function (t) { settle('fetchRefresh', r.status + ' ' + t.slice(0, 200)); }); },
    function (e) { settle('fetchRefresh', 'blocked: ' + e.name); });

  function finish() {
    try { findings.plantedRan = parent.__plantedRan === true; findings.plantedReplies = parent.__plantedReplies; } catch (e) { findings.plantedRan = 'error'; }
    findings.locationAfter = API.LMSGetValue('cmi.core.lesson_location');
    document.getElementById('findings').textContent = JSON.stringify(findings);
    document.title = 'done';
  }
})();`;
  return zip({ 'imsmanifest.xml': manifest, 'probe.html': html, 'probe.js': probe, 'planted.js': planted });
}
