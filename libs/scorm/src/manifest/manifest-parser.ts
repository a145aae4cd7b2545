import {
  attribute,
  attributeAnyCase,
  childElements,
  childElementsAnyCase,
  firstChild,
  parseBoolean,
  parseDecimal,
  textOf,
  type Namespaces,
} from './dom';
import { combineBases, hrefToPath, joinParameters, resolveHref } from './href';
import { ManifestError, isManifestError } from './manifest-error';
import type {
  CompletionThreshold,
  Launchable,
  ManifestItem,
  ManifestOrganization,
  ManifestResource,
  ParseManifestOptions,
  ParsedManifest,
  Presentation,
  ScormEdition,
  ScormStandard,
  ScormType,
  Sequencing,
  SharedDataMap,
} from './manifest.types';
import {
  ADLSEQ_NAMESPACE,
  IMSSS_NAMESPACE,
  finishSequencing,
  mergeSequencing,
  readSequencing,
  type DeclaredSequencing,
} from './sequencing';
import { Warnings } from './warnings';
import { UNBOUND_PREFIX_NAMESPACE, XML_NAMESPACE, readXml, type XmlElement } from './xml-tree';

export const DEFAULT_MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
export const DEFAULT_MAX_MANIFEST_DEPTH = 64;
export const DEFAULT_MAX_MANIFEST_ELEMENTS = 100_000;

/** Namespaces a SCORM manifest is written in; elements and attributes are matched by these, never by prefix. */
export const MANIFEST_NAMESPACES = Object.freeze({
  /** IMS CP 1.1.2, SCORM 1.2's content packaging. */
  imscpRoot: 'http://www.imsproject.org/xsd/imscp_rootv1p1p2',
  /** IMS CP 1.1.4, SCORM 2004's (also used by some 1.2 packages). */
  imscp: 'http://www.imsglobal.org/xsd/imscp_v1p1',
  adlcp12: 'http://www.adlnet.org/xsd/adlcp_rootv1p2',
  adlcp2004: 'http://www.adlnet.org/xsd/adlcp_v1p3',
  adlseq: ADLSEQ_NAMESPACE,
  adlnav: 'http://www.adlnet.org/xsd/adlnav_v1p3',
  imsss: IMSSS_NAMESPACE,
});

const NS = MANIFEST_NAMESPACES;
/** IMS CP namespaces met in real packages; unqualified elements are accepted too (with a warning). */
const CP: Namespaces = new Set([
  '',
  NS.imscpRoot,
  NS.imscp,
  'http://www.imsglobal.org/xsd/imscp_rootv1p1p2',
  'http://www.imsglobal.org/xsd/imscp_v1p2',
]);
/** Both ADL CP versions: 1.2 and 2004 attribute spellings differ only in case, and packages mix them up. */
const ADLCP: Namespaces = new Set([NS.adlcp12, NS.adlcp2004, `${UNBOUND_PREFIX_NAMESPACE}adlcp`]);
const ADLSEQ: Namespaces = new Set([NS.adlseq]);
const ADLNAV: Namespaces = new Set([NS.adlnav]);
const IMSSS: Namespaces = new Set([NS.imsss]);

/**
 * Parses a SCORM 1.2 or 2004 `imsmanifest.xml` into plain data: standard and edition, the
 * organizations' item trees (with SCORM 1.2 / 2004 item data and IMS SS sequencing), resources
 * with xml:base applied, and the launchable items with their launch hrefs.
 *
 * Harmless departures from the specification are tolerated and reported in `warnings`; input that
 * is unsafe or unusable throws a {@link ManifestError} with a stable `code`. DOCTYPEs and entities
 * other than the XML built-ins are refused; size, depth and element count are capped.
 */
