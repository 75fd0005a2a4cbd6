// Distributed Map definitions: accepted as AWS accepts them, refused with InvalidDefinition naming the state and the field.
import { distributedMap, invoke } from './distributed-helpers';
import { makeEngine, single } from './helpers';

const reader = (config: Record<string, unknown>, params: Record<string, unknown> = { Bucket: 'b', Key: 'k.json' }) => ({
  Resource: 'arn:aws:states:::s3:getObject',
  ReaderConfig: config,
  Parameters: params,
});
const writer = { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'results', Prefix: 'runs' } };

describe('Distributed Map definitions', () => {
  const engine = makeEngine();
  afterAll(() => engine.stop());
  let n = 0;
  const create = (definition: unknown, type?: string) => engine.createStateMachine({ name: `dm-def-${++n}`, definition: JSON.stringify(definition), ...(type ? { type } : {}) });
  const refused = (definition: unknown, ...fragments: string[]) => {
    const check = () => create(definition);
    expect(check).toThrow(expect.objectContaining({ code: 'InvalidDefinition' }));
    for (const f of fragments) expect(check).toThrow(expect.objectContaining({ message: expect.stringContaining(f) }));
  };

  it('accepts a Distributed Map with every field the pattern uses, with STANDARD and with EXPRESS children', () => {
    // prepare
    const fields = {
      ItemReader: reader({ InputType: 'JSONL', MaxItems: 10_000 }, { Bucket: 'cases', 'Key.$': '$.key' }),
      ItemSelector: { 'caseId.$': '$$.Map.Item.Value.caseId', 'index.$': '$$.Map.Item.Index' },
      ItemBatcher: { MaxItemsPerBatch: 50, MaxInputBytesPerBatch: 65_536, BatchInput: { 'requestId.$': '$.requestId' } },
      ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'results', 'Prefix.$': '$.requestId' } },
      Label: 'Cases',
      MaxConcurrency: 10_000,
      ToleratedFailurePercentage: 5,
      ToleratedFailureCount: 10,
    };
    // act / assert
    expect(create(distributedMap(fields, 'STANDARD')).type).toBe('STANDARD');
    expect(create(distributedMap({ ...fields, MaxConcurrency: 0 }, 'EXPRESS')).type).toBe('STANDARD');
    expect(create(distributedMap({ ItemsPath: '$.requests', ItemReader: undefined })).name).toMatch(/^dm-def-/);
  });

  it('requires ProcessorConfig.ExecutionType STANDARD or EXPRESS', () => {
    refused(single({ Type: 'Map', ItemsPath: '$.xs', ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED' }, StartAt: 'C', States: { C: invoke() } } }), 'ExecutionType', "state 'S'");
    refused(distributedMap({ ItemsPath: '$.xs' }, 'LONG' as never), 'ExecutionType', 'LONG');
  });

  it('refuses a Distributed Map in an Express workflow, and in Express children', () => {
    expect(() => create(distributedMap({ ItemsPath: '$.xs' }), 'EXPRESS')).toThrow(
      expect.objectContaining({ code: 'InvalidDefinition', message: expect.stringContaining('cannot run in an Express workflow') })
    );
    const inner = { StartAt: 'Inner', States: { Inner: { Type: 'Map', ItemsPath: '$.ys', ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' }, StartAt: 'C', States: { C: invoke() } }, End: true } } };
    refused(distributedMap({ ItemsPath: '$.xs' }, 'EXPRESS', inner), "state 'Inner'", 'Express workflow');
    expect(create(distributedMap({ ItemsPath: '$.xs' }, 'STANDARD', inner)).type).toBe('STANDARD');
  });

  it('checks Label: at most 40 characters, no special characters, unique in the definition', () => {
    refused(distributedMap({ ItemsPath: '$.xs', Label: 'x'.repeat(41) }), 'Label', '1-40');
    refused(distributedMap({ ItemsPath: '$.xs', Label: 'my label' }), 'Label');
    refused(distributedMap({ ItemsPath: '$.xs', Label: 'a:b' }), 'Label');
    expect(create(distributedMap({ ItemsPath: '$.xs', Label: 'x'.repeat(40) })).name).toMatch(/^dm-def-/);
    const map = (label: string, next?: string) => ({
      Type: 'Map',
      ItemsPath: '$.xs',
      Label: label,
      ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' }, StartAt: 'C', States: { C: invoke() } },
      ...(next ? { Next: next, ResultPath: null } : { End: true }),
    });
    refused({ StartAt: 'A', States: { A: map('Same', 'B'), B: map('Same') } }, "Label 'Same' is already used by state 'A'", "state 'B'");
  });

  it('checks the ItemReader: resource, InputType, CSV headers, MaxItems, Bucket and Key', () => {
    refused(distributedMap({ ItemReader: { ...reader({ InputType: 'JSON' }), Resource: 'arn:aws:states:::s3:putObject' } }), 'ItemReader Resource must be');
    refused(distributedMap({ ItemReader: reader({ InputType: 'XML' }) }), 'InputType must be one of CSV, JSON, JSONL, MANIFEST, PARQUET', 'XML');
    refused(distributedMap({ ItemReader: reader({ InputType: 'CSV', CSVHeaderLocation: 'GIVEN' }) }), 'CSVHeaders');
    refused(distributedMap({ ItemReader: reader({ InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW', CSVDelimiter: 'COLON' }) }), 'CSVDelimiter');
    refused(distributedMap({ ItemReader: reader({ InputType: 'JSON', CSVHeaderLocation: 'FIRST_ROW' }) }), 'only valid with InputType CSV');
    refused(distributedMap({ ItemReader: reader({ InputType: 'JSON', MaxItems: 100_000_001 }) }), 'MaxItems must be an integer from 0 to 100000000');
    refused(distributedMap({ ItemReader: reader({ InputType: 'JSON' }, { Bucket: 'b' }) }), 'Key');
    refused(distributedMap({ ItemReader: { Resource: 'arn:aws:states:::s3:getObject', Parameters: { Bucket: 'b', Key: 'k' } } }), 'ReaderConfig.InputType');
    expect(create(distributedMap({ ItemReader: reader({ InputType: 'CSV', CSVHeaderLocation: 'GIVEN', CSVHeaders: ['caseId'], CSVDelimiter: 'TAB' }) })).name).toMatch(/^dm-def-/);
  });

  it('checks the ItemBatcher: a bound is required, bytes at most 256 KiB, X and XPath exclude each other', () => {
    refused(distributedMap({ ItemsPath: '$.xs', ItemBatcher: { BatchInput: { a: 1 } } }), 'ItemBatcher needs at least one of');
    refused(distributedMap({ ItemsPath: '$.xs', ItemBatcher: { MaxInputBytesPerBatch: 262_145 } }), 'MaxInputBytesPerBatch must be an integer from 1 to 262144');
    refused(distributedMap({ ItemsPath: '$.xs', ItemBatcher: { MaxItemsPerBatch: 0 } }), 'MaxItemsPerBatch must be a positive integer');
    refused(distributedMap({ ItemsPath: '$.xs', ItemBatcher: { MaxItemsPerBatch: 2, MaxItemsPerBatchPath: '$.n' } }), 'exclude each other');
  });

  it('checks the ResultWriter: not empty, s3:putObject with a Bucket, a known WriterConfig', () => {
    refused(distributedMap({ ItemsPath: '$.xs', ResultWriter: {} }), 'ResultWriter cannot be empty');
    refused(distributedMap({ ItemsPath: '$.xs', ResultWriter: { ...writer, Resource: 'arn:aws:states:::s3:getObject' } }), 'ResultWriter Resource must be arn:aws:states:::s3:putObject');
    refused(distributedMap({ ItemsPath: '$.xs', ResultWriter: { ...writer, Parameters: { Prefix: 'p' } } }), 'Bucket');
    refused(distributedMap({ ItemsPath: '$.xs', ResultWriter: { Resource: writer.Resource } }), 'Resource and Parameters go together');
    refused(distributedMap({ ItemsPath: '$.xs', ResultWriter: { WriterConfig: { Transformation: 'SHRINK', OutputType: 'JSON' } } }), 'Transformation must be one of NONE, COMPACT, FLATTEN');
    expect(create(distributedMap({ ItemsPath: '$.xs', ResultWriter: { ...writer, WriterConfig: { Transformation: 'FLATTEN', OutputType: 'JSONL' } } })).name).toMatch(/^dm-def-/);
  });

  it('checks the tolerated failure bounds and MaxConcurrency up to 10,000', () => {
    refused(distributedMap({ ItemsPath: '$.xs', ToleratedFailurePercentage: 150 }), 'ToleratedFailurePercentage');
    refused(distributedMap({ ItemsPath: '$.xs', ToleratedFailureCount: -1 }), 'ToleratedFailureCount must be a non-negative integer');
    refused(distributedMap({ ItemsPath: '$.xs', ToleratedFailureCount: 1, ToleratedFailureCountPath: '$.n' }), 'ToleratedFailureCount');
    refused(distributedMap({ ItemsPath: '$.xs', MaxConcurrency: 10_001 }), 'MaxConcurrency of a Distributed Map must be an integer from 0 to 10000');
  });

  it("refuses the Distributed Map's fields on an inline Map", () => {
    const inline = (extra: Record<string, unknown>) => single({ Type: 'Map', ItemsPath: '$.xs', ItemProcessor: { StartAt: 'C', States: { C: invoke() } }, ...extra });
    refused(inline({ ToleratedFailureCount: 1 }), "Field 'ToleratedFailureCount' is only valid in a Map whose ProcessorConfig.Mode is DISTRIBUTED");
    refused(inline({ ItemBatcher: { MaxItemsPerBatch: 2 } }), "Field 'ItemBatcher'");
    refused(inline({ Label: 'L' }), "Field 'Label'");
  });

  it('ValidateStateMachineDefinition reports the same problems', () => {
    const verdict = engine.validateDefinition(JSON.stringify(distributedMap({ ItemsPath: '$.xs', Label: 'bad label' })));
    expect(verdict.result).toBe('FAIL');
    expect(verdict.diagnostics).toEqual(expect.arrayContaining([expect.objectContaining({ path: '/States/S/Label' })]));
  });
});
