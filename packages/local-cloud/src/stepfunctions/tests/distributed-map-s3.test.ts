// Distributed Map and S3: ItemReader (JSON, JSONL, CSV), ResultWriter (manifest and result files), IAM as the state machine's role.
import { AccessDeniedError } from '../../core/aws-error';
import type { AuthorizationRequest, Authorizer } from '../../core/authorizer';
import { BUCKET, cases, distributedMap, invoke, s3Rig, type S3Rig } from './distributed-helpers';
import { makeEngine, runDefinition, types } from './helpers';

const compute = async (event: unknown) => {
  const e = event as Record<string, unknown>;
  if (e['fail'] === true) throw Object.assign(new Error(`case ${String(e['caseId'])} failed`), { name: 'CaseFailed' });
  return { caseId: e['caseId'] };
};
const reader = (InputType: string, extra: Record<string, unknown> = {}, key: Record<string, unknown> = { Key: 'cases.data' }) => ({
  ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType, ...extra }, Parameters: { Bucket: BUCKET, ...key } },
});
const writer = (prefix: string | undefined, extra: Record<string, unknown> = {}) => ({
  ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: BUCKET, ...(prefix === undefined ? {} : { Prefix: prefix }) }, ...extra },
});
const lines = (n: number, extra: (i: number) => Record<string, unknown> = () => ({})) => cases(n, extra).requests.map((r) => JSON.stringify(r)).join('\n');