export function parseManifest(xml: string | Buffer, options: ParseManifestOptions = {}): ParsedManifest {
  const warnings = new Warnings();
  const warn = (message: string): void => warnings.add(message);
  const document = readXml(
    xml,
    {
      maxBytes: options.maxBytes ?? DEFAULT_MAX_MANIFEST_BYTES,
      maxDepth: options.maxDepth ?? DEFAULT_MAX_MANIFEST_DEPTH,
      maxElements: options.maxElements ?? DEFAULT_MAX_MANIFEST_ELEMENTS,
    },
    warnings,
  );
  const root = document.root;
  if (root.local !== 'manifest' || !CP.has(root.uri)) {
    const name = root.uri === '' ? `<${root.local}>` : `<${root.local}> in namespace ${root.uri}`;
    throw new ManifestError('NOT_A_MANIFEST', `The root element is ${name}, not an IMS content packaging <manifest>.`);
  }
  if (root.uri === '') {
    warn('The manifest element has no namespace; IMS content packaging elements were assumed.');
  }

  const schemaVersion = readSchemaVersion(root);
  const { standard, edition } = detectStandard(schemaVersion, document.namespaces, root, warn);
  const parser = new ManifestReader(standard, warn, options.fileExists);
  const result = parser.read(root);
  return {
    identifier: result.identifier,
    version: attribute(root, 'version'),
    standard,
    edition,
    schemaVersion,
    title: result.title,
    defaultOrganizationId: result.defaultOrganizationId,
    organizations: result.organizations,
    resources: result.resources,
    sequencingCollection: result.sequencingCollection,
    launchables: result.launchables,
    scoCount: result.launchables.filter((l) => l.type === 'sco').length,
    assetCount: result.launchables.filter((l) => l.type === 'asset').length,
    warnings: warnings.toArray(),
  };
}

function readSchemaVersion(root: XmlElement): string | null {
  const metadata = firstChild(root, CP, 'metadata');
  if (!metadata) {
    return null;
  }
  // <schema>/<schemaversion> are CP elements; tolerate them in any namespace.
  const element = metadata.children.find((c) => c.local.toLowerCase() === 'schemaversion');
  const value = element ? textOf(element).replace(/\s+/g, ' ') : '';
  return value === '' ? null : value;
}

/**
 * Standard and edition: from `<schemaversion>` first ("1.2", "CAM 1.3" = 2004 2nd, "2004 3rd
 * Edition", "2004 4th Edition"), else from the namespaces the manifest declares or uses.
 */
function detectStandard(
  schemaVersion: string | null,
  namespaces: ReadonlySet<string>,
  root: XmlElement,
  warn: (message: string) => void,
): { standard: ScormStandard; edition: ScormEdition } {
  const uses2004 = [NS.adlcp2004, NS.adlseq, NS.adlnav, NS.imsss].some((ns) => namespaces.has(ns));
  const uses12 = namespaces.has(NS.adlcp12);
  if (schemaVersion !== null) {
    const version = schemaVersion.toLowerCase().replace(/^scorm\s*/, '');
    let decided: { standard: ScormStandard; edition: ScormEdition } | null = null;
    if (version === '1.2') {
      decided = { standard: 'scorm12', edition: null };
    } else if (version === 'cam 1.3' || version === '1.3' || version === '2004 2nd edition') {
      decided = { standard: 'scorm2004', edition: '2nd' };
    } else if (version === '2004 3rd edition') {
      decided = { standard: 'scorm2004', edition: '3rd' };
    } else if (version === '2004 4th edition') {
      decided = { standard: 'scorm2004', edition: '4th' };
    } else if (/^1\.[01]$/.test(version)) {
      throw new ManifestError(
        'UNSUPPORTED_STANDARD',
        `The manifest declares SCORM ${version}; only SCORM 1.2 and SCORM 2004 are supported.`,
      );
    }
    if (decided !== null) {
      if (decided.standard === 'scorm12' && uses2004 && !uses12) {
        warn(`The schemaversion "${schemaVersion}" says SCORM 1.2 but the manifest uses SCORM 2004 namespaces.`);
      } else if (decided.standard === 'scorm2004' && uses12 && !uses2004) {
        warn(`The schemaversion "${schemaVersion}" says SCORM 2004 but the manifest uses SCORM 1.2 namespaces.`);
      }
      return decided;
    }
    warn(
      `The schemaversion "${schemaVersion}" is not a known SCORM version; the standard was decided from namespaces.`,
    );
  } else {
    warn('The manifest has no <metadata><schemaversion>; the standard was decided from namespaces.');
  }
  if (uses2004) {
    const edition: ScormEdition = usesFourthEditionFeatures(root) ? '4th' : '3rd';
    warn(`SCORM 2004 ${edition} edition was assumed.`);
    return { standard: 'scorm2004', edition };
  }
  if (uses12) {
    return { standard: 'scorm12', edition: null };
  }
  throw new ManifestError(
    'UNSUPPORTED_STANDARD',
    'The manifest is neither SCORM 1.2 nor SCORM 2004: it has no SCORM schemaversion and no ADL namespace.',
  );
}

