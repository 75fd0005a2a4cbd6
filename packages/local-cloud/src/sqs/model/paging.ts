import type { SqsLimits } from '../constants';
import { SqsError, invalidParameter } from '../errors';

/**
 * ListQueues-style paging: items in name order; without MaxResults at most 1,000 and no token
 * (as AWS), with it a page and a NextToken when more remain. The token is the last name, opaque.
 */
export function paginate<T>(
  items: readonly T[],
  key: (item: T) => string,
  input: { readonly NextToken?: string | undefined; readonly MaxResults?: number | undefined },
  limits: SqsLimits,
): { items: T[]; nextToken?: string } {
  const { min, max } = limits.listMaxResults;
  const size = input.MaxResults;
  if (size !== undefined && (!Number.isInteger(size) || size < min || size > max)) {
    throw invalidParameter('MaxResults', size, `MaxResults must be an integer between ${min} and ${max}.`);
  }
  let after: string | undefined;
  if (input.NextToken !== undefined) {
    after = Buffer.from(input.NextToken, 'base64url').toString('utf8');
    if (!after.startsWith('q:')) throw new SqsError('InvalidParameterValue', `Invalid NextToken value: ${input.NextToken}`);
    after = after.slice(2);
  }
  const sorted = [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const rest = after === undefined ? sorted : sorted.filter((item) => key(item) > after);
  const page = rest.slice(0, size ?? max);
  const last = page.at(-1);
  return size !== undefined && rest.length > page.length && last !== undefined ? { items: page, nextToken: Buffer.from(`q:${key(last)}`).toString('base64url') } : { items: page };
}
