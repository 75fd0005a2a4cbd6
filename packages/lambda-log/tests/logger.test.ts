import { createLogger, logLevelFromEnv } from '../src';

function capture() {
  const lines: string[] = [];
  return { lines, write: (line: string) => void lines.push(line), parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('createLogger', () => {
  it('writes one JSON object per line with the bound context on every line', () => {
    // prepare
    const sink = capture();
    const log = createLogger({ level: 'info', write: sink.write, now: () => new Date('2026-01-01T00:00:00Z') }).child({ requestId: 'r1', caseId: 'c7' });

    // act
    log.info('started');
    log.warn('slow', { elapsedMs: 12 });

    // assert
    expect(sink.lines.every((l) => l.endsWith('\n') && !l.slice(0, -1).includes('\n'))).toBe(true);
    expect(sink.parsed()).toEqual([
      { level: 'info', time: '2026-01-01T00:00:00.000Z', message: 'started', requestId: 'r1', caseId: 'c7' },
      { level: 'warn', time: '2026-01-01T00:00:00.000Z', message: 'slow', requestId: 'r1', caseId: 'c7', elapsedMs: 12 },
    ]);
  });

  it('drops lines below the level and keeps an error readable', () => {
    // prepare
    const sink = capture();
    const log = createLogger({ level: 'warn', write: sink.write });

    // act
    log.info('hidden');
    log.error('failed', { error: new TypeError('boom') });

    // assert
    const [line] = sink.parsed();
    expect(sink.lines).toHaveLength(1);
    expect(line?.['error']).toMatchObject({ name: 'TypeError', message: 'boom' });
  });
});

describe('logLevelFromEnv', () => {
  it('reads LOG_LEVEL case-insensitively and falls back to info on a typo', () => {
    // prepare
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);

    // act / assert
    expect(logLevelFromEnv({ LOG_LEVEL: 'DEBUG' })).toBe('debug');
    expect(logLevelFromEnv({})).toBe('info');
    expect(logLevelFromEnv({ LOG_LEVEL: 'verbose' })).toBe('info');
    expect(stderr).toHaveBeenCalledWith(expect.stringContaining('LOG_LEVEL="verbose"'));
    stderr.mockRestore();
  });
});