/** Constructs only SCORM 2004 4th edition defines (for manifests that do not say their edition). */
function usesFourthEditionFeatures(root: XmlElement): boolean {
  const pending: XmlElement[] = [root];
  while (pending.length > 0) {
    const element = pending.pop() as XmlElement;
    if (ADLSEQ.has(element.uri) && element.local === 'objectives') {
      return true;
    }
    if (ADLCP.has(element.uri) && (element.local === 'data' || element.local === 'map')) {
      return true;
    }
    if (ADLCP.has(element.uri) && element.local === 'completionThreshold' && element.attributes.length > 0) {
      return true;
    }
    if (element.attributes.some((a) => ADLCP.has(a.uri) && a.local === 'sharedDataGlobalToSystem')) {
      return true;
    }
    for (const child of element.children) {
      pending.push(child);
    }
  }
  return false;
}

function xmlBase(element: XmlElement | undefined): string | null {
  return element ? attribute(element, 'base', XML_NAMESPACE) : null;
}

interface ReadResult {
  identifier: string;
  title: string;
  defaultOrganizationId: string | null;
  organizations: ManifestOrganization[];
  resources: ManifestResource[];
  sequencingCollection: Record<string, Sequencing>;
  launchables: Launchable[];
}

class ManifestReader {
  private readonly resources = new Map<string, ManifestResource>();
  /** Resources whose scormType was missing or unknown (warned about when an item launches them). */
  private readonly guessedScormType = new Set<string>();
  private readonly collection = new Map<string, DeclaredSequencing>();
  private readonly itemIds = new Set<string>();
  private readonly launchables: Launchable[] = [];
  private readonly checkedLaunchFiles = new Set<string>();
  private generatedIds = 0;

  constructor(
    private readonly standard: ScormStandard,
    private readonly warn: (message: string) => void,
    private readonly fileExists: ((path: string) => boolean) | undefined,
  ) {}

  read(root: XmlElement): ReadResult {
    const identifier = attribute(root, 'identifier')?.trim() ?? '';
    if (identifier === '') {
      this.warn('The manifest has no identifier.');
    }
    if (childElements(root, CP, 'manifest').length > 0) {
      this.warn('Sub-manifests (<manifest> inside <manifest>) are not supported and were ignored.');
    }
    this.checkMetadata(root, 'the manifest');

    const manifestBase = xmlBase(root);
    const resourcesElements = childElements(root, CP, 'resources');
    if (resourcesElements.length > 1) {
      this.warn('The manifest has more than one <resources>; only the first was read.');
    }
    const resourcesElement = resourcesElements[0];
    const resourceList = resourcesElement ? this.readResources(resourcesElement, manifestBase) : [];

    for (const collection of childElements(root, IMSSS, 'sequencingCollection')) {
      for (const element of childElements(collection, IMSSS, 'sequencing')) {
        const id = attribute(element, 'ID')?.trim();
        if (!id) {
          this.warn('A sequencing collection entry without ID was ignored.');
          continue;
        }
        if (this.collection.has(id)) {
          this.warn(`The sequencing collection has two entries with ID "${id}"; the first was kept.`);
          continue;
        }
        this.collection.set(id, readSequencing(element, `sequencing collection entry "${id}"`, this.warn));
      }
    }

    const organizationsElements = childElements(root, CP, 'organizations');
    if (organizationsElements.length > 1) {
      this.warn('The manifest has more than one <organizations>; only the first was read.');
    }
    const organizationsElement = organizationsElements[0];
    const organizations = organizationsElement ? this.readOrganizations(organizationsElement) : [];

    if (organizations.length === 0 && resourceList.length === 0) {
      throw new ManifestError(
        'NO_ORGANIZATION_OR_RESOURCES',
        'The manifest has neither an organization nor a resource: there is nothing to show or launch.',
      );
    }
    if (organizations.length === 0) {
      this.warn('The manifest has no organization, so no item can be launched.');
    }

    let defaultOrganizationId: string | null = null;
    const declaredDefault = organizationsElement ? attribute(organizationsElement, 'default')?.trim() : undefined;
    if (organizations.length > 0) {
      const found = declaredDefault ? organizations.find((o) => o.identifier === declaredDefault) : undefined;
      if (declaredDefault && !found) {
        this.warn(
          `The default organization "${declaredDefault}" does not exist; the first organization "${organizations[0].identifier}" is used.`,
        );
      }
      defaultOrganizationId = (found ?? organizations[0]).identifier;
    }
    const titled = organizations.find((o) => o.identifier === defaultOrganizationId);

    return {
      identifier,
      title: titled?.title ?? '',
      defaultOrganizationId,
      organizations,
      resources: resourceList,
      sequencingCollection: Object.fromEntries(
        [...this.collection].map(([id, declared]) => [id, finishSequencing(declared)]),
      ),
      launchables: this.launchables,
    };
  }

