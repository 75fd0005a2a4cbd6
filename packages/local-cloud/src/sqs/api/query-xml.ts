import { element, xmlEscape } from './query-protocol';

/** Result entries of the batch actions, named as the 2012-11-05 query API names them. */
const SUCCESS_ENTRY: Readonly<Record<string, string>> = {
  SendMessageBatch: 'SendMessageBatchResultEntry',
  DeleteMessageBatch: 'DeleteMessageBatchResultEntry',
  ChangeMessageVisibilityBatch: 'ChangeMessageVisibilityBatchResultEntry',
};

function scalar(value: unknown): string {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  return xmlEscape(String(value));
}

function pairs(wrapper: string, keyName: string, map: object, value: (v: unknown) => string): string {
  return Object.entries(map)
    .map(([k, v]) => element(wrapper, `${element(keyName, xmlEscape(k))}${element('Value', value(v))}`))
    .join('');
}

function fields(object: object, action: string): string {
  let xml = '';
  for (const [key, value] of Object.entries(object)) {
    if (value === undefined) continue;
    switch (key) {
      case 'Attributes':
        xml += pairs('Attribute', 'Name', value as object, scalar);
        break;
      case 'Tags':
        xml += pairs('Tag', 'Key', value as object, scalar);
        break;
      case 'MessageAttributes':
        xml += pairs('MessageAttribute', 'Name', value as object, (v) => fields(v as object, action));
        break;
      case 'QueueUrls':
      case 'queueUrls':
        xml += (value as string[]).map((url) => element('QueueUrl', xmlEscape(url))).join('');
        break;
      case 'Messages':
        xml += (value as object[]).map((m) => element('Message', fields(m, action))).join('');
        break;
      case 'Successful':
        xml += (value as object[]).map((e) => element(SUCCESS_ENTRY[action] ?? `${action}ResultEntry`, fields(e, action))).join('');
        break;
      case 'Failed':
        xml += (value as object[]).map((e) => element('BatchResultErrorEntry', fields(e, action))).join('');
        break;
      default:
        xml += element(key, scalar(value));
    }
  }
  return xml;
}

/** Actions whose response has no `<Action>Result` element, only ResponseMetadata. */
const NO_RESULT = new Set(['DeleteQueue', 'SetQueueAttributes', 'TagQueue', 'UntagQueue', 'PurgeQueue', 'DeleteMessage', 'ChangeMessageVisibility']);

/** An operation's output (the JSON shape) as the content of `<Action>Result`; undefined when it has none. */
export function resultXml(action: string, output: object): string | undefined {
  return NO_RESULT.has(action) ? undefined : fields(output, action);
}
