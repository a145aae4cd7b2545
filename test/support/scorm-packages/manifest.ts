import type { CourseSpec, ItemSpec, ScormVersion } from './course-spec';

const NS = {
  cp12: 'http://www.imsproject.org/xsd/imscp_rootv1p1p2',
  adlcp12: 'http://www.adlnet.org/xsd/adlcp_rootv1p2',
  cp2004: 'http://www.imsglobal.org/xsd/imscp_v1p1',
  adlcp2004: 'http://www.adlnet.org/xsd/adlcp_v1p3',
  imsss: 'http://www.imsglobal.org/xsd/imsss',
  adlseq: 'http://www.adlnet.org/xsd/adlseq_v1p3',
  adlnav: 'http://www.adlnet.org/xsd/adlnav_v1p3',
};

const SCHEMA_VERSION: Record<ScormVersion, string> = {
  '1.2': '1.2',
  '2004-2nd': 'CAM 1.3',
  '2004-3rd': '2004 3rd Edition',
  '2004-4th': '2004 4th Edition',
};

/** The files every SCO page shares (listed in the `common_files` asset resource). */
export const COMMON_FILES = ['content/sco.js', 'content/sco.css'];

export function xmlEscape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export function is2004(version: ScormVersion): boolean {
  return version !== '1.2';
}

/** The page an item launches, relative to the package root. */
export function pagePath(item: ItemSpec): string {
  return `content/${item.id}.html`;
}

/** Every item that launches a page, depth first (document order). */
export function leafItems(items: ItemSpec[]): ItemSpec[] {
  return items.flatMap((item) => (item.children ? leafItems(item.children) : [item]));
}

function itemXml(spec: CourseSpec, item: ItemSpec, indent: string): string {
  const v2004 = is2004(spec.version);
  const attributes = [`identifier="${xmlEscape(item.id)}"`];
  if (!item.children) {
    attributes.push(`identifierref="${xmlEscape(item.id)}_resource"`);
  }
  if (item.parameters !== undefined) {
    attributes.push(`parameters="${xmlEscape(item.parameters)}"`);
  }
  if (item.isvisible === false) {
    attributes.push('isvisible="false"');
  }
  const inner: string[] = [`<title>${xmlEscape(item.title)}</title>`];
  if (item.children) {
    inner.push(...item.children.map((child) => itemXml(spec, child, `${indent}  `)));
  }
  if (!v2004) {
    if (item.prerequisites !== undefined) {
      inner.push(`<adlcp:prerequisites type="aicc_script">${xmlEscape(item.prerequisites)}</adlcp:prerequisites>`);
    }
    if (item.dataFromLms !== undefined) {
      inner.push(`<adlcp:datafromlms>${xmlEscape(item.dataFromLms)}</adlcp:datafromlms>`);
    }
    if (item.masteryScore !== undefined) {
      inner.push(`<adlcp:masteryscore>${item.masteryScore}</adlcp:masteryscore>`);
    }
  } else {
    if (item.dataFromLms !== undefined) {
      inner.push(`<adlcp:dataFromLMS>${xmlEscape(item.dataFromLms)}</adlcp:dataFromLMS>`);
    }
    if (item.completionThreshold) {
      const threshold = item.completionThreshold;
      inner.push(
        spec.version === '2004-4th'
          ? `<adlcp:completionThreshold completedByMeasure="${threshold.completedByMeasure ?? true}" minProgressMeasure="${threshold.minProgressMeasure}" progressWeight="${threshold.progressWeight ?? 1}"/>`
          : `<adlcp:completionThreshold>${threshold.minProgressMeasure}</adlcp:completionThreshold>`,
      );
    }
    if (item.sequencing) {
      inner.push(item.sequencing);
    }
    if (item.extraXml) {
      inner.push(item.extraXml);
    }
  }
  const body = inner.map((line) => `${indent}  ${line}`).join('\n');
  return `<item ${attributes.join(' ')}>\n${body}\n${indent}</item>`;
}

function resourceXml(spec: CourseSpec, item: ItemSpec): string {
  const typeAttribute = is2004(spec.version) ? 'adlcp:scormType' : 'adlcp:scormtype';
  const kind = item.kind ?? 'sco';
  const page = pagePath(item);
  const dependency = kind === 'sco' ? '\n      <dependency identifierref="common_files"/>' : '';
  return `    <resource identifier="${xmlEscape(item.id)}_resource" type="webcontent" ${typeAttribute}="${kind}" href="${page}">
      <file href="${page}"/>${dependency}
    </resource>`;
}

/** The `imsmanifest.xml` of a course. */
export function buildManifest(spec: CourseSpec): string {
  const v2004 = is2004(spec.version);
  const namespaces = v2004
    ? `xmlns="${NS.cp2004}" xmlns:adlcp="${NS.adlcp2004}" xmlns:imsss="${NS.imsss}" xmlns:adlseq="${NS.adlseq}" xmlns:adlnav="${NS.adlnav}"`
    : `xmlns="${NS.cp12}" xmlns:adlcp="${NS.adlcp12}"`;
  const organizationAttributes =
    v2004 && spec.objectivesGlobalToSystem !== undefined
      ? ` adlseq:objectivesGlobalToSystem="${spec.objectivesGlobalToSystem}"`
      : '';
  const items = spec.items.map((item) => `      ${itemXml(spec, item, '      ')}`).join('\n');
  const organizationSequencing = v2004 && spec.organizationSequencing ? `\n      ${spec.organizationSequencing}` : '';
  const extraFiles = Object.keys(spec.extraFiles ?? {});
  const commonFiles = [...COMMON_FILES, ...extraFiles].map((file) => `      <file href="${xmlEscape(file)}"/>`);
  const resources = [
    ...leafItems(spec.items).map((item) => resourceXml(spec, item)),
    `    <resource identifier="common_files" type="webcontent" ${v2004 ? 'adlcp:scormType' : 'adlcp:scormtype'}="asset">\n${commonFiles.join('\n')}\n    </resource>`,
  ].join('\n');
  const collection =
    v2004 && spec.sequencingCollection
      ? `\n  <imsss:sequencingCollection>\n    ${spec.sequencingCollection}\n  </imsss:sequencingCollection>`
      : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${xmlEscape(spec.identifier)}" version="1" ${namespaces}>
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>${SCHEMA_VERSION[spec.version]}</schemaversion>
  </metadata>
  <organizations default="${xmlEscape(spec.identifier)}_org">
    <organization identifier="${xmlEscape(spec.identifier)}_org"${organizationAttributes}>
      <title>${xmlEscape(spec.title)}</title>
${items}${organizationSequencing}
    </organization>
  </organizations>
  <resources>
${resources}
  </resources>${collection}
</manifest>
`;
}
