import { matchesPattern, rulesMatching } from './support/event-pattern';

describe('matchesPattern (test helper)', () => {
  const event = { source: 'a.b', 'detail-type': 'T', detail: { kind: 'x', tags: ['p', 'q'] } };

  it('matches exact values, any-of arrays and nested fields', () => {
    expect(matchesPattern(event, { source: ['a.b'] })).toBe(true);
    expect(matchesPattern(event, { source: ['z', 'a.b'], detail: { kind: ['x'] } })).toBe(true);
    expect(matchesPattern(event, { detail: { tags: ['q'] } })).toBe(true);
  });

  it('does not match another value, another case or a missing field', () => {
    expect(matchesPattern(event, { source: ['a.c'] })).toBe(false);
    expect(matchesPattern(event, { 'detail-type': ['t'] })).toBe(false);
    expect(matchesPattern(event, { detail: { missing: ['x'] } })).toBe(false);
  });

  it('refuses operators it does not implement rather than guessing', () => {
    expect(() => matchesPattern(event, { source: [{ prefix: 'a' }] })).toThrow('not supported');
  });

  it('delivers an event only to matching rules on the bus it was put on', () => {
    // Arrange
    const rules = [
      { id: 'same-bus', bus: 'b1', pattern: { source: ['a.b'] } },
      { id: 'other-bus', bus: 'b2', pattern: { source: ['a.b'] } },
      { id: 'same-bus-other-source', bus: 'b1', pattern: { source: ['a.c'] } },
    ];

    // Act / Assert
    expect(rulesMatching(event, 'b1', rules)).toEqual(['same-bus']);
    expect(rulesMatching(event, 'b2', rules)).toEqual(['other-bus']);
    expect(rulesMatching(event, 'b3', rules)).toEqual([]);
  });
});
