import { SaxesParser, type SaxesTagNS } from 'saxes';
import { ManifestError } from './manifest-error';
import type { Warnings } from './warnings';

/**
 * A small, safe XML reader for manifests: bytes → namespace-resolved element tree.
 *
 * - input size, element depth and element count are capped, and checked as the parser goes, so
 *   oversized or deeply nested input fails before a tree is built;
 * - any DOCTYPE is refused (there is no DTD, hence no entity declarations, internal or external);
 * - only the five XML built-in entities and character references are accepted (saxes never
 *   expands anything else; an unknown entity is an error, not silently kept as text);
 * - elements and attributes carry namespace URI + local name; prefixes are not kept.
 */

export const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NAMESPACE = 'http://www.w3.org/2000/xmlns/';

/** Namespace given to a prefix that is used without a declaration (tolerated, with a warning). */
export const UNBOUND_PREFIX_NAMESPACE = 'urn:x-clearance:unbound-prefix:';

export interface XmlLimits {
  maxBytes: number;
  maxDepth: number;
  maxElements: number;
}

export interface XmlAttribute {
  uri: string;
  local: string;
  value: string;
}

export interface XmlElement {
  uri: string;
  local: string;
  attributes: XmlAttribute[];
  children: XmlElement[];
  /** Direct character data (text and CDATA), not trimmed. */
  text: string;
  line: number;
}

export interface XmlDocument {
  root: XmlElement;
  /** Every namespace URI declared or used anywhere in the document. */
  namespaces: Set<string>;
}

/** Prefixes conventionally bound to these namespaces, for manifests that forget to declare them. */
const CONVENTIONAL_PREFIXES: Record<string, string> = {
  imsss: 'http://www.imsglobal.org/xsd/imsss',
  adlseq: 'http://www.adlnet.org/xsd/adlseq_v1p3',
  adlnav: 'http://www.adlnet.org/xsd/adlnav_v1p3',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
};

