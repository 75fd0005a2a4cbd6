// Small in-test stand-ins for the Lambda, SQS and Step Functions ports. Each fails the way the
// real service does: an AwsError with AWS's code, thrown by a behaviour the test installs.
import { AwsError } from '../../core/aws-error';
import type { InvokeRequest, InvokeResponse, LambdaPort, SendMessageRequest, SqsPort, StartExecutionRequest, StatesPort } from '../../core/ports';
import type { Clock } from '../../core/clock';

/** Runs on every call; throw to make the call fail. */
export type Behaviour = (attempt: number) => void;

export interface Call<T> {
  readonly request: T;
  /** Simulated time of the call. */
  readonly at: number;
}

const nameOf = (nameOrArn: string): string => nameOrArn.replace(/^arn:aws:lambda:[^:]+:\d{12}:function:/, '').split(':')[0] as string;

export class FakeLambda implements LambdaPort {
  /** Invocations that succeeded. */
  readonly calls: Call<InvokeRequest>[] = [];
  /** Every invocation, failed ones included. */
  readonly attempts: Call<InvokeRequest>[] = [];
  private readonly functions = new Map<string, Behaviour>();
  constructor(private readonly clock: Clock) {}

  add(name: string, behaviour: Behaviour = () => undefined): string {
    this.functions.set(name, behaviour);
    return `arn:aws:lambda:us-east-1:123456789012:function:${name}`;
  }

  functionArn(functionName: string): string | undefined {
    const name = nameOf(functionName);
    return this.functions.has(name) ? `arn:aws:lambda:us-east-1:123456789012:function:${name}` : undefined;
  }

  async invoke(request: InvokeRequest): Promise<InvokeResponse> {
    const behaviour = this.functions.get(nameOf(request.functionName));
    if (!behaviour) throw new AwsError('ResourceNotFoundException', `Function not found: ${request.functionName}`, 404);
    const call = { request, at: this.clock.now() };
    const attempt = this.attempts.filter((c) => c.request.functionName === request.functionName).length;
    this.attempts.push(call);
    behaviour(attempt);
    this.calls.push(call);
    return { statusCode: 202, executedVersion: '$LATEST' };
  }
}

export class FakeSqs implements SqsPort {
  readonly sent = new Map<string, Call<SendMessageRequest>[]>();
  private readonly behaviours = new Map<string, Behaviour>();
  constructor(private readonly clock: Clock) {}

  add(name: string, behaviour: Behaviour = () => undefined): string {
    const arn = `arn:aws:sqs:us-east-1:123456789012:${name}`;
    this.sent.set(arn, []);
    this.behaviours.set(arn, behaviour);
    return arn;
  }

  messages(arn: string): Call<SendMessageRequest>[] {
    return this.sent.get(arn) ?? [];
  }

  async sendMessage(request: SendMessageRequest): Promise<{ messageId: string; md5OfMessageBody: string }> {
    const list = this.sent.get(request.queue);
    const behaviour = this.behaviours.get(request.queue);
    if (!list || !behaviour) throw new AwsError('QueueDoesNotExist', 'The specified queue does not exist.');
    behaviour(list.length);
    list.push({ request, at: this.clock.now() });
    return { messageId: `m-${list.length}`, md5OfMessageBody: '' };
  }
}

export class FakeStates implements StatesPort {
  readonly calls: Call<StartExecutionRequest>[] = [];
  private readonly machines = new Set<string>();
  constructor(private readonly clock: Clock) {}

  add(name: string): string {
    const arn = `arn:aws:states:us-east-1:123456789012:stateMachine:${name}`;
    this.machines.add(arn);
    return arn;
  }

  async startExecution(request: StartExecutionRequest): Promise<{ executionArn: string; startDate: Date }> {
    if (!this.machines.has(request.stateMachineArn)) throw new AwsError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${request.stateMachineArn}'`);
    this.calls.push({ request, at: this.clock.now() });
    return { executionArn: `${request.stateMachineArn.replace(':stateMachine:', ':execution:')}:${this.calls.length}`, startDate: new Date(this.clock.now()) };
  }
}

/** Fails every call with an AWS error (code, status). */
export const failWith =
  (code: string, status = 400): Behaviour =>
  () => {
    throw new AwsError(code, `${code} from the fake`, status);
  };
