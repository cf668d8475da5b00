/** Where the Python peers live: bench/.venv, made by bench/setup.sh. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const BENCH_DIR = join(__dirname, '..');
export const REPO_DIR = join(BENCH_DIR, '..');
export const RESULTS_DIR = join(BENCH_DIR, 'results');
export const RAW_RESULTS_DIR = join(RESULTS_DIR, 'raw');
export const VENV_PYTHON = join(BENCH_DIR, '.venv', 'bin', 'python');

export function requireVenv(): string {
  if (!existsSync(VENV_PYTHON)) {
    throw new Error(`${VENV_PYTHON} is missing: run "bash bench/setup.sh" first`);
  }
  return VENV_PYTHON;
}
