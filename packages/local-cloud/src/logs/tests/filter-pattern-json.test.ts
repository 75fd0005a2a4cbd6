import { compileFilterPattern, FilterPatternError } from '../filter-pattern';

// The User Guide's JSON example events.
const TRAIL = JSON.stringify({
  eventType: 'UpdateTrail',
  sourceIPAddress: '111.111.111.111',
  arrayKey: ['value', 'another value'],
  objectList: [
    { name: 'a', id: 1 },
    { name: 'b', id: 2 },
  ],
  SomeObject: null,
  ThisFlag: true,
});
const USERS = JSON.stringify({
  user: { id: 1, email: 'John.Stiles@example.com' },
  users: [
    { id: 2, email: 'John.Doe@example.com' },
    { id: 3, email: 'Jane.Doe@example.com' },
  ],
  actions: ['GET', 'PUT', 'DELETE'],
  coordinates: [
    [0, 1, 2],
    [4, 5, 6],
    [7, 8, 9],
  ],
});
const METRICS = JSON.stringify({ latency: 750, numbers: [5], processes: [{}, {}, {}, {}, { averageRuntime: 55.5 }], errorCode: 400 });

const matches = (pattern: string, message: string): boolean => compileFilterPattern(pattern)(message);

describe('JSON filter patterns', () => {
  describe('= and != on strings', () => {
    it('matches a quoted or unquoted string exactly', () => {
      expect(matches('{ $.eventType = "UpdateTrail" }', TRAIL)).toBe(true);
      expect(matches('{ $.eventType = UpdateTrail }', TRAIL)).toBe(true);
      expect(matches('{ $.eventType = "Update" }', TRAIL)).toBe(false);
    });

    it('treats a leading or trailing * as a wildcard and one in the middle literally', () => {
      expect(matches('{ $.eventType = *Trail }', TRAIL)).toBe(true);
      expect(matches('{ $.eventType = Update* }', TRAIL)).toBe(true);
      expect(matches('{ $.eventType = *date* }', TRAIL)).toBe(true);
      expect(matches('{ $.eventType = Up*Trail }', TRAIL)).toBe(false);
      expect(matches('{ $.eventType = Up*Trail }', JSON.stringify({ eventType: 'Up*Trail' }))).toBe(true);
    });

    it('!= matches a different value, never a missing one', () => {
      expect(matches('{ $.sourceIPAddress != 123.123.* }', TRAIL)).toBe(true);
      expect(matches('{ $.sourceIPAddress != 111.111.* }', TRAIL)).toBe(false);
      expect(matches('{ $.missing != "x" }', TRAIL)).toBe(false);
    });

    it('= * matches any value that is present', () => {
      expect(matches('{ $.eventType = * }', TRAIL)).toBe(true);
      expect(matches('{ $.missing = * }', TRAIL)).toBe(false);
    });
  });

  describe('selectors', () => {
    it('reads array elements and their properties', () => {
      expect(matches('{ $.arrayKey[0] = "value" }', TRAIL)).toBe(true);
      expect(matches('{ $.objectList[1].id = 2 }', TRAIL)).toBe(true);
      expect(matches('{ $.coordinates[0][1] = 1 }', USERS)).toBe(true);
    });

    it('is false when the path does not hold an array or an object', () => {
      expect(matches('{ $.eventType[0] = "U" }', TRAIL)).toBe(false);
      expect(matches('{ $.arrayKey.first = "value" }', TRAIL)).toBe(false);
    });

    it('matches nothing when the selector points to an array or an object', () => {
      const event = JSON.stringify({ users: [1, 2, 3] });
      expect(matches('{ $.users = 1 }', event)).toBe(false);
      expect(matches('{ $.users != 1 }', event)).toBe(false);
    });

    it('rejects selectors without $, without a property, or with an index first', () => {
      expect(() => compileFilterPattern('{ eventType = x }')).toThrow(FilterPatternError);
      expect(() => compileFilterPattern('{ $ = x }')).toThrow(/names no property/);
      expect(() => compileFilterPattern('{ $[0] = x }')).toThrow(/must follow a property/);
    });
  });

  describe('IS NULL, IS TRUE, IS FALSE, NOT EXISTS', () => {
    it('IS NULL matches only an explicit null', () => {
      expect(matches('{ $.SomeObject IS NULL }', TRAIL)).toBe(true);
      expect(matches('{ $.SomeOtherObject IS NULL }', TRAIL)).toBe(false);
    });

    it('NOT EXISTS matches only an absent field', () => {
      expect(matches('{ $.SomeOtherObject NOT EXISTS }', TRAIL)).toBe(true);
      expect(matches('{ $.SomeObject NOT EXISTS }', TRAIL)).toBe(false);
    });

    it('IS TRUE and IS FALSE match booleans', () => {
      expect(matches('{ $.ThisFlag IS TRUE }', TRAIL)).toBe(true);
      expect(matches('{ $.ThisFlag IS FALSE }', TRAIL)).toBe(false);
      expect(matches('{ $.flag IS FALSE }', JSON.stringify({ flag: false }))).toBe(true);
    });
  });

  describe('numeric comparisons', () => {
    it.each([
      ['{ $.latency >= 500 }', true],
      ['{ $.latency > +1000 }', false],
      ['{ $.numbers[0] < 10e3 }', true],
      ['{ $.numbers[0] < 10e-3 }', false],
      ['{ $.processes[4].averageRuntime <= 55.5 }', true],
      ['{ $.errorCode = 400 }', true],
      ['{ $.errorCode != 500 }', true],
      ['{ $.errorCode != 400 }', false],
    ])('%s → %s', (pattern, expected) => {
      expect(matches(pattern, METRICS)).toBe(expected);
    });

    it('rejects < and > against strings', () => {
      expect(() => compileFilterPattern('{ $.latency > fast }')).toThrow(/needs a number/);
    });
  });

  describe('&&, || and parentheses', () => {
    it.each([
      ['{ ($.user.id = 1) && ($.users[0].email = "John.Doe@example.com") }', true],
      ['{ ($.user.id = 2 && $.users[0].email = "nonmatch") || $.actions[2] = "GET" }', false],
      ['{ $.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch && $.actions[2] = nomatch }', true],
      ['{ ($.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch) && $.actions[2] = nomatch }', false],
    ])('the User Guide example %s → %s', (pattern, expected) => {
      expect(matches(pattern, USERS)).toBe(expected);
    });

    it('matches either side of ||', () => {
      const bar = JSON.stringify({ foo: 'bar' });
      const baz = JSON.stringify({ foo: 'baz' });
      const either = '{ $.foo = bar || $.foo = baz }';
      expect([matches('{$.foo = bar}', bar), matches('{$.foo = bar}', baz)]).toEqual([true, false]);
      expect([matches(either, bar), matches(either, baz)]).toEqual([true, true]);
    });

    it('rejects a missing parenthesis and a single & or |', () => {
      expect(() => compileFilterPattern('{ ($.a = 1 }')).toThrow(/Missing '\)'/);
      expect(() => compileFilterPattern('{ $.a = 1 & $.b = 2 }')).toThrow(/Unexpected '&'/);
    });
  });

  it('matches a regular expression value', () => {
    expect(matches('{ $.eventType = %^Update% }', TRAIL)).toBe(true);
    expect(matches('{ $.eventType != %^Update% }', TRAIL)).toBe(false);
  });

  it('never matches an event that is not JSON', () => {
    expect(matches('{ $.eventType = * }', 'START RequestId: 1 Version: $LATEST')).toBe(false);
    expect(matches('{ $.eventType = * }', '{ not json')).toBe(false);
  });

  it('matches the structured lines the Lambdas write', () => {
    // prepare
    const line = JSON.stringify({ level: 'info', time: '2026-01-01T00:00:00.000Z', message: 'computed', requestId: 'r-1', caseId: 'c-7', durationMs: 5003 });
    // act / assert
    expect(matches('{ $.caseId = "c-7" && $.durationMs > 5000 }', line)).toBe(true);
    expect(matches('{ $.level = "error" }', line)).toBe(false);
  });
});
