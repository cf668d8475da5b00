/**
 * Writes four weeks of the demo messaging metric, ending now, as OpenMetrics for the Prometheus of
 * docker-compose.yaml (loaded with `promtool tsdb create-blocks-from openmetrics` when it starts).
 *
 *   npx tsx scripts/demo-openmetrics.ts [output, default .config/prometheus/history.om]
 */
import fs from 'node:fs';

import { generateDemoSeries } from '../src/demo';

const STEP_MS = 5 * 60_000;
const DAYS = 28;
const SERVICES: Array<{ service: string; seed: number }> = [
  { service: 'messaging', seed: 20251020 },
  { service: 'push', seed: 7 },
];

function main(): void {
  const output = process.argv[2] ?? '.config/prometheus/history.om';
  const end = Math.floor(Date.now() / STEP_MS) * STEP_MS;
  const lines = [
    '# HELP foresight_demo_messages Demo messages per 5 minutes (Foresight demo generator).',
    '# TYPE foresight_demo_messages gauge',
  ];
  for (const { service, seed } of SERVICES) {
    const series = generateDemoSeries({ start: end - DAYS * 86_400_000, end, stepMs: STEP_MS, seed });
    for (let i = 0; i < series.timestamps.length; i++) {
      const value = series.values[i];
      if (Number.isFinite(value)) {
        lines.push(`foresight_demo_messages{service="${service}"} ${value.toFixed(1)} ${series.timestamps[i] / 1000}`);
      }
    }
  }
  lines.push('# EOF', '');
  fs.writeFileSync(output, lines.join('\n'));
  console.log(`wrote ${lines.length - 4} samples to ${output}`);
}

main();
