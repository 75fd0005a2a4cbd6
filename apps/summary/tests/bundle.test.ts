import { invokeBundle } from '@fanout/lambda-bundler';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The artefact Terraform uploads, not the sources: built by the `build` target this test depends on. */
const BUNDLE = join(__dirname, '../../../dist/apps/summary/index.js');

describe('built summary bundle (dist/apps/summary/index.js), in a fresh Node process', () => {
  it('summarises, logs one JSON line, and rejects a malformed input by name', async () => {
    // prepare
    if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run \`nx run summary:build\` (the test target depends on it)`);
    const good = { requestId: 'r1', expectedCaseIds: ['0', '1'], results: [[{ caseId: '0', durationMs: 7 }], []] };

    // act
    const { invocations, stdout } = await invokeBundle({ bundle: BUNDLE, events: [good, { requestId: 'r1' }], env: { LOG_LEVEL: 'info' } });

    // assert
    expect(invocations[0]).toMatchObject({ ok: true, value: { cases: 1, succeeded: 1, missing: ['1'], durationMs: { min: 7, p50: 7, p95: 7, max: 7, total: 7 } } });
    expect(invocations[1]).toMatchObject({ ok: false, error: { name: 'ValidationError' } });
    const logged = stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logged.find((l) => l['message'] === 'summary')).toMatchObject({ requestId: 'r1', summary: { missing: ['1'] } });
  });

  it('summarises a fan-out in which compute-direct rejected a case with an unknown field', async () => {
    // prepare: the Catch's record of the rejected case holds the request as it was
    const rejected = { caseId: '1', error: 'ValidationError' };
    const event = { requestId: 'r1', expectedCaseIds: ['0', '1'], results: [[{ caseId: '0', durationMs: 7 }], [rejected]] };

    // act
    const { invocations } = await invokeBundle({ bundle: BUNDLE, events: [event], env: { LOG_LEVEL: 'error' } });

    // assert
    expect(invocations[0]).toMatchObject({ ok: true, value: { cases: 2, succeeded: 1, failed: 1, missing: [], failures: [{ caseId: '1', error: 'ValidationError' }], failuresByError: { ValidationError: 1 } } });
  });
});