describe('Distributed Map with S3', () => {
  let rig: S3Rig;
  beforeEach(() => (rig = s3Rig({ compute })));
  afterEach(() => rig.close());

  describe('ItemReader', () => {
    it('reads a JSON array object; MapStateStarted has length 0, as AWS records it', async () => {
      // prepare
      await rig.put('cases.data', JSON.stringify(cases(4).requests));
      // act
      const run = await runDefinition(rig.engine, distributedMap(reader('JSON')), {});
      // assert
      expect(run.outputValue).toEqual(cases(4).requests);
      expect(run.events[2]).toMatchObject({ type: 'MapStateStarted', mapStateStartedEventDetails: { length: 0 } });
      expect(rig.engine.listMapRuns(run.executionArn)[0]?.itemCounts.total).toBe(4);
    });

    it('reads JSON Lines (blank lines skipped), the Key read from the input, MaxItems cutting the list', async () => {
      // prepare
      await rig.put('in/r-1.jsonl', `${lines(5)}\n\n`);
      // act
      const run = await runDefinition(rig.engine, distributedMap(reader('JSONL', { MaxItems: 3 }, { 'Key.$': '$.key' })), { key: 'in/r-1.jsonl' });
      // assert
      expect(run.outputValue).toEqual(cases(3).requests);
    });

    it('reads CSV: the first row as headers, quoted fields with delimiters, quotes and line breaks; or headers given, another delimiter', async () => {
      // prepare
      await rig.put('first-row.csv', 'caseId,note\r\n1,"a, b"\r\n2,"say ""hi""\nthere"\r\n');
      await rig.put('given.csv', '7;x\n8;y\n');
      const pass = { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } };
      // act
      const firstRow = await runDefinition(rig.engine, distributedMap(reader('CSV', { CSVHeaderLocation: 'FIRST_ROW' }, { Key: 'first-row.csv' }), 'EXPRESS', pass));
      const given = await runDefinition(rig.engine, distributedMap(reader('CSV', { CSVHeaderLocation: 'GIVEN', CSVHeaders: ['caseId', 'tag'], CSVDelimiter: 'SEMICOLON' }, { Key: 'given.csv' }), 'EXPRESS', pass));
      // assert
      expect(firstRow.outputValue).toEqual([{ caseId: '1', note: 'a, b' }, { caseId: '2', note: 'say "hi"\nthere' }]);
      expect(given.outputValue).toEqual([{ caseId: '7', tag: 'x' }, { caseId: '8', tag: 'y' }]);
    });

    it('fails with States.ItemReaderFailed, naming the object and the reason: a missing key, an object that is not an array, a bad line', async () => {
      // prepare
      await rig.put('object.json', '{"requests":[]}');
      await rig.put('bad.jsonl', '{"caseId":"0"}\n{oops\n');
      // act
      const missing = await runDefinition(rig.engine, distributedMap(reader('JSON', {}, { Key: 'nope.json' })));
      const notArray = await runDefinition(rig.engine, distributedMap(reader('JSON', {}, { Key: 'object.json' })));
      const badLine = await runDefinition(rig.engine, distributedMap(reader('JSONL', {}, { Key: 'bad.jsonl' })));
      // assert
      expect(missing).toMatchObject({ status: 'FAILED', error: 'States.ItemReaderFailed', cause: expect.stringContaining(`s3://${BUCKET}/nope.json: NoSuchKey`) });
      expect(types(missing.events).slice(-3)).toEqual(['MapRunFailed', 'MapStateFailed', 'ExecutionFailed']);
      expect(notArray.cause).toContain('InputType JSON needs a JSON array');
      expect(badLine.cause).toContain('line 2 is not valid JSON');
    });

    it('reads as the state machine role, which S3 authorizes: a denial is States.ItemReaderFailed with AccessDenied', async () => {
      // prepare
      const seen: AuthorizationRequest[] = [];
      const denyRoles: Authorizer = {
        authorize: (req) => {
          seen.push(req);
          if (req.caller.kind === 'role') throw new AccessDeniedError(`${req.caller.roleArn} is not authorized to perform: ${req.action} on resource: ${req.resource}`);
        },
      };
      const denied = s3Rig({ compute }, {}, { authorizer: denyRoles });
      await denied.put('cases.data', '[]');
      const roleArn = 'arn:aws:iam::123456789012:role/no-s3';
      const sm = denied.engine.createStateMachine({ name: 'denied', definition: JSON.stringify(distributedMap(reader('JSON'))), roleArn });
      // act
      const done = await denied.engine.awaitExecution(denied.engine.startExecution({ stateMachineArn: sm.stateMachineArn }).executionArn);
      denied.close();
      // assert
      expect(done).toMatchObject({ status: 'FAILED', error: 'States.ItemReaderFailed', cause: expect.stringContaining('AccessDenied') });
      expect(seen.at(-1)).toMatchObject({ caller: { kind: 'role', roleArn }, action: 's3:GetObject', resource: `arn:aws:s3:::${BUCKET}/cases.data` });
    });

    it('without an S3 attached to the engine the ItemReader fails and says why', async () => {
      const engine = makeEngine();
      const run = await runDefinition(engine, distributedMap(reader('JSON')));
      expect(run).toMatchObject({ error: 'States.ItemReaderFailed', cause: expect.stringContaining('StepFunctionsEngineProps.s3') });
      engine.stop();
    });
  });

  describe('ResultWriter', () => {
    it("writes AWS's manifest and result files under <Prefix>/<map run id>/ and returns where the manifest is", async () => {
      // prepare
      const input = cases(3, (i) => ({ fail: i === 1 }));
      // act
      const run = await runDefinition(rig.engine, distributedMap({ ItemsPath: '$.requests', ToleratedFailureCount: 1, Label: 'Cases', ...writer('runs') }, 'STANDARD'), input);
      // assert
      const mapRun = rig.engine.listMapRuns(run.executionArn)[0];
      const folder = `runs/${mapRun?.mapRunArn.split(':').pop() as string}/`;
      expect(run.outputValue).toEqual({ MapRunArn: mapRun?.mapRunArn, ResultWriterDetails: { Bucket: BUCKET, Key: `${folder}manifest.json` } });
      expect((await rig.keys('runs/')).sort()).toEqual([`${folder}FAILED_0.json`, `${folder}SUCCEEDED_0.json`, `${folder}manifest.json`]);
      const succeededText = await rig.get(`${folder}SUCCEEDED_0.json`);
      const failedText = await rig.get(`${folder}FAILED_0.json`);
      expect(JSON.parse(await rig.get(`${folder}manifest.json`))).toEqual({
        DestinationBucket: BUCKET,
        MapRunArn: mapRun?.mapRunArn,
        ResultFiles: {
          FAILED: [{ Key: `${folder}FAILED_0.json`, Size: Buffer.byteLength(failedText) }],
          PENDING: [],
          SUCCEEDED: [{ Key: `${folder}SUCCEEDED_0.json`, Size: Buffer.byteLength(succeededText) }],
        },
      });
      const children = rig.engine.listMapRunExecutions(mapRun?.mapRunArn as string).reverse();
      const [first, second] = children;
      const iso = (d: Date | undefined) => (d as Date).toISOString();
      const succeeded = JSON.parse(succeededText) as Record<string, unknown>[];
      expect(succeeded).toHaveLength(2);
      expect(Object.keys(succeeded[0] as object)).toEqual(['ExecutionArn', 'Input', 'InputDetails', 'Name', 'Output', 'OutputDetails', 'RedriveCount', 'RedriveStatus', 'RedriveStatusReason', 'StartDate', 'StateMachineArn', 'Status', 'StopDate']);
      expect(succeeded[0]).toEqual({
        ExecutionArn: first?.executionArn,
        Input: JSON.stringify(input.requests[0]),
        InputDetails: { Included: true },
        Name: first?.name,
        Output: JSON.stringify({ caseId: '0' }),
        OutputDetails: { Included: true },
        RedriveCount: 0,
        RedriveStatus: 'NOT_REDRIVABLE',
        RedriveStatusReason: 'Execution is SUCCEEDED and cannot be redriven',
        StartDate: iso(first?.startDate),
        StateMachineArn: `${run.stateMachineArn}/Cases`,
        Status: 'SUCCEEDED',
        StopDate: iso(first?.stopDate),
      });
      const [failed] = JSON.parse(failedText) as Record<string, unknown>[];
      expect(Object.keys(failed as object)).toEqual(['Cause', 'Error', 'ExecutionArn', 'Input', 'InputDetails', 'Name', 'RedriveCount', 'RedriveStatus', 'StartDate', 'StateMachineArn', 'Status', 'StopDate']);
      expect(failed).toMatchObject({ Error: 'CaseFailed', ExecutionArn: second?.executionArn, Status: 'FAILED', RedriveStatus: 'REDRIVABLE' });
      expect(rig.engine.describeMapRun(mapRun?.mapRunArn as string).executionCounts).toMatchObject({ succeeded: 2, failed: 1, resultsWritten: 3 });
    });

    it('over the threshold it still writes every result: the failed ones, and the items never started as PENDING', async () => {
      // prepare
      const input = cases(4, (i) => ({ fail: i === 0 }));
      // act
      const run = await runDefinition(rig.engine, distributedMap({ ItemsPath: '$.requests', MaxConcurrency: 1, ...writer('') }), input);
      // assert
      expect(run.error).toBe('States.ExceedToleratedFailureThreshold');
      const id = rig.engine.listMapRuns(run.executionArn)[0]?.mapRunArn.split(':').pop() as string;
      const manifest = JSON.parse(await rig.get(`${id}/manifest.json`)) as { ResultFiles: Record<string, { Key: string }[]> };
      expect(manifest.ResultFiles['SUCCEEDED']).toEqual([]);
      expect(manifest.ResultFiles['FAILED']?.map((f) => f.Key)).toEqual([`${id}/FAILED_0.json`]);
      expect(JSON.parse(await rig.get(`${id}/PENDING_0.json`))).toEqual(input.requests.slice(1).map((r) => ({ Input: JSON.stringify(r), InputDetails: { Included: true }, Status: 'PENDING' })));
    });

    it('splits a category into SUCCEEDED_0, SUCCEEDED_1, … when a file would pass the per-file size', async () => {
      // prepare
      const small = s3Rig({ compute }, { limits: { resultWriterFileBytes: 1500 } });
      // act
      const run = await runDefinition(small.engine, distributedMap({ ItemsPath: '$.requests', ...writer('split/') }), cases(6));
      const manifest = JSON.parse(await small.get((run.outputValue as { ResultWriterDetails: { Key: string } }).ResultWriterDetails.Key)) as { ResultFiles: { SUCCEEDED: { Key: string; Size: number }[] } };
      const entries = await Promise.all(manifest.ResultFiles.SUCCEEDED.map(async (f) => JSON.parse(await small.get(f.Key)) as unknown[]));
      small.close();
      // assert
      expect(manifest.ResultFiles.SUCCEEDED.length).toBeGreaterThan(1);
      manifest.ResultFiles.SUCCEEDED.forEach((f, n) => {
        expect(f.Key).toMatch(new RegExp(`^split/[0-9a-f-]{36}/SUCCEEDED_${n}\\.json$`));
        expect(f.Size).toBeLessThanOrEqual(1500);
      });
      expect(entries.flat()).toHaveLength(6);
    });

    it('WriterConfig COMPACT with JSONL writes the outputs one a line; WriterConfig alone shapes the state output', async () => {
      // prepare
      const compact = { WriterConfig: { Transformation: 'COMPACT', OutputType: 'JSONL' } };
      const flatten = { ResultWriter: { WriterConfig: { Transformation: 'FLATTEN', OutputType: 'JSON' } } };
      const pairs = { StartAt: 'P', States: { P: { Type: 'Pass', Parameters: { 'pair.$': 'States.Array($.caseId, $.caseId)' }, OutputPath: '$.pair', End: true } } };
      // act
      const written = await runDefinition(rig.engine, distributedMap({ ItemsPath: '$.requests', ...writer('c', compact) }), cases(2));
      const flattened = await runDefinition(rig.engine, distributedMap({ ItemsPath: '$.requests', ...flatten }, 'EXPRESS', pairs), cases(2));
      // assert
      const key = (written.outputValue as { ResultWriterDetails: { Key: string } }).ResultWriterDetails.Key.replace('manifest.json', 'SUCCEEDED_0.json');
      expect(await rig.get(key)).toBe('{"caseId":"0"}\n{"caseId":"1"}');
      expect(flattened.outputValue).toEqual(['0', '0', '1', '1']);
    });

    it('10,000 cases read from S3 and written back: every case accounted for, no limit met', async () => {
      // prepare
      await rig.put('cases.data', lines(10_000));
      const def = distributedMap({ ...reader('JSONL'), MaxConcurrency: 1000, ...writer('big') }, 'EXPRESS', { StartAt: 'C', States: { C: invoke() } });
      // act
      const run = await runDefinition(rig.engine, def);
      // assert
      expect(run.status).toBe('SUCCEEDED');
      expect(run.events).toHaveLength(8);
      const manifest = JSON.parse(await rig.get((run.outputValue as { ResultWriterDetails: { Key: string } }).ResultWriterDetails.Key)) as { ResultFiles: Record<string, { Key: string }[]> };
      const succeeded = (await Promise.all((manifest.ResultFiles['SUCCEEDED'] ?? []).map(async (f) => JSON.parse(await rig.get(f.Key)) as { Output: string }[]))).flat();
      expect(manifest.ResultFiles['FAILED']).toEqual([]);
      expect(new Set(succeeded.map((e) => (JSON.parse(e.Output) as { caseId: string }).caseId)).size).toBe(10_000);
      expect(rig.engine.listMapRuns(run.executionArn)[0]?.itemCounts).toMatchObject({ total: 10_000, succeeded: 10_000, resultsWritten: 10_000, failed: 0, pending: 0 });
    });
  });

  it('starting the children needs states:StartExecution on the state machine for its role; without it the Map fails with States.Permissions', async () => {
    // prepare
    const denyStart: Authorizer = {
      authorize: (req) => {
        if (req.action === 'states:StartExecution') throw new AccessDeniedError(`not authorized to perform: ${req.action} on resource: ${req.resource}`);
      },
    };
    const engine = makeEngine({ compute }, { authorizer: denyStart });
    // act
    const run = await runDefinition(engine, distributedMap({ ItemsPath: '$.requests' }), cases(2));
    // assert
    expect(run).toMatchObject({ status: 'FAILED', error: 'States.Permissions', cause: expect.stringContaining(`states:StartExecution on resource: ${run.stateMachineArn}`) });
    expect(engine.listMapRuns(run.executionArn)[0]?.executionCounts).toMatchObject({ total: 2, pending: 2 });
    engine.stop();
  });
});