  // --- resources -------------------------------------------------------------------------------

  private readResources(element: XmlElement, manifestBase: string | null): ManifestResource[] {
    const resourcesBase = xmlBase(element);
    const list: ManifestResource[] = [];
    for (const resourceElement of childElements(element, CP, 'resource')) {
      const identifier = attribute(resourceElement, 'identifier')?.trim() ?? '';
      if (identifier === '') {
        this.warn('A resource without identifier was ignored.');
        continue;
      }
      if (this.resources.has(identifier)) {
        this.warn(`Two resources have the identifier "${identifier}"; the first was kept.`);
        continue;
      }
      const what = `resource "${identifier}"`;
      const scormType = this.readScormType(resourceElement, identifier);
      const bases = [manifestBase, resourcesBase, xmlBase(resourceElement)];
      const hrefAttribute = attribute(resourceElement, 'href');
      let href: string | null = null;
      let external = false;
      if (hrefAttribute !== null && hrefAttribute.trim() !== '') {
        const resolved = resolveHref(bases, hrefAttribute, `href of ${what}`, this.warn);
        if (resolved === null) {
          this.warn(`The href of ${what} points at the package root; the resource cannot be launched.`);
        } else {
          href = resolved.href;
          external = resolved.external;
        }
      }
      if (external) {
        if (scormType === 'sco') {
          throw new ManifestError(
            'UNSAFE_HREF',
            `The SCO ${what} is launched from "${href}", outside the package; only assets may be external.`,
          );
        }
        this.warn(`The asset ${what} is launched from "${href}", outside the package.`);
      }
      const files: string[] = [];
      for (const fileElement of childElements(resourceElement, CP, 'file')) {
        const fileHref = attribute(fileElement, 'href');
        if (fileHref === null || fileHref.trim() === '') {
          this.warn(`A <file> of ${what} has no href.`);
          continue;
        }
        const resolved = resolveHref(bases, fileHref, `file of ${what}`, this.warn);
        if (resolved?.external) {
          this.warn(`A <file> of ${what} is outside the package: "${resolved.href}".`);
        }
        if (resolved) {
          files.push(resolved.href);
          if (!resolved.external && this.fileExists && !this.fileExists(hrefToPath(resolved.href))) {
            this.warn(`The file "${hrefToPath(resolved.href)}" listed by ${what} is not in the package.`);
          }
        }
        this.checkMetadata(fileElement, `a file of ${what}`);
      }
      const dependencies = childElements(resourceElement, CP, 'dependency')
        .map((d) => attribute(d, 'identifierref')?.trim() ?? '')
        .filter((ref) => ref !== '');
      this.checkMetadata(resourceElement, what);
      const resource: ManifestResource = {
        identifier,
        type: attribute(resourceElement, 'type')?.trim() ?? '',
        scormType,
        href,
        external,
        base: combineBases(bases, `xml:base of ${what}`, this.warn),
        files,
        dependencies,
      };
      this.resources.set(identifier, resource);
      list.push(resource);
    }
    for (const resource of list) {
      for (const dependency of resource.dependencies) {
        if (!this.resources.has(dependency)) {
          this.warn(`Resource "${resource.identifier}" depends on "${dependency}", which is not a resource.`);
        }
      }
    }
    return list;
  }

