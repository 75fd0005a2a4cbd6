import { AwsError } from '../../core/aws-error';
import { CreateFunctionCommand, InvokeCommand, PutFunctionConcurrencyCommand, PutFunctionEventInvokeConfigCommand, TooManyRequestsException } from '@aws-sdk/client-lambda';
import { eventually, functionInput, HANDLERS, startLambda, type LambdaHarness } from './fixtures';

const FAILURE_QUEUE = 'arn:aws:sqs:us-east-1:123456789012:failures';
const SUCCESS_QUEUE = 'arn:aws:sqs:us-east-1:123456789012:successes';

let h: LambdaHarness;
afterEach(() => h.close());

const invokeAsync = (name: string, payload: unknown = {}) => h.client.send(new InvokeCommand({ FunctionName: name, Payload: JSON.stringify(payload), InvocationType: 'Event' }));

describe('asynchronous invocation', () => {
  it('answers 202 at once and runs the event afterwards', async () => {
    // prepare
    h = await startLambda({}, 1000);
    await h.client.send(new CreateFunctionCommand(functionInput('ok', HANDLERS.echo)));
    await h.client.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'ok', DestinationConfig: { OnSuccess: { Destination: SUCCESS_QUEUE } } }));
    // act
    const r = await invokeAsync('ok', { n: 1 });
    // assert
    expect(r.StatusCode).toBe(202);
    await eventually(() => h.sent.length === 1);
    expect(h.sent[0]).toMatchObject({ queue: SUCCESS_QUEUE, caller: { kind: 'role', roleArn: 'arn:aws:iam::123456789012:role/fn-role' } });
    expect(JSON.parse(h.sent[0]?.body ?? '')).toMatchObject({ requestContext: { condition: 'Success', approximateInvokeCount: 1 }, requestPayload: { n: 1 }, responsePayload: { event: { n: 1 } } });
  });

  it('retries a failing event twice, about 1 and then 2 minutes apart, then sends the record to the on-failure destination', async () => {
    // prepare: 1 simulated minute = 60 ms
    h = await startLambda({}, 1000);
    await h.client.send(new CreateFunctionCommand(functionInput('fails', HANDLERS.fail)));
    await h.client.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'fails', DestinationConfig: { OnFailure: { Destination: FAILURE_QUEUE } } }));
    const started = h.clock.now();
    // act
    await invokeAsync('fails', { caseId: '7' });
    await eventually(() => h.sent.length === 1);
    // assert
    const record = JSON.parse(h.sent[0]?.body ?? '') as Record<string, any>;
    expect(record).toMatchObject({
      version: '1.0',
      requestContext: { condition: 'RetriesExhausted', approximateInvokeCount: 3, functionArn: expect.stringMatching(/:function:fails:\$LATEST$/) },
      requestPayload: { caseId: '7' },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      responsePayload: { errorType: 'Boom', errorMessage: 'it broke' },
    });
    expect(Date.parse(record['timestamp'])).toBeGreaterThanOrEqual(started + 180_000);
    expect(h.service.metrics('fails')).toMatchObject({ Invocations: 3, Errors: 3, AsyncRetries: 2, AsyncEventsDropped: 0 });
    const starts = (h.logs.get('/aws/lambda/fails') ?? []).filter((e) => e.message.startsWith('START')).map((e) => e.timestamp);
    expect(starts).toHaveLength(3);
    expect((starts[1] as number) - (starts[0] as number)).toBeGreaterThanOrEqual(60_000);
    expect((starts[2] as number) - (starts[1] as number)).toBeGreaterThanOrEqual(120_000);
  });

  it('honours MaximumRetryAttempts 0 and drops, counted, an event with nowhere to go', async () => {
    h = await startLambda({}, 1000);
    await h.client.send(new CreateFunctionCommand(functionInput('once', HANDLERS.fail)));
    await h.client.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'once', MaximumRetryAttempts: 0 }));
    await invokeAsync('once');
    await eventually(() => h.service.metrics('once').AsyncEventsDropped === 1);
    expect(h.service.metrics('once')).toMatchObject({ Invocations: 1, AsyncRetries: 0 });
    expect(h.sent).toHaveLength(0);
  });

  it('keeps a throttled event until its maximum age, then reports EventAgeExceeded', async () => {
    // prepare: one environment, busy for 10 simulated minutes; events may wait 2 minutes
    h = await startLambda({}, 10_000);
    await h.client.send(new CreateFunctionCommand(functionInput('busy', HANDLERS.sleep, { Timeout: 900 })));
    await h.client.send(new PutFunctionConcurrencyCommand({ FunctionName: 'busy', ReservedConcurrentExecutions: 1 }));
    await h.client.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'busy', MaximumEventAgeInSeconds: 120, DestinationConfig: { OnFailure: { Destination: FAILURE_QUEUE } } }));
    // act
    await invokeAsync('busy', { ms: 600_000 });
    await eventually(() => h.service.metrics('busy').Invocations === 1);
    await invokeAsync('busy', { ms: 1 });
    await eventually(() => h.sent.length === 1);
    // assert
    expect(JSON.parse(h.sent[0]?.body ?? '')).toMatchObject({ requestContext: { condition: 'EventAgeExceeded', approximateInvokeCount: 1 }, requestPayload: { ms: 1 } });
    expect(h.service.metrics('busy').Throttles).toBeGreaterThan(3);
  });

  it('with reserved concurrency 0 throttles the asynchronous request itself', async () => {
    h = await startLambda({}, 1000);
    await h.client.send(new CreateFunctionCommand(functionInput('off', HANDLERS.echo)));
    await h.client.send(new PutFunctionConcurrencyCommand({ FunctionName: 'off', ReservedConcurrentExecutions: 0 }));
    await expect(invokeAsync('off')).rejects.toBeInstanceOf(TooManyRequestsException);
  });

  it('runs an event twice when asked to inject duplicates, and counts it', async () => {
    h = await startLambda({ duplicateAsyncFraction: 1 }, 1000);
    await h.client.send(new CreateFunctionCommand(functionInput('dup', HANDLERS.counter)));
    await invokeAsync('dup');
    await eventually(() => h.service.metrics('dup').Invocations === 2);
    expect(h.service.metrics('dup').DuplicateDeliveries).toBe(1);
  });

  it("sends to the function's dead-letter queue with Lambda's message attributes", async () => {
    h = await startLambda({}, 1000);
    await h.client.send(new CreateFunctionCommand(functionInput('dlq', HANDLERS.fail, { DeadLetterConfig: { TargetArn: FAILURE_QUEUE } })));
    await h.client.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'dlq', MaximumRetryAttempts: 0 }));
    const r = await invokeAsync('dlq', { a: 1 });
    await eventually(() => h.sent.length === 1);
    expect(h.sent[0]).toMatchObject({
      queue: FAILURE_QUEUE,
      body: '{"a":1}',
      messageAttributes: { RequestID: { StringValue: r.$metadata.requestId }, ErrorCode: { StringValue: '200' }, ErrorMessage: { StringValue: 'it broke' } },
    });
  });
});

describe('a destination that refuses the record', () => {
  it('counts the failure, keeps its reason, and counts the event as dropped', async () => {
    // prepare: the queue refuses whatever the function's role sends
    h = await startLambda({ sqs: () => ({ sendMessage: async () => Promise.reject(new AwsError('AccessDenied', 'not authorized to perform: sqs:SendMessage', 403)) }) }, 1000);
    await h.client.send(new CreateFunctionCommand(functionInput('refused', HANDLERS.fail)));
    await h.client.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'refused', MaximumRetryAttempts: 0, DestinationConfig: { OnFailure: { Destination: FAILURE_QUEUE } } }));
    // act
    await invokeAsync('refused');
    await eventually(() => h.service.metrics('refused').AsyncEventsDropped === 1);
    // assert
    expect(h.service.metrics('refused').DestinationDeliveryFailures).toBe(1);
    expect(h.service.deliveryFailures('refused')).toEqual([{ atMs: expect.any(Number), kind: 'destination', target: FAILURE_QUEUE, reason: expect.stringContaining('not authorized to perform: sqs:SendMessage') }]);
  });
});
