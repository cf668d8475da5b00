#!/usr/bin/env bash
# Installs the benchmark peers into bench/ only (safe to re-run):
#   npm: @bsull/augurs + @bsull/augurs-prophet-wasmstan -> bench/node_modules (from bench/package-lock.json)
#   PyPI: prophet and friends (bench/requirements.txt)  -> bench/.venv
# The root project's own dependencies come from `npm ci` at the repository root.
set -euo pipefail
cd "$(dirname "$0")"

npm ci --no-audit --no-fund --loglevel=error

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
.venv/bin/python -c "import prophet, cmdstanpy; print('prophet', prophet.__version__, 'ready')"