  private readScormType(element: XmlElement, identifier: string): ScormType {
    const raw = attributeAnyCase(element, 'scormType', ADLCP);
    const value = raw?.trim().toLowerCase();
    if (value === 'sco' || value === 'asset') {
      return value;
    }
    if (raw !== null) {
      this.warn(`Resource "${identifier}" has scormType "${raw}", which is neither sco nor asset; asset was used.`);
    } else {
      this.guessedScormType.add(identifier);
    }
    return 'asset';
  }

  // --- organizations and items -------------------------------------------------------------------

  private readOrganizations(element: XmlElement): ManifestOrganization[] {
    const organizations: ManifestOrganization[] = [];
    const seen = new Set<string>();
    for (const organizationElement of childElements(element, CP, 'organization')) {
      let identifier = attribute(organizationElement, 'identifier')?.trim() ?? '';
      if (identifier === '') {
        identifier = this.generateId('organization');
        this.warn(`An organization without identifier was named "${identifier}".`);
      }
      if (seen.has(identifier)) {
        this.warn(`Two organizations have the identifier "${identifier}"; the second was ignored.`);
        continue;
      }
      seen.add(identifier);
      const what = `organization "${identifier}"`;
      const titleElement = firstChild(organizationElement, CP, 'title');
      const sequencingElement = firstChild(organizationElement, IMSSS, 'sequencing');
      const organization: ManifestOrganization = {
        identifier,
        title: (titleElement && textOf(titleElement)) || identifier,
        structure: attribute(organizationElement, 'structure')?.trim() || 'hierarchical',
        objectivesGlobalToSystem:
          parseBoolean(attribute(organizationElement, 'objectivesGlobalToSystem', ADLSEQ)) ?? true,
        sharedDataGlobalToSystem:
          parseBoolean(attribute(organizationElement, 'sharedDataGlobalToSystem', ADLCP)) ?? true,
        sequencing: sequencingElement ? this.sequencingOf(sequencingElement, what) : null,
        completionThreshold: this.readCompletionThreshold(organizationElement, what),
        items: [],
      };
      this.checkMetadata(organizationElement, what);
      organization.items = childElements(organizationElement, CP, 'item').map((item) =>
        this.readItem(item, organization),
      );
      if (organization.items.length === 0) {
        this.warn(`The ${what} has no items.`);
      }
      organizations.push(organization);
    }
    return organizations;
  }

  private readItem(element: XmlElement, organization: ManifestOrganization): ManifestItem {
    let identifier = attribute(element, 'identifier')?.trim() ?? '';
    if (identifier === '') {
      identifier = this.generateId('item');
      this.warn(`An item without identifier was named "${identifier}".`);
    } else if (this.itemIds.has(identifier)) {
      this.warn(`Two items have the identifier "${identifier}".`);
    }
    this.itemIds.add(identifier);
    const what = `item "${identifier}"`;
    const titleElement = firstChild(element, CP, 'title');
    const isvisibleRaw = attribute(element, 'isvisible');
    const isvisible = parseBoolean(isvisibleRaw);
    if (isvisibleRaw !== null && isvisible === undefined) {
      this.warn(`The ${what} has isvisible="${isvisibleRaw}", which is not a boolean; true was used.`);
    }
    const sequencingElement = firstChild(element, IMSSS, 'sequencing');
    const item: ManifestItem = {
      identifier,
      title: (titleElement && textOf(titleElement)) || identifier,
      identifierref: attribute(element, 'identifierref')?.trim() || null,
      isvisible: isvisible ?? true,
      parameters: attribute(element, 'parameters'),
      launchable: false,
      masteryScore: this.readMasteryScore(element, what),
      prerequisites: this.readPrerequisites(element),
      maxTimeAllowed: this.adlcpText(element, 'maxTimeAllowed'),
      timeLimitAction: this.adlcpText(element, 'timeLimitAction'),
      dataFromLms: this.adlcpText(element, 'dataFromLMS'),
      completionThreshold: this.readCompletionThreshold(element, what),
      sequencing: sequencingElement ? this.sequencingOf(sequencingElement, what) : null,
      presentation: this.readPresentation(element),
      sharedDataMaps: this.readSharedDataMaps(element, what),
      children: [],
    };
    this.checkMetadata(element, what);
    // Launchables in document order: the parent before its children.
    const childElementsList = childElements(element, CP, 'item');
    this.addLaunchable(item, organization, childElementsList.length > 0);
    item.children = childElementsList.map((child) => this.readItem(child, organization));
    return item;
  }

