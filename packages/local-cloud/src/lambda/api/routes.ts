import { AwsError } from '../../core/aws-error';
import type { GatewayRequest, GatewayResponse, HttpProtocolService } from '../../gateway/types';
import type { LambdaService } from '../lambda-service';
import { OPERATIONS, type Operation } from './operations';

interface Route {
  method: string;
  pattern: RegExp;
  params: string[];
  operation: keyof typeof OPERATIONS;
}

function route(method: string, path: string, operation: keyof typeof OPERATIONS): Route {
  const params: string[] = [];
  const pattern = new RegExp(
    '^' +
      path.replace(/\{(\w+)\}/g, (_m, name: string) => {
        params.push(name);
        return '([^/]+)';
      }) +
      '/?$',
  );
  return { method, pattern, params, operation };
}

/** Lambda's REST paths (API versions as the SDK sends them). */
const ROUTES: Route[] = [
  route('POST', '/2015-03-31/functions', 'CreateFunction'),
  route('GET', '/2015-03-31/functions', 'ListFunctions'),
  route('GET', '/2015-03-31/functions/{name}', 'GetFunction'),
  route('DELETE', '/2015-03-31/functions/{name}', 'DeleteFunction'),
  route('GET', '/2015-03-31/functions/{name}/configuration', 'GetFunctionConfiguration'),
  route('PUT', '/2015-03-31/functions/{name}/configuration', 'UpdateFunctionConfiguration'),
  route('PUT', '/2015-03-31/functions/{name}/code', 'UpdateFunctionCode'),
  route('GET', '/2015-03-31/functions/{name}/versions', 'ListVersionsByFunction'),
  route('POST', '/2015-03-31/functions/{name}/invocations', 'Invoke'),
  route('POST', '/2015-03-31/functions/{name}/policy', 'AddPermission'),
  route('GET', '/2015-03-31/functions/{name}/policy', 'GetPolicy'),
  route('DELETE', '/2015-03-31/functions/{name}/policy/{sid}', 'RemovePermission'),
  route('PUT', '/2017-10-31/functions/{name}/concurrency', 'PutFunctionConcurrency'),
  route('DELETE', '/2017-10-31/functions/{name}/concurrency', 'DeleteFunctionConcurrency'),
  route('GET', '/2019-09-30/functions/{name}/concurrency', 'GetFunctionConcurrency'),
  route('PUT', '/2019-09-25/functions/{name}/event-invoke-config', 'PutFunctionEventInvokeConfig'),
  route('POST', '/2019-09-25/functions/{name}/event-invoke-config', 'UpdateFunctionEventInvokeConfig'),
  route('GET', '/2019-09-25/functions/{name}/event-invoke-config', 'GetFunctionEventInvokeConfig'),
  route('DELETE', '/2019-09-25/functions/{name}/event-invoke-config', 'DeleteFunctionEventInvokeConfig'),
  route('GET', '/2019-09-25/functions/{name}/event-invoke-config/list', 'ListFunctionEventInvokeConfigs'),
  route('GET', '/2017-03-31/tags/{arn}', 'ListTags'),
  route('POST', '/2017-03-31/tags/{arn}', 'TagResource'),
  route('DELETE', '/2017-03-31/tags/{arn}', 'UntagResource'),
  route('GET', '/2016-08-19/account-settings', 'GetAccountSettings'),
  route('GET', '/2020-06-30/functions/{name}/code-signing-config', 'GetFunctionCodeSigningConfig'),
  route('GET', '/2021-07-20/functions/{name}/runtime-management-config', 'GetRuntimeManagementConfig'),
];

const API_VERSION = /^\/20\d\d-\d\d-\d\d\/(functions|tags|account-settings)/;

function errorResponse(err: AwsError): GatewayResponse {
  return {
    status: err.status,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': err.code, ...err.headers },
    body: JSON.stringify({ ...err.fields, Type: err.status >= 500 ? 'Service' : 'User', message: err.message }),
  };
}

/** Lambda on its REST-JSON protocol: `/<api version>/functions/…`, errors named in `x-amzn-errortype`. */
export function lambdaApi(service: LambdaService): HttpProtocolService {
  return {
    protocol: 'http',
    name: 'Lambda',
    claims: (request) => API_VERSION.test(request.path),
    async handle(request: GatewayRequest): Promise<GatewayResponse> {
      try {
        for (const r of ROUTES) {
          if (r.method !== request.method) continue;
          const m = r.pattern.exec(request.path);
          if (!m) continue;
          const params: Record<string, string> = {};
          r.params.forEach((name, i) => (params[name] = decodeURIComponent(m[i + 1] as string)));
          let body: Record<string, unknown> = {};
          if (r.operation !== 'Invoke' && request.body.length > 0) {
            try {
              body = JSON.parse(request.body.toString('utf8')) as Record<string, unknown>;
            } catch (err) {
              throw new AwsError('InvalidRequestContentException', `Could not parse request body into json: ${(err as Error).message}`);
            }
          }
          const result = await (OPERATIONS[r.operation] as Operation)(service, params, request, body);
          const text = result.raw ?? (result.body === undefined ? '' : JSON.stringify(result.body));
          return { status: result.status, headers: { 'content-type': 'application/json', ...result.headers }, body: text };
        }
        throw new AwsError('UnknownOperationException', `The local Lambda has no operation for ${request.method} ${request.path}`, 404);
      } catch (err) {
        if (err instanceof AwsError) return errorResponse(err);
        return errorResponse(new AwsError('ServiceException', (err as Error)?.message ?? String(err), 500));
      }
    },
  };
}
