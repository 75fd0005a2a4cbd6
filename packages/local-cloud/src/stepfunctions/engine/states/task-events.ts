import { STATES_ERRORS, type StatesError } from '../../asl/errors';
import { LAMBDA_FUNCTION_ARN_PATTERN, splitResource } from '../integrations';
import type { StepContext } from '../step-context';

/** What history says about a Task's resource. */
export interface TaskResource {
  /** The Resource as written. */
  resource: string;
  base: string;
  callback: boolean;
  /** A bare Lambda ARN records LambdaFunction* events, everything else Task*. */
  lambdaArn: boolean;
  /** resourceType/resource as history shows them (`lambda` / `invoke`). */
  fields: { resourceType: string; resource: string };
  /** Its history events (one instance per resource: an attempt allocates none). */
  events: TaskEvents;
}

const LAMBDA_ARN_RE = new RegExp('^' + LAMBDA_FUNCTION_ARN_PATTERN.split('*').join('[^:]*') + '(:[^:]+)?$');
const resourceCache = new Map<string, TaskResource>();

export function analyseResource(resource: string): TaskResource {
  const cached = resourceCache.get(resource);
  if (cached) return cached;
  const { base, suffix } = splitResource(resource);
  const arnMatch = /^arn:[^:]+:states:::([^:]+):(.+)$/.exec(resource);
  const info = {
    resource,
    base,
    callback: suffix === '.waitForTaskToken',
    lambdaArn: LAMBDA_ARN_RE.test(resource),
    fields: arnMatch ? { resourceType: arnMatch[1] as string, resource: arnMatch[2] as string } : { resourceType: resource.split(':')[2] ?? 'unknown', resource },
  } as TaskResource;
  info.events = new TaskEvents(info);
  resourceCache.set(resource, info);
  return info;
}

/** Shared, frozen: the same details object on every event costs no allocation. */
const NOT_TRUNCATED = Object.freeze({ truncated: false });

/**
 * The history events of a Task's attempts, named and shaped by its resource kind. Details are
 * built as plain literals: tens of thousands of them stay in a history, and spread-built objects
 * take more memory each.
 */
export class TaskEvents {
  constructor(private readonly res: TaskResource) {}

  scheduled(step: StepContext, parameters: string, timeoutSeconds: number | undefined, heartbeatSeconds: number | undefined): void {
    const { lambdaArn, fields } = this.res;
    const d: Record<string, unknown> = lambdaArn
      ? { resource: this.res.resource, input: parameters, inputDetails: NOT_TRUNCATED }
      : { resourceType: fields.resourceType, resource: fields.resource, region: step.services.region, parameters };
    if (timeoutSeconds !== undefined) d['timeoutInSeconds'] = timeoutSeconds;
    if (heartbeatSeconds !== undefined && !lambdaArn) d['heartbeatInSeconds'] = heartbeatSeconds;
    step.record(lambdaArn ? 'LambdaFunctionScheduled' : 'TaskScheduled', d);
  }

  startFailed(step: StepContext, e: StatesError): void {
    step.record(this.res.lambdaArn ? 'LambdaFunctionStartFailed' : 'TaskStartFailed', this.failure(e));
  }

  started(step: StepContext): void {
    step.record(this.res.lambdaArn ? 'LambdaFunctionStarted' : 'TaskStarted', this.res.lambdaArn ? undefined : this.res.fields);
  }

  submitted(step: StepContext, output: string): void {
    const { fields } = this.res;
    step.record('TaskSubmitted', { resourceType: fields.resourceType, resource: fields.resource, output, outputDetails: NOT_TRUNCATED });
  }

  submitFailed(step: StepContext, e: StatesError): void {
    step.record('TaskSubmitFailed', this.failure(e, true));
  }

  succeeded(step: StepContext, output: string): void {
    const { lambdaArn, fields } = this.res;
    step.record(
      lambdaArn ? 'LambdaFunctionSucceeded' : 'TaskSucceeded',
      lambdaArn ? { output, outputDetails: NOT_TRUNCATED } : { resourceType: fields.resourceType, resource: fields.resource, output, outputDetails: NOT_TRUNCATED }
    );
  }

  /** TaskFailed / TaskTimedOut (LambdaFunction* for a bare Lambda ARN). */
  failed(step: StepContext, e: StatesError): void {
    const timeout = e.error === STATES_ERRORS.timeout || e.error === STATES_ERRORS.heartbeatTimeout;
    const type = this.res.lambdaArn ? (timeout ? 'LambdaFunctionTimedOut' : 'LambdaFunctionFailed') : timeout ? 'TaskTimedOut' : 'TaskFailed';
    step.record(type, this.failure(e));
  }

  /** Error details as AWS records them: a failure without a cause (a timeout) has no `cause` member. */
  private failure(e: StatesError, withResource = !this.res.lambdaArn): Record<string, unknown> {
    const d: Record<string, unknown> = withResource ? { resourceType: this.res.fields.resourceType, resource: this.res.fields.resource, error: e.error } : { error: e.error };
    if (e.cause !== '') d['cause'] = e.cause;
    return d;
  }
}
