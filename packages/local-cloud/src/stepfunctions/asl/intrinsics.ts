import { format, INTRINSICS } from './intrinsic-functions';
import { intrinsicFailure, parseIntrinsic, type Arg, type Call } from './intrinsic-parser';
import { queryInputOrContext } from './json-path';

export function isIntrinsic(text: string): boolean {
  return /^\s*States\.[A-Za-z0-9]+\s*\(/.test(text);
}

interface EvalScope {
  input: unknown;
  context: unknown;
  where: string;
}

function evalArg(arg: Arg, scope: EvalScope): unknown {
  if (arg.kind === 'literal') return arg.value;
  if (arg.kind === 'path') return queryInputOrContext(arg.path, scope.input, scope.context, scope.where);
  return evalCall(arg, scope);
}

function evalCall(call: Call, scope: EvalScope): unknown {
  const args = call.args.map((arg) => evalArg(arg, scope));
  if (call.name === 'States.Format') {
    const first = call.args[0];
    if (first === undefined) return intrinsicFailure('States.Format needs a template');
    // A literal template keeps its escapes, so that \{ is not taken for a placeholder.
    const literal = first.kind === 'literal' && first.raw !== undefined;
    const template = literal ? (first.raw as string) : args[0];
    if (typeof template !== 'string') return intrinsicFailure(`States.Format: the template must be a string, got ${JSON.stringify(template)}`);
    return format(template, args.slice(1), literal);
  }
  const fn = INTRINSICS[call.name];
  if (!fn) return intrinsicFailure(`Unknown intrinsic function ${call.name}`);
  return fn(call.name, args);
}

/** Evaluates an intrinsic function expression against the state input and context object. */
export function evaluateIntrinsic(text: string, input: unknown, context: unknown, where: string): unknown {
  return evalCall(parseIntrinsic(text), { input, context, where });
}
