import { AbortedError, type Scope } from '../../core/scope';
import { StatesError, STATES_ERRORS } from '../asl/errors';
import type { StateDefinition, StateMachineDefinition } from '../asl/types';
import type { HistoryRecorder } from './history';
import { serializePayload } from './payload-size';
import { runChoice } from './states/choice';
import { runFail } from './states/fail';
import { runMap } from './states/map';
import { runParallel } from './states/parallel';
import { runPass } from './states/pass';
import { runSucceed } from './states/succeed';
import { runTask } from './states/task';
import { runWait } from './states/wait';
import { StepContext, type Cursor, type ExecutionIdentity, type MapItem, type RunContext, type RunServices, type StepResult } from './step-context';

type StateRunner = (step: StepContext, input: unknown) => StepResult | Promise<StepResult>;

/** One module per state type (engine/states/<type>.ts). */
const RUNNERS: Record<StateDefinition['Type'], StateRunner> = {
  Pass: runPass,
  Task: runTask,
  Choice: runChoice,
  Wait: runWait,
  Succeed: runSucceed,
  Fail: runFail,
  Parallel: runParallel,
  Map: runMap,
};

/** Event type names per state type, built once (no string building per event). */
const EVENT_NAMES = Object.fromEntries(
  Object.keys(RUNNERS).map((t) => [t, { entered: `${t}StateEntered`, exited: `${t}StateExited`, aborted: `${t}StateAborted` }])
) as Record<StateDefinition['Type'], { entered: string; exited: string; aborted: string }>;

const NOT_TRUNCATED = Object.freeze({ truncated: false });

/**
 * Executes one state machine run. Pure engine logic: no HTTP, no storage — it records history,
 * calls service integrations, and resolves with the run's outcome.
 */
export class ExecutionRunner implements RunContext {
  constructor(readonly services: RunServices, readonly history: HistoryRecorder, readonly identity: ExecutionIdentity) {}

  async runStates(machine: StateMachineDefinition, input: unknown, scope: Scope, cursor: Cursor, mapItem?: MapItem): Promise<unknown> {
    let name: string | undefined = machine.StartAt;
    let value = input;
    while (name !== undefined) {
      scope.throwIfAborted();
      const state = machine.States[name];
      if (!state) throw new StatesError(STATES_ERRORS.runtime, `State '${name}' does not exist`);
      const step = await this.runState(name, state, value, scope, cursor, mapItem);
      value = step.output;
      name = step.next;
    }
    return value;
  }

  private async runState(name: string, state: StateDefinition, input: unknown, scope: Scope, cursor: Cursor, mapItem: MapItem | undefined): Promise<StepResult> {
    const runner = RUNNERS[state.Type] as StateRunner | undefined;
    if (!runner) throw new StatesError(STATES_ERRORS.runtime, `State '${name}' has unknown Type '${String(state.Type)}'`);
    const { payloadBytes } = this.services.limits;
    const events = EVENT_NAMES[state.Type];
    const step = new StepContext(this, name, state, scope, cursor, mapItem, this.services.clock.now());
    step.record(events.entered, { name, input: serializePayload(input, payloadBytes, name, 'state input'), inputDetails: NOT_TRUNCATED });
    let result: StepResult;
    try {
      const pending = runner(step, input);
      result = pending instanceof Promise ? await pending : pending;
    } catch (err) {
      // A Task or Wait cut short by a failing sibling (Map/Parallel) says so, as on AWS.
      if (err instanceof AbortedError && (state.Type === 'Task' || state.Type === 'Wait') && !this.history.isClosed) step.record(events.aborted);
      throw err;
    }
    step.record(events.exited, { name, output: serializePayload(result.output, payloadBytes, name, 'state output'), outputDetails: NOT_TRUNCATED });
    return result;
  }
}
