import * as v from 'valibot';

/** One thing wrong with a value: where (a path such as `requests[3].caseId`) and what. */
export interface ValidationIssue {
  path: string;
  message: string;
}

/** Raised when a value crossing a boundary (a dataset file, a Lambda event) has the wrong shape. */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  readonly issues: readonly ValidationIssue[];
  readonly source: string;

  constructor(source: string, what: string, issues: readonly ValidationIssue[]) {
    const shown = issues.slice(0, 5).map((i) => `  - ${i.path || '(root)'}: ${i.message}`);
    if (issues.length > shown.length) shown.push(`  … and ${issues.length - shown.length} more`);
    super(`${source}: not a valid ${what}:\n${shown.join('\n')}`);
    this.source = source;
    this.issues = issues;
  }
}

/** `requests[3].caseId` from valibot's path items. */
export function formatPath(path: readonly { key: unknown }[] | undefined): string {
  let out = '';
  for (const item of path ?? []) {
    if (typeof item.key === 'number') out += `[${item.key}]`;
    else out += out ? `.${String(item.key)}` : String(item.key);
  }
  return out;
}

export function toIssues(issues: readonly v.BaseIssue<unknown>[]): ValidationIssue[] {
  return issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}

/**
 * Validates `value` against `schema`; on failure throws a ValidationError naming `source`
 * (a file name, "event", …) and every field that is wrong.
 */
export function parseWith<TSchema extends v.GenericSchema>(
  schema: TSchema,
  value: unknown,
  source: string,
  what: string,
): v.InferOutput<TSchema> {
  const result = v.safeParse(schema, value);
  if (!result.success) throw new ValidationError(source, what, toIssues(result.issues));
  return result.output;
}
