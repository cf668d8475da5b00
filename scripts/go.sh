#!/usr/bin/env bash
# Runs the go command with the Go release go.mod names. A machine starts on its own Go (GOTOOLCHAIN=local on
# these machines) and would refuse a go.mod that needs a newer one; GOTOOLCHAIN=go<version> makes the go command
# fetch that release from the Go module proxy once and use it.
#
#   bash scripts/go.sh test ./pkg/...          # or: export GOTOOLCHAIN=go1.27.3 and call go directly
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version=$(sed -n 's/^go \([0-9.]*\)$/\1/p' "$root/go.mod")
export GOTOOLCHAIN="go${version}"
exec go "$@"