  private addLaunchable(item: ManifestItem, organization: ManifestOrganization, hasChildren: boolean): void {
    const ref = item.identifierref;
    if (ref === null) {
      return;
    }
    const what = `item "${item.identifier}"`;
    const resource = this.resources.get(ref);
    if (!resource) {
      this.warn(`The ${what} refers to "${ref}", which is not a resource; it cannot be launched.`);
      return;
    }
    if (resource.href === null) {
      this.warn(`The ${what} refers to resource "${ref}", which has no href; it cannot be launched.`);
      return;
    }
    if (hasChildren && this.standard === 'scorm2004') {
      this.warn(`The ${what} has child items and a resource; in SCORM 2004 only leaf items are launched.`);
      return;
    }
    if (this.guessedScormType.has(ref)) {
      this.warn(`Resource "${ref}" has no adlcp:scormType; it is launched as an asset.`);
    }
    if (this.fileExists && !resource.external && !this.checkedLaunchFiles.has(ref)) {
      this.checkedLaunchFiles.add(ref);
      const path = hrefToPath(resource.href);
      if (!this.fileExists(path)) {
        // A SCO that cannot start is a course that cannot be taken; an asset is only a page missing.
        if (resource.scormType === 'sco') {
          throw new ManifestError(
            'LAUNCH_FILE_MISSING',
            `The SCO of ${what} is launched from "${path}" (resource "${ref}"), which is not in the package.`,
          );
        }
        this.warn(`The launch file "${path}" of resource "${ref}" is not in the package.`);
      }
    }
    item.launchable = true;
    this.launchables.push({
      organizationIdentifier: organization.identifier,
      itemIdentifier: item.identifier,
      title: item.title,
      resourceIdentifier: resource.identifier,
      type: resource.scormType,
      href: joinParameters(resource.href, item.parameters),
      external: resource.external,
      isvisible: item.isvisible,
      dataFromLms: item.dataFromLms,
      masteryScore: item.masteryScore,
      maxTimeAllowed: item.maxTimeAllowed,
      timeLimitAction: item.timeLimitAction,
      completionThreshold: item.completionThreshold,
    });
  }

  private generateId(kind: string): string {
    let id: string;
    do {
      id = `${kind}-${++this.generatedIds}`;
    } while (this.itemIds.has(id));
    return id;
  }

  // --- item data ---------------------------------------------------------------------------------

  /** Text of the first ADL CP child with this local name (1.2 lowercase or 2004 camelCase), or `null`. */
  private adlcpText(element: XmlElement, local: string): string | null {
    const found = childElementsAnyCase(element, ADLCP, local)[0];
    if (!found) {
      return null;
    }
    const value = textOf(found);
    return value === '' ? null : value;
  }

  private readMasteryScore(element: XmlElement, what: string): number | null {
    const raw = this.adlcpText(element, 'masteryscore');
    if (raw === null) {
      return null;
    }
    const value = parseDecimal(raw);
    if (value === undefined || value < 0 || value > 100) {
      this.warn(`The ${what} has masteryscore "${raw}", which is not a number from 0 to 100; it was ignored.`);
      return null;
    }
    return value;
  }

  private readPrerequisites(element: XmlElement): ManifestItem['prerequisites'] {
    const found = childElementsAnyCase(element, ADLCP, 'prerequisites')[0];
    if (!found || textOf(found) === '') {
      return null;
    }
    return { type: attribute(found, 'type')?.trim() || null, expression: textOf(found) };
  }

