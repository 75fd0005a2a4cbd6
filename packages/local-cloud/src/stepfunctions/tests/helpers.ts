import { CreateStateMachineCommand, SFNClient } from '@aws-sdk/client-sfn';
import { registerLocalLambdas, startSfnServer, StepFunctionsEngine, type LambdaHandler, type RunningSfnServer, type StepFunctionsEngineProps } from '../../index';

/** An engine at 1000× simulated speed (a 300 s timeout lasts 0.3 s) with in-process Lambdas. */
export function makeEngine(lambdas: Record<string, LambdaHandler> = {}, props: StepFunctionsEngineProps = {}): StepFunctionsEngine {
  const engine = new StepFunctionsEngine({ timeScale: 1000, ...props });
  registerLocalLambdas(engine.integrations, new Map(Object.entries(lambdas)));
  return engine;
}

let counter = 0;
/** Creates a state machine, runs it to completion, returns the closed execution. */
export async function runDefinition(engine: StepFunctionsEngine, definition: unknown, input: unknown = {}) {
  const sm = engine.createStateMachine({ name: `sm-${++counter}`, definition: JSON.stringify(definition) });
  const ex = engine.startExecution({ stateMachineArn: sm.stateMachineArn, input: JSON.stringify(input) });
  const done = await engine.awaitExecution(ex.executionArn);
  return { ...done, outputValue: done.output !== undefined ? (JSON.parse(done.output) as unknown) : undefined, events: done.history.all() };
}

/** A one-state machine around `state` named S. */
export function single(state: Record<string, unknown>): unknown {
  return { StartAt: 'S', States: { S: { ...state, End: true } } };
}

export const LAMBDA_ARN = (name: string): string => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

/** The real SDK client against a local endpoint (no retries: every error reaches the test). */
export function sdkClient(endpoint: string): SFNClient {
  return new SFNClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
}

/** CreateStateMachine through the SDK; resolves with the machine's ARN. */
export async function createMachine(sfn: SFNClient, name: string, definition: string, roleArn = 'arn:aws:iam::123456789012:role/r'): Promise<string> {
  return (await sfn.send(new CreateStateMachineCommand({ name, definition, roleArn }))).stateMachineArn as string;
}

/** The event types of a history, in order. */
export const types = (events: { type: string }[]): string[] => events.map((e) => e.type);

/**
 * Serves `engine` on a loopback port for the calling file's tests (beforeAll/afterAll) and
 * returns the SDK client against it; afterwards the engine, client and server are all stopped.
 */
export function serveForSdk(engine: StepFunctionsEngine): () => SFNClient {
  let server: RunningSfnServer | undefined;
  let sfn: SFNClient | undefined;
  beforeAll(async () => {
    server = await startSfnServer({ engine, port: 0 });
    sfn = sdkClient(server.url);
  });
  afterAll(async () => {
    engine.stop();
    sfn?.destroy();
    await server?.close();
  });
  return () => sfn as SFNClient;
}
