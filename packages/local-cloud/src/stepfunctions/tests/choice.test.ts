import { evaluateChoiceRule } from '../asl/choice';
import { StatesError } from '../asl/errors';
import { makeEngine, runDefinition } from './helpers';

const rule = (r: Record<string, unknown>, input: unknown): boolean => evaluateChoiceRule(r, input, { Execution: { Name: 'ex' } }, 'C');

describe('Choice rules', () => {
  const input = { n: 5, s: 'hello', b: true, t: '2016-03-14T01:59:00Z', nil: null, other: 7, ts2: '2016-03-14T02:00:00Z' };

  it.each([
    [{ Variable: '$.n', NumericEquals: 5 }, true],
    [{ Variable: '$.n', NumericLessThan: 5 }, false],
    [{ Variable: '$.n', NumericGreaterThanEquals: 5 }, true],
    [{ Variable: '$.n', NumericLessThanPath: '$.other' }, true],
    [{ Variable: '$.n', NumericEqualsPath: '$.other' }, false],
    [{ Variable: '$.s', StringEquals: 'hello' }, true],
    [{ Variable: '$.s', StringGreaterThan: 'apple' }, true],
    [{ Variable: '$.s', StringLessThanEquals: 'hello' }, true],
    [{ Variable: '$.s', StringMatches: 'h*o' }, true],
    [{ Variable: '$.s', StringMatches: 'h\\*o' }, false],
    [{ Variable: '$.b', BooleanEquals: true }, true],
    [{ Variable: '$.b', BooleanEqualsPath: '$.b' }, true],
    [{ Variable: '$.t', TimestampLessThan: '2016-03-14T02:00:00Z' }, true],
    [{ Variable: '$.t', TimestampEqualsPath: '$.ts2' }, false],
    [{ Variable: '$.t', TimestampGreaterThanEqualsPath: '$.t' }, true],
    [{ Variable: '$.s', NumericEquals: 5 }, false],
    [{ Variable: '$.missing', IsPresent: false }, true],
    [{ Variable: '$.nil', IsNull: true }, true],
    [{ Variable: '$.n', IsNumeric: true }, true],
    [{ Variable: '$.s', IsString: true }, true],
    [{ Variable: '$.b', IsBoolean: true }, true],
    [{ Variable: '$.t', IsTimestamp: true }, true],
    [{ Variable: '$.s', IsTimestamp: true }, false],
    [{ Variable: '$$.Execution.Name', StringEquals: 'ex' }, true],
    [
      {
        And: [
          { Variable: '$.n', NumericGreaterThan: 1 },
          { Variable: '$.s', StringEquals: 'hello' },
        ],
      },
      true,
    ],
    [
      {
        Or: [
          { Variable: '$.n', NumericGreaterThan: 10 },
          { Variable: '$.b', BooleanEquals: false },
        ],
      },
      false,
    ],
    [{ Not: { Variable: '$.s', StringEquals: 'bye' } }, true],
  ])('%j → %s', (r, expected) => {
    expect(rule(r, input)).toBe(expected);
  });

  it('a comparison on a missing variable is States.Runtime', () => {
    expect(() => rule({ Variable: '$.missing', NumericEquals: 1 }, input)).toThrow(StatesError);
  });
});

describe('Choice state', () => {
  const def = {
    StartAt: 'C',
    States: {
      C: {
        Type: 'Choice',
        Choices: [
          { Variable: '$.type', StringEquals: 'Private', Next: 'Private' },
          {
            And: [
              { Variable: '$.value', IsPresent: true },
              { Variable: '$.value', NumericGreaterThanEquals: 20 },
              { Variable: '$.value', NumericLessThan: 30 },
            ],
            Next: 'ValueInTwenties',
          },
        ],
        Default: 'Other',
      },
      Private: { Type: 'Pass', Result: 'private', End: true },
      ValueInTwenties: { Type: 'Pass', Result: 'twenties', End: true },
      Other: { Type: 'Pass', Result: 'other', End: true },
    },
  };

  it('takes the first matching rule, else Default', async () => {
    const engine = makeEngine();
    expect((await runDefinition(engine, def, { type: 'Private' })).outputValue).toBe('private');
    expect((await runDefinition(engine, def, { type: 'Public', value: 25 })).outputValue).toBe('twenties');
    expect((await runDefinition(engine, def, { type: 'Public' })).outputValue).toBe('other');
  });

  it('without Default and no match fails with States.NoChoiceMatched', async () => {
    const engine = makeEngine();
    const noDefault = { StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Variable: '$.x', NumericEquals: 1, Next: 'E' }] }, E: { Type: 'Succeed' } } };
    const run = await runDefinition(engine, noDefault, { x: 2 });
    expect(run.status).toBe('FAILED');
    expect(run.error).toBe('States.NoChoiceMatched');
    expect(run.events.map((e) => e.type)).toEqual(['ExecutionStarted', 'ChoiceStateEntered', 'ExecutionFailed']);
  });
});
