import {
  ITEMS_PREFIX,
  ResultEntrySchema,
  ResultManifestSchema,
  ValidationError,
  itemCaseId,
  parseDistributedRequest,
  parseDistributedSummaryInput,
  parseItems,
  parseWith,
  serializeItems,
} from '../src';
import { caughtValidationError } from '../testing/caught-validation-error';

describe('parseDistributedRequest', () => {
  it('reads a flat request as inline items and an items request as S3 items', () => {
    // act
    const inline = parseDistributedRequest({ requestId: 'r', requests: [{ caseId: '0' }], length: '1' });
    const items = parseDistributedRequest({ requestId: 'r', itemsBucket: 'fanout-distributed-map-123456789012-us-east-1', itemsKey: `${ITEMS_PREFIX}r.jsonl` });

    // assert
    expect(inline).toEqual({ kind: 'inline', request: { requestId: 'r', requests: [{ caseId: '0' }], length: '1' } });
    expect(items).toEqual({ kind: 'items', request: { requestId: 'r', itemsBucket: 'fanout-distributed-map-123456789012-us-east-1', itemsKey: 'inputs/r.jsonl' } });
  });

  it.each([
    ['both sources', { requestId: 'r', requests: [], length: '0', itemsBucket: 'bucket', itemsKey: 'inputs/a' }, '', 'carries both requests and itemsBucket/itemsKey'],
    ['neither source', { requestId: 'r' }, '', 'must carry requests (the cases) or itemsBucket and itemsKey'],
    ['a key outside inputs/', { requestId: 'r', itemsBucket: 'bucket', itemsKey: 'results/a.jsonl' }, 'itemsKey', 'must start with inputs/'],
    ['no bucket', { requestId: 'r', itemsKey: 'inputs/a.jsonl' }, 'itemsBucket', 'Invalid key'],
    ['an invalid bucket', { requestId: 'r', itemsBucket: 'Not_A_Bucket', itemsKey: 'inputs/a.jsonl' }, 'itemsBucket', 'must be an S3 bucket name'],
    ['a flat request with a wrong length', { requestId: 'r', requests: [{ caseId: '0' }], length: '2' }, 'length', 'says "2" but requests holds 1 cases'],
  ])('refuses %s, naming the field', (_what, value, path, message) => {
    // act
    const error = caughtValidationError(() => parseDistributedRequest(value, 'req.json'));

    // assert
    expect(error.message).toMatch(/^req\.json: /);
    expect(error.issues[0]).toEqual({ path, message: expect.stringContaining(message) });
  });
});

describe('items objects', () => {
  const cases = [{ caseId: '0' }, { caseId: '1', durationMs: 7 }, { caseId: '2', failure: { error: 'ComputationFailed' } }];

  it.each(['JSONL', 'JSON'] as const)('%s: what serializeItems writes, parseItems reads back item for item', (inputType) => {
    // act
    const text = serializeItems(cases, inputType);

    // assert
    expect(parseItems(text, inputType, 'items')).toEqual(cases);
  });

  it('writes JSON Lines one case per line, no trailing newline, and reads them with blank lines skipped', () => {
    expect(serializeItems(cases.slice(0, 2), 'JSONL')).toBe('{"caseId":"0"}\n{"caseId":"1","durationMs":7}');
    expect(parseItems('{"caseId":"0"}\n\n{"caseId":"1"}\n', 'JSONL', 'items')).toEqual([{ caseId: '0' }, { caseId: '1' }]);
  });

  it('names the line that is not JSON, and refuses a JSON object that is not an array', () => {
    expect(caughtValidationError(() => parseItems('{"caseId":"0"}\n{oops', 'JSONL', 'inputs/a.jsonl')).issues).toEqual([{ path: 'line 2', message: expect.stringMatching(/^not JSON: /) }]);
    expect(caughtValidationError(() => parseItems('{"caseId":"0"}', 'JSON', 'inputs/a.json')).issues).toEqual([{ path: '', message: 'must be a JSON array of cases' }]);
  });

  it('takes an item caseId only when it is a valid one', () => {
    expect([itemCaseId({ caseId: '7' }), itemCaseId({ caseId: '' }), itemCaseId({ caseId: 7 }), itemCaseId('7'), itemCaseId(null)]).toEqual(['7', undefined, undefined, undefined, undefined]);
  });
});

describe('ResultWriter shapes', () => {
  it('reads a manifest as Step Functions writes it, defaulting absent result lists to none', () => {
    // prepare
    const manifest = {
      DestinationBucket: 'b',
      MapRunArn: 'arn:aws:states:us-east-1:123456789012:mapRun:m/ComputeCases:0f0f',
      ResultFiles: { SUCCEEDED: [{ Key: 'results/0f0f/SUCCEEDED_0.json', Size: 120 }], FAILED: [] },
    };

    // act
    const parsed = parseWith(ResultManifestSchema, manifest, 'manifest.json', 'manifest');

    // assert
    expect(parsed.ResultFiles).toEqual({ SUCCEEDED: [{ Key: 'results/0f0f/SUCCEEDED_0.json', Size: 120 }], FAILED: [], PENDING: [] });
  });

  it('keeps the metadata of a result entry and requires its Status and Input', () => {
    const entry = { ExecutionArn: 'arn:x', Input: '{}', InputDetails: { Included: true }, Name: 'n', Output: '{}', Status: 'SUCCEEDED', StartDate: 'd' };
    expect(parseWith(ResultEntrySchema, entry, 'f', 'entry')).toMatchObject({ Name: 'n', Status: 'SUCCEEDED' });
    expect(caughtValidationError(() => parseWith(ResultEntrySchema, { Status: 'FAILED', Input: { caseId: '0' } }, 'f', 'entry')).issues[0]?.path).toBe('Input');
  });
});

describe('parseDistributedSummaryInput', () => {
  const resultWriterDetails = { Bucket: 'b', Key: 'results/0f0f/manifest.json' };

  it('accepts the caseIds of an inline request or the location of an items object', () => {
    expect(parseDistributedSummaryInput({ requestId: 'r', resultWriterDetails, expectedCaseIds: ['0'] })).toMatchObject({ expectedCaseIds: ['0'] });
    expect(parseDistributedSummaryInput({ requestId: 'r', resultWriterDetails, items: { bucket: 'b', key: 'inputs/r.jsonl', inputType: 'JSONL' } })).toMatchObject({ items: { inputType: 'JSONL' } });
  });

  it('refuses an input naming neither, or an unknown format', () => {
    expect(() => parseDistributedSummaryInput({ requestId: 'r', resultWriterDetails })).toThrow(ValidationError);
    expect(() => parseDistributedSummaryInput({ requestId: 'r', resultWriterDetails, items: { bucket: 'b', key: 'k', inputType: 'CSV' } })).toThrow(ValidationError);
  });
});
