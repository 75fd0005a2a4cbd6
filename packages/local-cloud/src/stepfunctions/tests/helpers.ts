import { registerLocalLambdas, StepFunctionsEngine, type LambdaHandler, type StepFunctionsEngineProps } from '../../index';

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
