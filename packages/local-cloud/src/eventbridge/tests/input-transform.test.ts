// Input, InputPath and InputTransformer, from the User Guide's input transformation examples.
import { renderTargetInput, validateTargetInput, type TargetInputSpec } from '../input-transform';
import { evaluateJsonPath, parseJsonPath } from '../json-path';

const event = {
  version: '0',
  id: '7bf73129-1428-4cd3-a780-95db273d1602',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '123456789012',
  time: '2015-11-11T21:29:54Z',
  region: 'us-east-1',
  resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111'],
  detail: { 'instance-id': 'i-0123456789', state: 'RUNNING' },
};
const ctx = { event, ruleArn: 'arn:aws:events:us-east-2:123456789012:rule/example', ruleName: 'example', ingestionTime: '2015-11-11T21:29:55Z' };
const InputPathsMap = { timestamp: '$.time', instance: '$.detail.instance-id', state: '$.detail.state' };
const render = (InputTemplate: string, paths: Record<string, string> = InputPathsMap) => {
  const spec: TargetInputSpec = { InputTransformer: { InputPathsMap: paths, InputTemplate } };
  validateTargetInput(spec, 't');
  return renderTargetInput(spec, ctx);
};

describe('InputTransformer', () => {
  it('a simple string template', () => {
    expect(render('"instance <instance> is in <state>"')).toBe('"instance i-0123456789 is in RUNNING"');
  });
  it('simple JSON: placeholders outside quotes become JSON values; the output is minified', () => {
    expect(render('{\n  "instance" : <instance>,\n  "state": <state>\n}')).toBe('{"instance":"i-0123456789","state":"RUNNING"}');
  });
  it('JSON with strings and variables, escaped quotes kept', () => {
    expect(render('{"instance": <instance>, "state": "<state>", "instanceStatus": "instance \\"<instance>\\" is in <state>"}')).toBe(
      '{"instance":"i-0123456789","state":"RUNNING","instanceStatus":"instance \\"i-0123456789\\" is in RUNNING"}',
    );
  });
  it('JSON mixing variables and static values', () => {
    expect(render('{"instance": <instance>, "state": [9, <state>, true], "Transformed": "Yes"}')).toBe('{"instance":"i-0123456789","state":[9,"RUNNING",true],"Transformed":"Yes"}');
  });
  it('the predefined variables', () => {
    const out = JSON.parse(render('{"ruleArn": <aws.events.rule-arn>, "ruleName": <aws.events.rule-name>, "at": <aws.events.event.ingestion-time>, "e": <aws.events.event>, "j": <aws.events.event.json>}'));
    expect(out).toEqual({ ruleArn: ctx.ruleArn, ruleName: 'example', at: '2015-11-11T21:29:55Z', e: { ...event, detail: undefined }, j: event });
    expect(out.e).not.toHaveProperty('detail');
    expect(render('"<aws.events.rule-name> triggered"')).toBe('"example triggered"');
  });
  it('an object value inside quotes is inserted as escaped JSON text, keeping the output valid', () => {
    expect(render('{"d": "<d>"}', { d: '$.detail' })).toBe('{"d":"{\\"instance-id\\":\\"i-0123456789\\",\\"state\\":\\"RUNNING\\"}"}');
  });
  it('a path that reaches nothing gives null in a JSON value and nothing inside a string', () => {
    expect(render('{"a": <gone>, "b": "x<gone>y"}', { gone: '$.detail.nope' })).toBe('{"a":null,"b":"xy"}');
  });
  it('array indices and wildcards in paths', () => {
    expect(render('{"r": <r>, "all": <all>}', { r: '$.resources[0]', all: '$.detail.*' })).toBe(
      '{"r":"arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111","all":["i-0123456789","RUNNING"]}',
    );
  });
  it('refuses a placeholder used as an object key and a reserved key name', () => {
    expect(() => render('{<instance>: 1}')).toThrow('Invalid InputTemplate for target t');
    expect(() => render('"x"', { 'aws-thing': '$.id' })).toThrow("may not start with 'AWS'");
    expect(() => render('"x"', { bad: 'detail.state' })).toThrow("must start with '$'");
  });
});

describe('Input and InputPath', () => {
  it('Input is sent as given; InputPath sends what the path reaches', () => {
    expect(renderTargetInput({ Input: '{"fixed": 1}' }, ctx)).toBe('{"fixed": 1}');
    expect(renderTargetInput({ InputPath: '$.detail' }, ctx)).toBe('{"instance-id":"i-0123456789","state":"RUNNING"}');
    expect(renderTargetInput({ InputPath: "$['detail']['state']" }, ctx)).toBe('"RUNNING"');
    expect(renderTargetInput({}, ctx)).toBe(JSON.stringify(event));
  });
});

describe('JSON paths', () => {
  it('parse dot and bracket notation, indices and wildcards', () => {
    expect(parseJsonPath("$.a.b-c[2]['d e'][*].*")).toEqual([
      { kind: 'name', name: 'a' },
      { kind: 'name', name: 'b-c' },
      { kind: 'index', index: 2 },
      { kind: 'name', name: 'd e' },
      { kind: 'wildcard' },
      { kind: 'wildcard' },
    ]);
    expect(evaluateJsonPath(parseJsonPath('$'), event)).toEqual({ found: true, value: event });
    expect(evaluateJsonPath(parseJsonPath('$.resources[5]'), event)).toEqual({ found: false });
  });
});
