/**
 * The AWS APIs the bench calls besides Step Functions, on the local gateway, answering in the
 * services' own wire formats: CloudWatch Logs FilterLogEvents (JSON 1.1), STS GetCallerIdentity
 * (query, XML), Lambda GetFunctionConfiguration (REST JSON), SQS GetQueueAttributes (JSON 1.0).
 */
import { AwsError, type GatewayService } from '@fanout/local-cloud';
import type { FakeLambda, LogStore } from './fake-lambda';

/** Small pages, so the bench's paging is exercised. */
const LOG_PAGE = 500;

export function logsService(store: LogStore): GatewayService {
  return {
    protocol: 'json',
    targetPrefix: 'Logs_20140328',
    contentType: 'application/x-amz-json-1.1',
    errorNamespace: '',
    handle(operation, input) {
      if (operation !== 'FilterLogEvents') throw new AwsError('UnknownOperationException', `fake logs: ${operation}`);
      const events = store.groups.get(String(input['logGroupName']));
      if (!events) throw new AwsError('ResourceNotFoundException', 'The specified log group does not exist.');
      const from = Number(input['startTime'] ?? 0);
      const to = Number(input['endTime'] ?? Number.MAX_SAFE_INTEGER);
      const matching = events.filter((e) => e.timestamp >= from && e.timestamp <= to).sort((a, b) => a.timestamp - b.timestamp);
      const offset = Number(input['nextToken'] ?? 0);
      const page = matching.slice(offset, offset + LOG_PAGE).map((e, i) => ({ ...e, ingestionTime: e.timestamp, eventId: String(offset + i) }));
      return { events: page, searchedLogStreams: [], ...(offset + LOG_PAGE < matching.length ? { nextToken: String(offset + LOG_PAGE) } : {}) };
    },
  };
}

export function stsService(props: { rejectCredentials: boolean }): GatewayService {
  const xml = (body: string) => ({ status: 200, headers: { 'content-type': 'text/xml' }, body });
  return {
    protocol: 'http',
    name: 'sts',
    claims: (request) => request.method === 'POST' && request.body.toString('utf8').includes('Action=GetCallerIdentity'),
    handle: (request) => {
      if (props.rejectCredentials || !/^AWS4-HMAC-SHA256 Credential=\w+\/\d{8}\/[\w-]+\/sts\/aws4_request/.test(String(request.headers['authorization']))) {
        return {
          status: 403,
          headers: { 'content-type': 'text/xml' },
          body: '<ErrorResponse><Error><Type>Sender</Type><Code>InvalidClientTokenId</Code><Message>The security token included in the request is invalid.</Message></Error></ErrorResponse>',
        };
      }
      return xml('<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/bench</Arn><UserId>AIDAFAKE</UserId><Account>123456789012</Account></GetCallerIdentityResult></GetCallerIdentityResponse>');
    },
  };
}

export function lambdaService(lambda: FakeLambda): GatewayService {
  const path = /^\/2015-03-31\/functions\/([^/]+)\/configuration$/;
  return {
    protocol: 'http',
    name: 'lambda',
    claims: (request) => request.method === 'GET' && path.test(request.path),
    handle: (request) => {
      const name = decodeURIComponent(path.exec(request.path)?.[1] ?? '');
      const fn = lambda.functions.get(name);
      if (!fn) {
        return { status: 404, headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'ResourceNotFoundException' }, body: JSON.stringify({ Type: 'User', message: `Function not found: ${name}` }) };
      }
      const config = {
        FunctionName: fn.name,
        MemorySize: fn.memoryMb,
        Architectures: ['arm64'],
        Timeout: 30,
        LoggingConfig: { LogFormat: 'JSON', LogGroup: fn.logGroup },
        ...(fn.computeMs === undefined ? {} : { Environment: { Variables: { COMPUTE_MS: String(fn.computeMs) } } }),
      };
      return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(config) };
    },
  };
}

export function sqsService(queues: Map<string, number>): GatewayService {
  return {
    protocol: 'json',
    targetPrefix: 'AmazonSQS',
    contentType: 'application/x-amz-json-1.0',
    errorNamespace: 'com.amazonaws.sqs#',
    handle(operation, input) {
      if (operation !== 'GetQueueAttributes') throw new AwsError('UnsupportedOperation', `fake sqs: ${operation}`);
      const depth = queues.get(String(input['QueueUrl']));
      if (depth === undefined) throw new AwsError('QueueDoesNotExist', 'The specified queue does not exist.');
      return { Attributes: { ApproximateNumberOfMessages: String(depth), ApproximateNumberOfMessagesNotVisible: '0' } };
    },
  };
}
