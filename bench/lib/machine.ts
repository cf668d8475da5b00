/** A description of the machine and peer versions, printed at the top of every result file. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { BENCH_DIR, VENV_PYTHON } from './venv';

const PYTHON_PROBE = `
import json, platform, importlib.metadata as md, os
info = {"python": platform.python_version()}
for p in ("prophet", "cmdstanpy", "numpy", "pandas"):
    info[p] = md.version(p)
try:
    from threadpoolctl import threadpool_info
    import numpy
    blas = [i for i in threadpool_info() if i.get("user_api") == "blas"]
    info["blas"] = ", ".join(f"{i['internal_api']} {i['version']} {i.get('architecture')} x{i['num_threads']}" for i in blas)
except Exception as e:
    info["blas"] = "unknown (" + str(e) + ")"
info["OPENBLAS_CORETYPE"] = os.environ.get("OPENBLAS_CORETYPE", "(unset)")
print(json.dumps(info))
`;

/** "1.2 / 0.9 / 0.5" (1, 5 and 15 minutes): other work on the machine skews timings. */
export function loadAverage(): string {
  return loadavg()
    .map((x) => x.toFixed(1))
    .join(' / ');
}

export function describeMachine(): string[] {
  const cpu = cpus();
  const lines = [
    `- Date: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    `- CPU: ${cpu[0]?.model ?? 'unknown'}, ${cpu.length} cores; memory ${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
    `- Load average (1/5/15 min) when the report was written: ${loadAverage()}`,
    `- Node ${process.versions.node} (V8 ${process.versions.v8})`,
    `- npm peers: ${npmPeers()}`,
  ];
  try {
    const py = JSON.parse(execFileSync(VENV_PYTHON, ['-c', PYTHON_PROBE], { encoding: 'utf8' })) as Record<
      string,
      string
    >;
    lines.push(
      `- Python ${py.python}: prophet ${py.prophet}, cmdstanpy ${py.cmdstanpy}, numpy ${py.numpy}, pandas ${py.pandas}`,
      `- numpy BLAS: ${py.blas}; OPENBLAS_CORETYPE ${py.OPENBLAS_CORETYPE}`
    );
  } catch (error) {
    lines.push(`- Python peers: not available (${String(error).split('\n')[0]})`);
  }
  return lines;
}

function npmPeers(): string {
  return ['augurs', 'augurs-prophet-wasmstan']
    .map((name) => {
      try {
        const pkg = JSON.parse(
          readFileSync(join(BENCH_DIR, 'node_modules', '@bsull', name, 'package.json'), 'utf8')
        ) as { version: string };
        return `@bsull/${name} ${pkg.version}`;
      } catch {
        return `@bsull/${name} (not installed)`;
      }
    })
    .join(', ');
}
