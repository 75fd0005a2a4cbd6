// The two fan-out patterns of DESIGN.md, end to end on the engine with in-process services:
// the engine's side of what tests/patterns-e2e.test.ts runs on the deployed stacks.
import { CALLBACK_DETAIL_TYPE, CALLBACK_EVENT_SOURCE } from '@fanout/shared-types';
import { registerPutEvents, type PutEventsEntry } from '../../index';
import { makeEngine, runDefinition } from './helpers';

const computeTask = (name: string) => ({
  [name]: {
    Type: 'Task',
    Resource: 'arn:aws:states:::lambda:invoke',
    Parameters: { FunctionName: 'compute', 'Payload.$': '$' },
    OutputPath: '$.Payload',
    Retry: [{ ErrorEquals: ['Lambda.TooManyRequestsException'], IntervalSeconds: 2, MaxAttempts: 6, BackoffRate: 2 }],
    End: true,
  },
});
const summary = {
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke',
  Parameters: { FunctionName: 'summary', 'Payload.$': '$' },
  OutputPath: '$.Payload',
  End: true,
};

describe('map-in-parallel', () => {
  it('runs each slot as an inline Map and hands one result array per slot to the summary', async () => {
    // prepare: 9 cases dealt in chunks of 3 to 3 slots (0,1,2 → slot 0; 3,4,5 → slot 1; 6,7,8 → slot 2)
    const engine = makeEngine({
      compute: (c) => ({ caseId: (c as { caseId: string }).caseId, state: 'SUCCEEDED' }),
      summary: (input) => {
        const results = (input as { results: { caseId: string }[][] }).results;
        return { slots: results.map((r) => r.map((x) => x.caseId)) };
      },
    });
    const def = {
      StartAt: 'Slots',
      States: {
        Slots: {
          Type: 'Parallel',
          Branches: [0, 1, 2].map((i) => ({
            StartAt: `Map${i}`,
            States: {
              [`Map${i}`]: {
                Type: 'Map',
                ItemsPath: `$.requestSlots[${i}].requests`,
                ItemProcessor: { StartAt: `Compute${i}`, States: computeTask(`Compute${i}`) },
                End: true,
              },
            },
          })),
          ResultPath: '$.results',
          Next: 'Summary',
        },
        Summary: summary,
      },
    };
    const slot = (ids: number[]) => ({ requests: ids.map((i) => ({ caseId: String(i) })) });
    // act
    const run = await runDefinition(engine, def, { requestId: '123456', requestSlots: [slot([0, 1, 2]), slot([3, 4, 5]), slot([6, 7, 8])] });
    // assert
    expect(run.status).toBe('SUCCEEDED');
    expect(run.outputValue).toEqual({
      slots: [
        ['0', '1', '2'],
        ['3', '4', '5'],
        ['6', '7', '8'],
      ],
    });
  });
});

describe('map-eventbridge-callback', () => {
  it('puts one event per case; the computing side answers with SendTaskSuccess / SendTaskFailure', async () => {
    // prepare: the "rule" delivers each event to a compute function that calls back asynchronously
    const engine = makeEngine({
      summary: (input) => ({ count: (input as { results: unknown[] }).results.length, results: (input as { results: unknown[] }).results }),
    });
    const delivered: PutEventsEntry[] = [];
    registerPutEvents(engine.integrations, (entries) => {
      for (const entry of entries) {
        delivered.push(entry);
        const detail = JSON.parse(entry.Detail as string) as { taskToken: string; payload: { caseId: string } };
        setTimeout(() => {
          if (detail.payload.caseId === '2') engine.sendTaskFailure(detail.taskToken, 'ComputationFailed', 'case 2 failed');
          else engine.sendTaskSuccess(detail.taskToken, JSON.stringify({ caseId: detail.payload.caseId, state: 'SUCCEEDED' }));
        }, 1);
      }
      return { FailedEntryCount: 0, Entries: entries.map((_, i) => ({ EventId: String(i) })) };
    });
    const def = {
      StartAt: 'Cases',
      States: {
        Cases: {
          Type: 'Map',
          ItemsPath: '$.requests',
          ItemProcessor: {
            StartAt: 'Request',
            States: {
              Request: {
                Type: 'Task',
                Resource: 'arn:aws:states:::events:putEvents.waitForTaskToken',
                Parameters: {
                  Entries: [
                    {
                      EventBusName: 'compute-bus',
                      Source: CALLBACK_EVENT_SOURCE,
                      DetailType: CALLBACK_DETAIL_TYPE,
                      Detail: { 'payload.$': '$', 'taskToken.$': '$$.Task.Token' },
                    },
                  ],
                },
                TimeoutSeconds: 900,
                HeartbeatSeconds: 600,
                Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: 'Failed' }],
                End: true,
              },
              Failed: {
                Type: 'Pass',
                Parameters: { 'caseId.$': '$.caseId', state: 'FAILED', 'error.$': '$.failure.Error', 'cause.$': '$.failure.Cause' },
                End: true,
              },
            },
          },
          ResultPath: '$.results',
          Next: 'Summary',
        },
        Summary: summary,
      },
    };
    // act
    const run = await runDefinition(engine, def, { requestId: '123456', requests: [0, 1, 2, 3].map((i) => ({ caseId: String(i) })), length: '4' });
    // assert
    expect(run.status).toBe('SUCCEEDED');
    expect(delivered).toHaveLength(4);
    expect(delivered[0]).toMatchObject({ Source: 'com.computing.lambda', DetailType: 'ComputeRequested', EventBusName: 'compute-bus' });
    expect(run.outputValue).toEqual({
      count: 4,
      results: [
        { caseId: '0', state: 'SUCCEEDED' },
        { caseId: '1', state: 'SUCCEEDED' },
        { caseId: '2', state: 'FAILED', error: 'ComputationFailed', cause: 'case 2 failed' },
        { caseId: '3', state: 'SUCCEEDED' },
      ],
    });
    expect(run.events.filter((e) => e.type === 'TaskSubmitted')).toHaveLength(4);
  });
});
