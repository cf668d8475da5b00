/**
 * One Node peer on one series, in its own process so peak memory is its own:
 *   npx tsx bench/speed/node-runner.ts --peer foresight --csv series.csv --reps 20
 * Warms up on the first 1,000 points, then times `reps` fit + predict runs and prints one JSON line.
 */
import { readSeriesCsv, Series } from '../lib/series-csv';
import { loadPeer, NODE_PEER_NAMES, NodePeerName } from './node-peers';
import { parseArgs } from 'node:util';

const WARMUP_POINTS = 1000;

async function main(): Promise<void> {
  const { values: args } = parseArgs({
    options: { peer: { type: 'string' }, csv: { type: 'string' }, reps: { type: 'string', default: '5' } },
  });
  const peerName = args.peer as NodePeerName;
  if (!NODE_PEER_NAMES.includes(peerName) || !args.csv) {
    throw new Error(`usage: --peer ${NODE_PEER_NAMES.join('|')} --csv FILE [--reps N]`);
  }
  const reps = Number(args.reps);
  const series = readSeriesCsv(args.csv);
  const peer = await loadPeer(peerName);
  const warmup: Series = {
    timestamps: series.timestamps.subarray(0, WARMUP_POINTS),
    values: series.values.subarray(0, WARMUP_POINTS),
  };
  peer.run(warmup);
  const rssBaseline = process.memoryUsage().rss;
  const runs = [];
  for (let r = 0; r < reps; r++) {
    const cpuBefore = process.cpuUsage();
    const run = peer.run(series);
    const cpu = process.cpuUsage(cpuBefore);
    runs.push({ ...run, cpuMs: (cpu.user + cpu.system) / 1000 });
  }
  const peakRss = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(
    JSON.stringify({ peer: peer.name, n: series.timestamps.length, runs, rssBaseline, peakRss }) + '\n'
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
