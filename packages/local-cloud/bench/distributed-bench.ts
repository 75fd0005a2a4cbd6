/**
 * The Distributed Map workloads alone (the full bench runs them after the inline ones):
 * `npx esbuild packages/local-cloud/bench/distributed-bench.ts --bundle --platform=node --target=node20 --outfile=packages/local-cloud/dist/distributed-bench.cjs && node packages/local-cloud/dist/distributed-bench.cjs`
 */
import { runDistributedWorkloads } from './distributed-workloads';

console.log(`node ${process.version}; RSS at start ${(process.memoryUsage().rss / 1048576).toFixed(1)} MB`);
runDistributedWorkloads().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
