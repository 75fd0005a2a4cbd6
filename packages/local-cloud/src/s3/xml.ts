import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { S3_XMLNS } from './limits';
import { malformedXml } from './s3-error';

/** An element's content: text, children (`@attrs` holds its attributes), or repeated elements. */
export type XmlValue = string | number | boolean | XmlElement | readonly XmlValue[] | undefined;
export interface XmlElement {
  readonly [name: string]: XmlValue;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
export const escapeXml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);

function attributes(value: XmlValue): string {
  if (value === undefined || typeof value !== 'object' || Array.isArray(value)) return '';
  return Object.entries(value as XmlElement)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('');
}

function element(name: string, value: XmlValue): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return value.map((v: XmlValue) => element(name, v)).join('');
  if (typeof value === 'object') {
    const obj = value as XmlElement;
    let inner = '';
    for (const [child, v] of Object.entries(obj)) if (child !== '@attrs') inner += element(child, v);
    return `<${name}${attributes(obj['@attrs'])}>${inner}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** A whole S3 response document: declaration, the root in S3's namespace, its content. */
export function xmlDocument(root: string, content: XmlElement | string): string {
  const inner = typeof content === 'string' ? escapeXml(content) : element(root, content).slice(root.length + 2, -(root.length + 3));
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${S3_XMLNS}">${inner}</${root}>`;
}

/** A parsed request element: its text, or its children by name (repeated children as arrays). */
export type XmlNode = string | { readonly [name: string]: XmlNode | XmlNode[] };

// Values are kept verbatim (keys may start or end with spaces); whitespace between elements
// lands in '#text', which the accessors below never read.
const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: false, removeNSPrefix: true, ignoreDeclaration: true });

/** Parses a request body whose root must be `root`; MalformedXML otherwise. */
export function parseXml(body: Buffer | string, root: string): XmlNode {
  const text = body.toString();
  if (text.trim() === '') throw malformedXml('the body is empty');
  if (XMLValidator.validate(text) !== true) throw malformedXml('the body is not well-formed XML');
  const doc = parser.parse(text) as Record<string, XmlNode | XmlNode[]>;
  const top = doc[root];
  if (top === undefined || Array.isArray(top)) throw malformedXml(`the root element must be <${root}>`);
  return top;
}

/** Every child element named `name`. */
export function children(node: XmlNode | undefined, name: string): XmlNode[] {
  if (node === undefined || typeof node === 'string') return [];
  const v = node[name];
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

/** The single child element named `name`; MalformedXML when it repeats. */
export function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  const all = children(node, name);
  if (all.length > 1) throw malformedXml(`<${name}> may appear only once`);
  return all[0];
}

/** The text of the single child `name` (undefined when absent); MalformedXML when it has children. */
export function text(node: XmlNode | undefined, name: string): string | undefined {
  const c = child(node, name);
  if (c === undefined) return undefined;
  if (typeof c !== 'string') throw malformedXml(`<${name}> must hold text`);
  return c;
}

export function booleanText(node: XmlNode | undefined, name: string): boolean | undefined {
  const v = text(node, name)?.trim();
  if (v === undefined) return undefined;
  if (v === 'true' || v === 'false') return v === 'true';
  throw malformedXml(`<${name}> must be true or false, got '${v}'`);
}

export function integerText(node: XmlNode | undefined, name: string): number | undefined {
  const v = text(node, name)?.trim();
  if (v === undefined) return undefined;
  if (!/^-?\d+$/.test(v)) throw malformedXml(`<${name}> must be an integer, got '${v}'`);
  return Number(v);
}
