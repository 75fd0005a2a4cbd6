import { compileFilterExpression, FilterExpressionError } from '../filter-expression';
import { XRAY_LIMITS } from '../limits';
import { parseSegmentDocument } from '../segment-document';
import { TraceStore } from '../trace-store';
import { traceFacts, type TraceFacts } from '../trace-summary';

const TRACE = '1-5759e988-bd862e3fe1be46a994272793';

function facts(root: Record<string, unknown>, ...more: Record<string, unknown>[]): TraceFacts {
  const store = new TraceStore();
  for (const doc of [root, ...more]) for (const r of parseSegmentDocument(JSON.stringify({ trace_id: TRACE, start_time: 100, end_time: 103, ...doc }))) store.put(r, 0);
  return traceFacts(store.get(TRACE) as NonNullable<ReturnType<TraceStore['get']>>, XRAY_LIMITS);
}

const OK = facts(
  { name: 'api', id: 'aaaaaaaaaaaaaaaa', http: { request: { url: 'https://api.example.com/api/game/1', method: 'GET' }, response: { status: 200 } }, user: 'alice', annotations: { gameid: '817DL6VO', age: 30, vip: true } },
  { name: 'backend', id: 'bbbbbbbbbbbbbbbb', parent_id: 'aaaaaaaaaaaaaaaa', start_time: 101, end_time: 108 },
);
const FAILED = facts({ name: 'api', id: 'cccccccccccccccc', fault: true, http: { response: { status: 502 } } }, { type: 'subsegment', name: 'slow', id: 'dddddddddddddddd', parent_id: 'cccccccccccccccc', start_time: 100, in_progress: true, end_time: undefined });

const test = (expression: string, f: TraceFacts): boolean => compileFilterExpression(expression)(f);

describe('X-Ray filter expressions', () => {
  it.each([
    ['ok', true, false],
    ['!ok', false, true],
    ['ok = false', false, true],
    ['fault', false, true],
    ['error', false, false],
    ['partial', false, true],
    ['ok !partial', true, false],
  ])('boolean keyword %s', (expression, onOk, onFailed) => {
    expect([test(expression, OK), test(expression, FAILED)]).toEqual([onOk, onFailed]);
  });

  it('compares numbers: responsetime, duration, http.status', () => {
    expect(test('responsetime = 3', OK)).toBe(true);
    expect(test('duration >= 5 AND duration <= 8', OK)).toBe(true);
    expect(test('duration < 3', OK)).toBe(false);
    expect(test('http.status != 200', OK)).toBe(false);
    expect(test('http.status >= 500', FAILED)).toBe(true);
  });

  it('matches strings with =, CONTAINS, BEGINSWITH, ENDSWITH', () => {
    expect(test('http.url CONTAINS "/api/game/"', OK)).toBe(true);
    expect(test('http.url BEGINSWITH "https://api." AND http.method = "GET"', OK)).toBe(true);
    expect(test('http.url ENDSWITH "/2"', OK)).toBe(false);
    expect(test('user CONTAINS ""', OK)).toBe(true);
    expect(test('user CONTAINS ""', FAILED)).toBe(false);
  });

  it('compares annotations by the type of their value', () => {
    expect(test('annotation.gameid = "817DL6VO"', OK)).toBe(true);
    expect(test('annotation.age > 29', OK)).toBe(true);
    expect(test('annotation.age = "30"', OK)).toBe(false);
    expect(test('annotation.vip', OK)).toBe(true);
    expect(test('annotation.missing = "x"', OK)).toBe(false);
  });

  it('finds a service by name, and excludes it with !', () => {
    expect(test('service("backend")', OK)).toBe(true);
    expect(test('!service("backend")', OK)).toBe(false);
    expect(test('service("backend")', FAILED)).toBe(false);
  });

  it('binds AND tighter than OR and honours parentheses', () => {
    expect(test('fault OR ok AND partial', OK)).toBe(false);
    expect(test('(fault OR ok) AND !partial', OK)).toBe(true);
  });

  it('matches everything when empty', () => {
    expect(test('', FAILED)).toBe(true);
  });

  it.each([
    ['annotation.gameid =', /Expected a value/],
    ['duration > "5"', /compares with a number/],
    ['http.url = 5', /compares with a quoted string/],
    ['service("api") { fault }', /not supported/],
    ['edge("a", "b")', /not supported/],
    ['bogus = 1', /Unknown keyword/],
    ['(ok', /Missing '\)'/],
    ['ok #', /Unexpected '#'/],
  ])('rejects %s', (expression, message) => {
    expect(() => compileFilterExpression(expression)).toThrow(FilterExpressionError);
    expect(() => compileFilterExpression(expression)).toThrow(message);
  });
});