  private readCompletionThreshold(element: XmlElement, what: string): CompletionThreshold | null {
    const found = childElementsAnyCase(element, ADLCP, 'completionThreshold')[0];
    if (!found) {
      return null;
    }
    const number = (name: string, fallback: number): number => {
      const raw = attribute(found, name);
      const value = parseDecimal(raw);
      if (raw !== null && (value === undefined || value < 0 || value > 1)) {
        this.warn(
          `The ${what} has completionThreshold ${name}="${raw}", not a number from 0 to 1; ${fallback} was used.`,
        );
        return fallback;
      }
      return value ?? fallback;
    };
    const hasAttributes = ['completedByMeasure', 'minProgressMeasure', 'progressWeight'].some(
      (name) => attribute(found, name) !== null,
    );
    if (hasAttributes) {
      return {
        completedByMeasure: parseBoolean(attribute(found, 'completedByMeasure')) ?? false,
        minProgressMeasure: number('minProgressMeasure', 1),
        progressWeight: number('progressWeight', 1),
        form: 'attributes',
      };
    }
    const text = textOf(found);
    const value = parseDecimal(text);
    if (value === undefined || value < 0 || value > 1) {
      this.warn(`The ${what} has completionThreshold "${text}", which is not a number from 0 to 1; it was ignored.`);
      return null;
    }
    return { completedByMeasure: true, minProgressMeasure: value, progressWeight: 1, form: 'text' };
  }

  private readPresentation(element: XmlElement): Presentation | null {
    const presentation = firstChild(element, ADLNAV, 'presentation');
    if (!presentation) {
      return null;
    }
    const hideLMSUI = childElements(presentation, ADLNAV, 'navigationInterface')
      .flatMap((ni) => childElements(ni, ADLNAV, 'hideLMSUI'))
      .map(textOf)
      .filter((value) => value !== '');
    return { hideLMSUI };
  }

  private readSharedDataMaps(element: XmlElement, what: string): SharedDataMap[] {
    const maps: SharedDataMap[] = [];
    for (const data of childElementsAnyCase(element, ADLCP, 'data')) {
      for (const map of childElementsAnyCase(data, ADLCP, 'map')) {
        const targetID = attribute(map, 'targetID')?.trim();
        if (!targetID) {
          this.warn(`A shared data map of ${what} has no targetID and was ignored.`);
          continue;
        }
        maps.push({
          targetID,
          readSharedData: parseBoolean(attribute(map, 'readSharedData')) ?? true,
          writeSharedData: parseBoolean(attribute(map, 'writeSharedData')) ?? true,
        });
      }
    }
    return maps;
  }

  private sequencingOf(element: XmlElement, what: string): Sequencing {
    const own = readSequencing(element, what, this.warn);
    if (own.idRef === null) {
      return finishSequencing(own);
    }
    const shared = this.collection.get(own.idRef);
    if (!shared) {
      this.warn(`The sequencing of ${what} refers to "${own.idRef}", which is not in the sequencing collection.`);
      return finishSequencing(own);
    }
    return finishSequencing(mergeSequencing(shared, own));
  }

  /** Warns about `<metadata><adlcp:location>` files that are missing from the package. */
  private checkMetadata(element: XmlElement, what: string): void {
    for (const metadata of childElements(element, CP, 'metadata')) {
      for (const location of childElementsAnyCase(metadata, ADLCP, 'location')) {
        const href = textOf(location);
        if (href === '') {
          continue;
        }
        let resolved: ReturnType<typeof resolveHref>;
        try {
          resolved = resolveHref([], href, `metadata location of ${what}`, this.warn);
        } catch (error) {
          if (isManifestError(error)) {
            this.warn(`${error.message} The metadata file was ignored.`);
            continue;
          }
          throw error;
        }
        if (resolved === null || resolved.external || !this.fileExists) {
          continue;
        }
        const path = hrefToPath(resolved.href);
        if (!this.fileExists(path)) {
          this.warn(`The metadata file "${path}" of ${what} is not in the package.`);
        }
      }
    }
  }
}
