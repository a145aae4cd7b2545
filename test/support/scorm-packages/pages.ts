import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CourseSpec, ItemSpec } from './course-spec';
import { is2004, xmlEscape as htmlEscape } from './manifest';

const ASSETS = path.join(__dirname, 'assets');

/** The shared run-time script and style of every SCO page (real files in ./assets). */
export function commonFiles(): Record<string, Buffer> {
  return {
    'content/sco.js': readFileSync(path.join(ASSETS, 'sco.js')),
    'content/sco.css': readFileSync(path.join(ASSETS, 'sco.css')),
  };
}

/** A page that makes no run-time call (an asset). */
export function assetPage(item: ItemSpec): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${htmlEscape(item.title)}</title></head>
<body><main><h1>${htmlEscape(item.title)}</h1><p>${htmlEscape(item.page?.body ?? 'An asset: no run-time calls.')}</p></main></body></html>
`;
}

/**
 * A SCO page: its configuration as JSON (read by sco.js), what it read at start, and the buttons
 * and fields a test uses (their accessible names are part of the generator's API, see README.md).
 */
export function scoPage(spec: CourseSpec, item: ItemSpec): string {
  const v2004 = is2004(spec.version);
  const config = {
    version: v2004 ? '2004' : '1.2',
    item: item.id,
    objectives: item.page?.objectives ?? [],
    interactions: item.page?.interactions ?? [],
  };
  // `<` escaped so the JSON can never close its script element.
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  const fact = (field: string, label: string) => `<dt>${label}</dt><dd data-field="${field}"></dd>`;
  const progress = v2004
    ? `<p><label>Progress measure <input id="progress" type="number" min="0" max="1" step="0.05" value="0.5"></label>
      <button type="button" data-action="progress">Set progress</button></p>`
    : '';
  const threshold = v2004 ? fact('completion-threshold', 'Completion threshold') : '';
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${htmlEscape(item.title)}</title>
  <link rel="stylesheet" href="sco.css">
  <script type="application/json" id="sco-config">${json}</script>
</head>
<body data-state="loading">
  <main>
    <h1>${htmlEscape(item.title)}</h1>
    <p>${htmlEscape(item.page?.body ?? `Part of ${spec.title}.`)}</p>
    <p role="status" id="status">Loading</p>
    <dl id="facts">
      ${fact('entry', 'Entry')}${fact('mode', 'Mode')}${fact('credit', 'Credit')}${fact('learner', 'Learner')}
      ${fact('location', 'Bookmark')}${fact('suspend-data', 'Suspend data')}${fact('launch-data', 'Launch data')}${threshold}
    </dl>
    <fieldset><legend>Where I am</legend>
      <p><label>Bookmark <input id="bookmark" type="text"></label>
      <button type="button" data-action="bookmark">Set bookmark</button></p>
      <p><label>Suspend data <textarea id="suspend-data" rows="2"></textarea></label>
      <button type="button" data-action="suspendData">Save suspend data</button></p>
      ${progress}
    </fieldset>
    <fieldset><legend>Results</legend>
      <p><label>Score <input id="score" type="number" min="0" max="100" value="80"></label>
      <button type="button" data-action="pass">Pass</button>
      <button type="button" data-action="fail">Fail</button>
      <button type="button" data-action="complete">Complete</button>
      <button type="button" data-action="incomplete">Incomplete</button>
      <button type="button" data-action="answers">Record answers</button></p>
      <p id="objectives"></p>
    </fieldset>
    <fieldset><legend>Session</legend>
      <button type="button" data-action="commit">Commit</button>
      <button type="button" data-action="suspend">Suspend</button>
      <button type="button" data-action="finish">Finish</button>
      <span id="navigation"></span>
    </fieldset>
    <h2>Calls</h2>
    <ol id="log"></ol>
  </main>
  <script src="sco.js"></script>
</body>
</html>
`;
}
