/** Progress of the runs: a bar on a terminal (cli-progress), one plain line per event otherwise (CI, pipes). */
import { MultiBar, type SingleBar } from 'cli-progress';

export interface RunLabel {
  pattern: string;
  size: number;
  run: number;
}

export interface Progress {
  start(total: number): void;
  /** An execution started. */
  running(label: RunLabel): void;
  /** AWS time (simulated on the local cloud) since it started. */
  elapsed(label: RunLabel, simulatedMs: number): void;
  finished(label: RunLabel, outcome: string): void;
  /** A line that must not be lost inside the bar. */
  log(line: string): void;
  stop(): void;
}

const name = (l: RunLabel): string => `${l.pattern} ${l.size} cases, run ${l.run}`;

export function lineProgress(write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Progress {
  let done = 0;
  let total = 0;
  return {
    start: (n) => {
      total = n;
      write(`bench: ${n} run(s)`);
    },
    running: (l) => write(`[${done + 1}/${total}] ${name(l)}: started`),
    elapsed: () => undefined,
    finished: (l, outcome) => {
      done += 1;
      write(`[${done}/${total}] ${name(l)}: ${outcome}`);
    },
    log: write,
    stop: () => undefined,
  };
}

export function barProgress(simulated: boolean): Progress {
  // A MultiBar of one: it can print lines above the bar without breaking it.
  const multi = new MultiBar({ format: 'bench [{bar}] {value}/{total} runs | {label} | {elapsed}', hideCursor: true, clearOnComplete: false });
  let bar: SingleBar | undefined;
  let current = '';
  return {
    start: (n) => {
      bar = multi.create(n, 0, { label: 'starting', elapsed: '' });
    },
    running: (l) => {
      current = name(l);
      bar?.update({ label: current, elapsed: '0 s' });
    },
    elapsed: (_l, ms) => bar?.update({ label: current, elapsed: `${(ms / 1000).toFixed(0)} s${simulated ? ' simulated' : ''}` }),
    finished: (l, outcome) => bar?.increment(1, { label: `${name(l)}: ${outcome}`, elapsed: '' }),
    log: (line) => multi.log(`${line}\n`),
    stop: () => multi.stop(),
  };
}

/** A bar when stdout is a terminal, plain lines otherwise. */
export function progressFor(simulated: boolean, stream: NodeJS.WriteStream = process.stdout): Progress {
  return stream.isTTY ? barProgress(simulated) : lineProgress();
}
