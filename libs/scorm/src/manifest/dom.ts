import type { XmlElement } from './xml-tree';

/** Namespace sets and the small readers the manifest and sequencing parsers share. */

export type Namespaces = ReadonlySet<string>;

/** Child elements in one of `namespaces`, optionally with the given local name. */
export function childElements(element: XmlElement, namespaces: Namespaces, local?: string): XmlElement[] {
  return element.children.filter(
    (child) => namespaces.has(child.uri) && (local === undefined || child.local === local),
  );
}

export function firstChild(element: XmlElement, namespaces: Namespaces, local: string): XmlElement | undefined {
  return element.children.find((child) => namespaces.has(child.uri) && child.local === local);
}

/** Child elements in one of `namespaces` whose local name equals `local` ignoring case (1.2 vs 2004 spelling). */
export function childElementsAnyCase(element: XmlElement, namespaces: Namespaces, local: string): XmlElement[] {
  const wanted = local.toLowerCase();
  return element.children.filter((child) => namespaces.has(child.uri) && child.local.toLowerCase() === wanted);
}

/** An unqualified attribute (`ns` omitted) or one in the given namespace(s); `null` when absent. */
export function attribute(element: XmlElement, local: string, ns: string | Namespaces = ''): string | null {
  const match = element.attributes.find(
    (a) => a.local === local && (typeof ns === 'string' ? a.uri === ns : ns.has(a.uri)),
  );
  return match ? match.value : null;
}

/** An attribute in one of `namespaces` whose local name equals `local` ignoring case. */
export function attributeAnyCase(element: XmlElement, local: string, namespaces: Namespaces): string | null {
  const wanted = local.toLowerCase();
  const match = element.attributes.find((a) => namespaces.has(a.uri) && a.local.toLowerCase() === wanted);
  return match ? match.value : null;
}

/** Direct text content, trimmed. */
export function textOf(element: XmlElement): string {
  return element.text.trim();
}

/** Reads xs:boolean (`true`/`false`/`1`/`0`, surrounding space and letter case tolerated). */
export function parseBoolean(value: string | null): boolean | undefined {
  if (value === null) {
    return undefined;
  }
  switch (value.trim().toLowerCase()) {
    case 'true':
    case '1':
      return true;
    case 'false':
    case '0':
      return false;
    default:
      return undefined;
  }
}

/** Reads xs:decimal; `undefined` when absent or not a finite number. */
export function parseDecimal(value: string | null): number | undefined {
  if (value === null || !/^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$/.test(value)) {
    return undefined;
  }
  return Number(value.trim());
}

/** Reads xs:nonNegativeInteger; `undefined` when absent or invalid. */
export function parseNonNegativeInteger(value: string | null): number | undefined {
  if (value === null || !/^\s*\+?\d+\s*$/.test(value)) {
    return undefined;
  }
  const n = Number(value.trim());
  return Number.isSafeInteger(n) ? n : undefined;
}