export function readXml(input: string | Buffer, limits: XmlLimits, warnings: Warnings): XmlDocument {
  const text = decode(input, limits.maxBytes, warnings);
  const namespaces = new Set<string>();
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let elementCount = 0;

  const parser = new SaxesParser({
    xmlns: true,
    position: true,
    resolvePrefix: (prefix: string) => {
      warnings.add(`The namespace prefix "${prefix}" is used without being declared.`);
      // adlcp differs between 1.2 and 2004: a neutral URI that the reader accepts as either.
      return CONVENTIONAL_PREFIXES[prefix] ?? `${UNBOUND_PREFIX_NAMESPACE}${prefix}`;
    },
  });

  parser.on('doctype', () => {
    throw new ManifestError(
      'DOCTYPE_FORBIDDEN',
      'The manifest contains a DOCTYPE declaration; DTDs and entity declarations are not accepted.',
    );
  });
  parser.on('error', (err: Error) => {
    throw translateSaxError(err);
  });
  parser.on('opentagstart', () => {
    elementCount++;
    if (elementCount > limits.maxElements) {
      throw new ManifestError(
        'TOO_MANY_ELEMENTS',
        `The manifest has more than ${limits.maxElements} elements (line ${parser.line}).`,
      );
    }
    if (stack.length + 1 > limits.maxDepth) {
      throw new ManifestError(
        'TOO_DEEP',
        `The manifest nests elements more than ${limits.maxDepth} levels deep (line ${parser.line}).`,
      );
    }
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    const element: XmlElement = {
      uri: tag.uri,
      local: tag.local,
      attributes: [],
      children: [],
      text: '',
      line: parser.line,
    };
    namespaces.add(tag.uri);
    for (const uri of Object.values(tag.ns)) {
      namespaces.add(uri);
    }
    for (const attribute of Object.values(tag.attributes)) {
      if (attribute.uri === XMLNS_NAMESPACE) {
        continue;
      }
      if (attribute.uri !== '') {
        namespaces.add(attribute.uri);
      }
      element.attributes.push({ uri: attribute.uri, local: attribute.local, value: attribute.value });
    }
    const parent = stack[stack.length - 1];
    if (parent) {
      parent.children.push(element);
    } else {
      root = element;
    }
    stack.push(element);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  const appendText = (data: string): void => {
    const current = stack[stack.length - 1];
    if (current) {
      current.text += data;
    }
  };
  parser.on('text', appendText);
  parser.on('cdata', appendText);

  parser.write(text).close();
  if (!root) {
    throw new ManifestError('NOT_XML', 'The manifest is not XML: it has no root element.');
  }
  namespaces.delete('');
  return { root, namespaces };
}

function translateSaxError(err: Error): ManifestError {
  const detail = err.message;
  if (/undefined entity|entity name/i.test(detail)) {
    return new ManifestError(
      'ENTITY_FORBIDDEN',
      `The manifest uses an entity other than the five XML built-ins (${detail}).`,
    );
  }
  if (/doctype/i.test(detail)) {
    return new ManifestError('DOCTYPE_FORBIDDEN', `The manifest contains a DOCTYPE declaration (${detail}).`);
  }
  return new ManifestError('NOT_XML', `The manifest is not well-formed XML: ${detail}`);
}

/**
 * Bytes → text. UTF-8 (with or without BOM) and UTF-16 (BOM or `<?` pattern) are recognised; an
 * ISO-8859-1 / Windows-1252 / US-ASCII declaration is honoured; invalid UTF-8 without a
 * declaration is read as Windows-1252 with a warning (old authoring tools); other encodings are refused.
 */
function decode(input: string | Buffer, maxBytes: number, warnings: Warnings): string {
  const size = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.length;
  if (size > maxBytes) {
    throw new ManifestError('TOO_LARGE', `The manifest is ${size} bytes, more than the ${maxBytes} bytes accepted.`);
  }
  if (typeof input === 'string') {
    return input.startsWith('\uFEFF') ? input.slice(1) : input;
  }
  const b = input;
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
    return decodeStrict('utf-8', b.subarray(3));
  }
  if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0x3c && b[1] === 0x00 && b[2] === 0x3f && b[3] === 0x00)) {
    return stripBom(decodeStrict('utf-16le', b));
  }
  if ((b[0] === 0xfe && b[1] === 0xff) || (b[0] === 0x00 && b[1] === 0x3c && b[2] === 0x00 && b[3] === 0x3f)) {
    return stripBom(decodeStrict('utf-16be', b));
  }
  const head = b.subarray(0, 256).toString('latin1');
  const declared = /^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1]?.toLowerCase();
  if (declared === undefined || declared === 'utf-8' || declared === 'utf8') {
    try {
      return decodeWith('utf-8', b, true);
    } catch {
      warnings.add('The manifest is not valid UTF-8; it was read as Windows-1252.');
      return decodeWith('windows-1252', b, false);
    }
  }
  if (
    ['iso-8859-1', 'latin1', 'latin-1', 'iso_8859-1', 'windows-1252', 'cp1252', 'us-ascii', 'ascii'].includes(declared)
  ) {
    return decodeWith('windows-1252', b, false);
  }
  if (declared === 'utf-16' || declared === 'utf-16le' || declared === 'utf-16be') {
    // Declared UTF-16 but the bytes start like ASCII: the declaration is wrong.
    warnings.add(`The manifest declares encoding "${declared}" but is not UTF-16; it was read as UTF-8.`);
    return decodeWith('utf-8', b, false);
  }
  throw new ManifestError(
    'UNSUPPORTED_ENCODING',
    `The manifest is in the encoding "${declared}"; only UTF-8, UTF-16 and ISO-8859-1 are accepted.`,
  );
}

function decodeStrict(encoding: string, bytes: Uint8Array): string {
  try {
    return decodeWith(encoding, bytes, true);
  } catch {
    throw new ManifestError(
      'NOT_XML',
      `The manifest starts like ${encoding.toUpperCase()} but is not valid ${encoding.toUpperCase()}.`,
    );
  }
}

function decodeWith(encoding: string, bytes: Uint8Array, fatal: boolean): string {
  return new TextDecoder(encoding, { fatal, ignoreBOM: true }).decode(bytes);
}

function stripBom(text: string): string {
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}
