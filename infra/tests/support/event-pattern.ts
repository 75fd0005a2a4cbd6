/**
 * EventBridge pattern matching for the subset the project uses: exact, case-sensitive values,
 * an array meaning "any of", nested objects. Anything else (prefix, anything-but, …) is
 * rejected so a test cannot pass by accident on an unsupported operator.
 */
export type Pattern = { [field: string]: unknown };

export function matchesPattern(event: Record<string, unknown>, pattern: Pattern): boolean {
  return Object.entries(pattern).every(([field, expected]) => {
    const actual = event[field];
    if (Array.isArray(expected)) {
      for (const option of expected) {
        if (typeof option === 'object' && option !== null) throw new Error(`pattern field "${field}": operator ${JSON.stringify(option)} is not supported by this matcher`);
      }
      const values = Array.isArray(actual) ? actual : [actual];
      return values.some((value) => expected.includes(value));
    }
    if (typeof expected === 'object' && expected !== null) {
      return typeof actual === 'object' && actual !== null && !Array.isArray(actual) && matchesPattern(actual as Record<string, unknown>, expected as Pattern);
    }
    throw new Error(`pattern field "${field}": values must be arrays or objects, got ${JSON.stringify(expected)}`);
  });
}

/** A rule as EventBridge sees it: it lives on one bus and only sees events put on that bus. */
export interface RuleOnBus {
  readonly id: string;
  readonly bus: string;
  readonly pattern: Pattern;
}

/** The ids of the rules an event put on `bus` is delivered to. */
export function rulesMatching(event: Record<string, unknown>, bus: string, rules: readonly RuleOnBus[]): string[] {
  return rules.filter((rule) => rule.bus === bus && matchesPattern(event, rule.pattern)).map((rule) => rule.id);
}
