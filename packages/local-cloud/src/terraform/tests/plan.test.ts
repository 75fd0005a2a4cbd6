import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planStack } from '../plan';
import { readStack } from '../stack';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'plan-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function stackOf(resource: Record<string, Record<string, Record<string, unknown>>>, extra: Record<string, unknown> = {}) {
  const file = join(dir, `stack-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify({ provider: { aws: [{ region: 'us-east-1' }] }, resource, ...extra }));
  return readStack('demo', file);
}

describe('checking a stack before anything is deployed', () => {
  it('orders resources after what they reference or depend on', () => {
    // prepare
    const stack = stackOf({
      aws_sqs_queue: { q: { name: 'q' } },
      aws_sqs_queue_policy: { p: { queue_url: '${aws_sqs_queue.q.url}', policy: '{}' } },
      aws_cloudwatch_log_group: { l: { name: 'l', depends_on: ['aws_sqs_queue_policy.p'] } },
    });
    // act
    const plan = planStack(stack);
    // assert
    expect(plan.order.map((r) => r.address)).toEqual(['aws_sqs_queue.q', 'aws_sqs_queue_policy.p', 'aws_cloudwatch_log_group.l']);
  });

  it.each([
    ['an unsupported resource type', { aws_dynamodb_table: { t: { name: 't' } } }, /resource aws_dynamodb_table\.t: resource type 'aws_dynamodb_table' is not supported/],
    ['an unsupported attribute', { aws_sqs_queue: { q: { name: 'q', fifo_throughput_limit: 'perQueue' } } }, /resource aws_sqs_queue\.q, attribute 'fifo_throughput_limit': not supported/],
    ['an unsupported function', { aws_sqs_queue: { q: { name: '${uuid()}' } } }, /Terraform function 'uuid' is not supported/],
    ['a reference to an undeclared resource', { aws_sqs_queue_policy: { p: { queue_url: '${aws_sqs_queue.missing.url}', policy: '{}' } } }, /reference to 'aws_sqs_queue\.missing', which the stack does not declare/],
    ['a variable', { aws_sqs_queue: { q: { name: '${var.name}' } } }, /reference 'var\.name' is neither a resource nor a data source/],
    [
      'a cycle',
      { aws_sqs_queue: { a: { name: '${aws_sqs_queue.b.name}' }, b: { name: '${aws_sqs_queue.a.name}' } } },
      /dependency cycle: aws_sqs_queue\.a → aws_sqs_queue\.b → aws_sqs_queue\.a/,
    ],
  ])('refuses %s, naming the stack, resource and attribute', (_what, resources, message) => {
    expect(() => planStack(stackOf(resources as never))).toThrow(message);
    expect(() => planStack(stackOf(resources as never))).toThrow(/^stack 'demo', /);
  });

  it('refuses a provider other than aws and an unsupported data source', () => {
    expect(() => planStack(stackOf({}, { provider: { google: [{}] } }))).toThrow(/provider 'google'/);
    expect(() => planStack(stackOf({}, { data: { aws_vpc: { v: {} } } }))).toThrow(/data source type 'aws_vpc' is not supported/);
  });
});
