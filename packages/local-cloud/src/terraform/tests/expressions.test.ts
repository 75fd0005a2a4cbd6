import { parseTemplate } from '../expressions';
import { functionsIn, referencesIn, resolveValue } from '../resolve';

const state: Record<string, unknown> = {
  'aws_sns_topic.t.arn': 'arn:aws:sns:us-east-1:123456789012:alarms',
  'aws_lambda_function.f.arn': 'arn:aws:lambda:us-east-1:123456789012:function:f',
  'aws_lambda_function.f.memory_size': 256,
  'data.aws_region.current.name': 'eu-west-1',
};
const lookup = (path: string[]): unknown => state[path.join('.')];

describe('Terraform interpolations in cdk.tf.json', () => {
  it('keeps the type of a string that is one whole reference', () => {
    expect(resolveValue('${aws_lambda_function.f.memory_size}', lookup)).toBe(256);
  });

  it('splices references into text and JSON text (policies, definitions)', () => {
    // prepare
    const policy = JSON.stringify({ Resource: ['${aws_lambda_function.f.arn}', '${aws_lambda_function.f.arn}:*'] });
    // act
    const resolved = JSON.parse(resolveValue(policy, lookup) as string) as { Resource: string[] };
    // assert
    expect(resolved.Resource).toEqual(['arn:aws:lambda:us-east-1:123456789012:function:f', 'arn:aws:lambda:us-east-1:123456789012:function:f:*']);
  });

  it('evaluates the functions the stacks use: element(split(":", …), 4) is the account id', () => {
    expect(resolveValue('${element(split(":", aws_sns_topic.t.arn), 4)}', lookup)).toBe('123456789012');
    expect(resolveValue('${jsonencode(data.aws_region.current.name)}', lookup)).toBe('"eu-west-1"');
  });

  it('reads $${ as a literal ${', () => {
    expect(resolveValue('$${not.a.reference}', lookup)).toBe('${not.a.reference}');
    expect(parseTemplate('a$${b}c')).toEqual([{ kind: 'text', text: 'a${b}c' }]);
  });

  it('lists the references and functions of a value, nested', () => {
    const value = { a: ['${aws_lambda_function.f.arn}'], b: { c: 'x ${element(split(":", aws_sns_topic.t.arn), 4)}' } };
    expect(referencesIn(value)).toEqual([
      ['aws_lambda_function', 'f', 'arn'],
      ['aws_sns_topic', 't', 'arn'],
    ]);
    expect(functionsIn(value)).toEqual(['element', 'split']);
  });

  it('names what it cannot read', () => {
    expect(() => resolveValue('${aws_x.y.z', lookup)).toThrow(/unterminated interpolation/);
    expect(() => resolveValue('${aws_x.y[each.key]}', lookup)).toThrow(/only numeric indexes/);
    expect(() => resolveValue('${cidrsubnet("10.0.0.0/8", 8, 1)}', lookup)).toThrow(/function 'cidrsubnet' is not supported/);
  });

  it('refuses what Terraform refuses instead of deploying NaN or nothing', () => {
    expect(() => resolveValue('${tonumber("x")}', lookup)).toThrow(/tonumber\("x"\): not a number/);
    expect(() => resolveValue('${element(split(",", ""), 0)}', lookup)).not.toThrow();
    expect(() => resolveValue('${join(",", "not a list")}', lookup)).toThrow(/join\(\): argument 2 must be a list/);
    expect(() => resolveValue('${jsondecode("{nope")}', lookup)).toThrow(/jsondecode\("\{nope"\): /);
  });
});
