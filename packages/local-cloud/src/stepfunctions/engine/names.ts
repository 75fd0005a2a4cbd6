import { SfnApiError } from './api-errors';

/** Execution and state machine names: 1–80 characters, none of AWS's forbidden ones. */
const NAME_FORBIDDEN = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/;

export function checkName(name: string, max: number, what: string): void {
  if (name.length < 1 || name.length > max || NAME_FORBIDDEN.test(name)) {
    throw new SfnApiError('InvalidName', `Invalid ${what} name: '${name}' (1-${max} characters; no whitespace, brackets, wildcards or special characters)`);
  }
}

const ARN_SHAPES = {
  // A version or alias qualifier may follow the name; Express execution ARNs carry an extra id.
  stateMachine: /^arn:aws[a-z-]*:states:[^:]*:\d*:stateMachine:[^:]+(:[^:]+)?$/,
  execution: /^arn:aws[a-z-]*:states:[^:]*:\d*:(execution|express):[^:]+:.+$/,
  resource: /^arn:aws[a-z-]*:states:[^:]*:\d*:[a-zA-Z]+:.+$/,
  // `mapRun:<state machine>/<label>:<id>`.
  mapRun: /^arn:aws[a-z-]*:states:[^:]*:\d*:mapRun:[^:/]+(\/[^:]+)+:[^:]+$/,
} as const;

/** AWS answers InvalidArn (not …DoesNotExist) for text that is not an ARN of the right kind. */
export function checkArn(arn: string, kind: keyof typeof ARN_SHAPES): void {
  if (!ARN_SHAPES[kind].test(arn)) throw new SfnApiError('InvalidArn', `Invalid Arn: '${arn}' is not a ${kind === 'resource' ? 'Step Functions resource' : kind === 'mapRun' ? 'Map Run' : kind} ARN`);
}

export function payloadSize(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
