import { SqsError } from '../errors';
import type { Input } from './input';

type Tree = { [key: string]: Tree | string };

/** `Attribute.1.Name=x` → `{ Attribute: { 1: { Name: 'x' } } }`. */
function tree(params: URLSearchParams): Tree {
  const root: Tree = {};
  for (const [key, value] of params) {
    const path = key.split('.');
    let node = root;
    for (const part of path.slice(0, -1)) {
      const next = node[part];
      if (typeof next === 'string') throw new SqsError('InvalidParameterValue', `Parameter ${key} conflicts with ${part}=${next}.`);
      node = next ?? (node[part] = {});
    }
    node[path.at(-1) as string] = value;
  }
  return root;
}

/** The `.N` members of a flattened list, in N order. */
function members(node: Tree | string | undefined, name: string): (Tree | string)[] {
  if (node === undefined) return [];
  if (typeof node === 'string') throw new SqsError('InvalidParameterValue', `Parameter ${name} must be given as ${name}.N.`);
  return Object.keys(node)
    .map((index) => {
      if (!/^[1-9]\d*$/.test(index)) throw new SqsError('InvalidParameterValue', `Parameter ${name}.${index}: list members are numbered from 1.`);
      return [Number(index), node[index] as Tree | string] as const;
    })
    .sort((a, b) => a[0] - b[0])
    .map(([, value]) => value);
}

function entryMap(node: Tree | string | undefined, name: string, keyField: string, valueField: string, value: (v: Tree | string | undefined) => unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const member of members(node, name)) {
    const key = typeof member === 'string' ? undefined : member[keyField];
    if (typeof key !== 'string') throw new SqsError('MissingParameter', `Each ${name}.N needs a ${keyField}.`);
    out[key] = value(typeof member === 'string' ? undefined : member[valueField]);
  }
  return out;
}

const text = (v: Tree | string | undefined): unknown => v;
const attributeValue = (v: Tree | string | undefined): unknown => (typeof v === 'string' ? { StringValue: v } : v);

/** The members that are lists or maps on the wire, and what they are named in the JSON shape. */
function convert(node: Tree, action: string): Input {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    switch (key) {
      case 'Action':
      case 'Version':
        break;
      case 'Attribute':
        out['Attributes'] = entryMap(value, key, 'Name', 'Value', text);
        break;
      case 'Tag':
        out[action === 'CreateQueue' ? 'tags' : 'Tags'] = entryMap(value, key, 'Key', 'Value', text);
        break;
      case 'MessageAttribute':
        out['MessageAttributes'] = entryMap(value, key, 'Name', 'Value', attributeValue);
        break;
      case 'MessageSystemAttribute':
        out['MessageSystemAttributes'] = entryMap(value, key, 'Name', 'Value', attributeValue);
        break;
      case 'AttributeName':
      case 'MessageSystemAttributeName':
      case 'MessageAttributeName':
      case 'TagKey':
        out[key === 'TagKey' ? 'TagKeys' : `${key}s`] = members(value, key);
        break;
      case 'SendMessageBatchRequestEntry':
      case 'DeleteMessageBatchRequestEntry':
      case 'ChangeMessageVisibilityBatchRequestEntry':
        out['Entries'] = members(value, key).map((entry) => (typeof entry === 'string' ? {} : convert(entry, action)));
        break;
      default:
        out[key] = value;
    }
  }
  return out;
}

/** A query-protocol request's parameters as the JSON protocol's input shape (numbers left as text). */
export function queryInput(action: string, params: URLSearchParams): Input {
  return convert(tree(params), action);
}
