import { randomUUID } from 'node:crypto';
import type { GatewayRequest, GatewayResponse } from '../../gateway/types';

/**
 * The AWS query protocol's envelope, shared by SQS and STS: parameters from the query string and
 * a form-encoded body, `<Action>Response` / `<Action>Result` / `ResponseMetadata` on success,
 * `ErrorResponse` on failure.
 */
export function formParams(request: GatewayRequest): URLSearchParams {
  const params = new URLSearchParams(request.query);
  const type = request.headers['content-type'] ?? '';
  if (request.body.length > 0 && type.startsWith('application/x-www-form-urlencoded')) {
    for (const [key, value] of new URLSearchParams(request.body.toString('utf8'))) params.append(key, value);
  }
  return params;
}

export function xmlEscape(text: string): string {
  return text.replace(/[&<>"'\r]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\r': '&#xD;' })[c] as string);
}

export const element = (name: string, content: string): string => `<${name}>${content}</${name}>`;

function xmlResponse(status: number, requestId: string, xml: string): GatewayResponse {
  return { status, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body: `<?xml version="1.0"?>\n${xml}` };
}

/** `resultXml` undefined: the action has no output (only ResponseMetadata). */
export function queryResponse(action: string, namespace: string, resultXml: string | undefined): GatewayResponse {
  const requestId = randomUUID();
  const result = resultXml === undefined ? '' : element(`${action}Result`, resultXml);
  return xmlResponse(200, requestId, `<${action}Response xmlns="${namespace}">${result}${element('ResponseMetadata', element('RequestId', requestId))}</${action}Response>`);
}

export function queryError(namespace: string, status: number, code: string, message: string): GatewayResponse {
  const requestId = randomUUID();
  const type = status >= 500 ? 'Receiver' : 'Sender';
  const error = element('Error', `${element('Type', type)}${element('Code', xmlEscape(code))}${element('Message', xmlEscape(message))}<Detail/>`);
  return xmlResponse(status, requestId, `<ErrorResponse xmlns="${namespace}">${error}${element('RequestId', requestId)}</ErrorResponse>`);
}
