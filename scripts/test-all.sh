#!/usr/bin/env bash
# Every check of the repository, in order, from a fresh clone: set-up, then frontend and backend checks.
# Stops at the first failing step and ends with a "N passed, N failed" line counting the steps.
#
#   bash scripts/test-all.sh              # full run, set-up included (what CI does)
#   bash scripts/test-all.sh --no-setup   # skip npm ci / go mod download / system packages on a prepared machine
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

RUN_SETUP=1
for arg in "$@"; do
  case "$arg" in
    --no-setup) RUN_SETUP=0 ;;
    *)
      echo "test-all: unknown argument '$arg' (known: --no-setup)" >&2
      exit 2
      ;;
  esac
done

# One Go build configuration for vet, test and the plugin binary (the SDK's mage build uses CGO off and this
# tag), so the three share the build cache instead of compiling the SDK's dependencies twice.
export CGO_ENABLED=0
# The Go release go.mod names (scripts/go.sh says why the machine's own Go is not enough).
GOTOOLCHAIN="go$(sed -n 's/^go \([0-9.]*\)$/\1/p' go.mod)"
export GOTOOLCHAIN
export GOFLAGS="-buildvcs=false -tags=arrow_json_stdlib"
export CI="${CI:-}"
# The Redis model-store tests fail instead of skipping when redis-server is missing (pkg/internal/redistest).
export FORESIGHT_REQUIRE_REDIS=1

# Go's usual linter, pinned. `go run pkg@version` builds it once into Go's build cache, which keeps the binary
# (Go >= 1.24), so later runs start it at once; the set-up builds it so the lint step's time is the lint's alone.
GOLANGCI_LINT=github.com/golangci/golangci-lint/v2/cmd/golangci-lint@v2.15.0
# It includes staticcheck (golangci-lint's standard set), so staticcheck is not run a second time.

# govulncheck, pinned, against an offline copy of Go's vulnerability database (vuln.go.dev cannot be reached
# here): the golang.org/x/vulndb module, served by the Go module proxy, holds the OSV entries, and its indexdb
# command lays them out as the database govulncheck reads from a file:// URL. Raise VULNDB_VERSION to a newer
# pseudo-version of golang.org/x/vulndb for newer entries.
GOVULNCHECK=golang.org/x/vuln/cmd/govulncheck@v1.9.0
VULNDB_VERSION=v0.0.0-20261105234957-e22db6528018
VULN_DB_DIR="$PWD/out/vulndb-$VULNDB_VERSION"

# --- System packages (Debian) -------------------------------------------------------------------------------
# Later issues add the Debian packages their tests need here (e.g. prometheus, chromium). They are installed
# with apt-get only when missing, so a prepared machine skips the download.
APT_PACKAGES=(prometheus) # the backend's integration tests start a real Prometheus (pkg/internal/promtest)
APT_PACKAGES+=(chromium fonts-inter) # npm run e2e drives Debian's Chromium headless; Inter is Grafana's UI font
APT_PACKAGES+=(redis-server) # the model-store tests start a real Redis on loopback (pkg/internal/redistest)

install_apt_packages() {
  local missing=()
  local pkg
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  if [ "${#missing[@]}" -eq 0 ]; then
    echo "no Debian packages missing (${#APT_PACKAGES[@]} listed)"
    return 0
  fi
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}
# -------------------------------------------------------------------------------------------------------------

# gofmt -l lists the Go files whose formatting differs; any listed file fails the step.
gofmt_check() {
  local unformatted
  unformatted=$(find . -mindepth 1 \( -name node_modules -o -name '.*' -o -name testdata \) -prune -o -name '*.go' -print0 |
    xargs -0 gofmt -l) || return 1
  if [ -n "$unformatted" ]; then
    echo "gofmt would reformat these files (run gofmt -w on them):" >&2
    echo "$unformatted" >&2
    return 1
  fi
  echo "all Go files are gofmt-formatted"
}

# vuln_db builds the offline vulnerability database once per VULNDB_VERSION (about 40 MB under out/).
vuln_db() {
  if [ -f "$VULN_DB_DIR/index/modules.json" ]; then
    echo "offline vulnerability database present: $VULN_DB_DIR"
    return 0
  fi
  local entries
  entries=$(go mod download -json "golang.org/x/vulndb@$VULNDB_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p') || return 1
  [ -d "$entries/data/osv" ] || { echo "golang.org/x/vulndb@$VULNDB_VERSION has no data/osv" >&2; return 1; }
  rm -rf "$VULN_DB_DIR.tmp" && mkdir -p "$(dirname "$VULN_DB_DIR")" &&
    go run "golang.org/x/vulndb/cmd/indexdb@$VULNDB_VERSION" -vulns "$entries/data/osv" -out "$VULN_DB_DIR.tmp" &&
    mv "$VULN_DB_DIR.tmp" "$VULN_DB_DIR" && echo "indexed $(ls "$VULN_DB_DIR/ID" | wc -l) entries into $VULN_DB_DIR"
}

govulncheck_setup() {
  go run "$GOVULNCHECK" -version >/dev/null && vuln_db
}

# govulncheck reports vulnerabilities the code can reach (standard library included: the Go release matters).
govulncheck_check() {
  vuln_db && go run "$GOVULNCHECK" -db "file://$VULN_DB_DIR" ./...
}

passed=0
failed=0
started=$SECONDS

summary() {
  echo
  echo "test-all: total $((SECONDS - started))s"
  echo "${passed} passed, ${failed} failed"
}

step() {
  local name=$1
  shift
  echo
  echo "==> ${name}: $*"
  local t0=$SECONDS
  "$@" </dev/null
  local rc=$?
  if [ "$rc" -eq 0 ]; then
    passed=$((passed + 1))
    echo "<== ${name}: ok ($((SECONDS - t0))s)"
  else
    failed=$((failed + 1))
    echo "<== ${name}: FAILED with exit code ${rc} after $((SECONDS - t0))s; stopping here." >&2
    summary
    exit 1
  fi
}

# Downloads fail now and then on a shared network (npm ci has died with ECONNRESET): three tries before a download
# step gives up. Only set-up steps that fetch are retried; tests never are.
retried() {
  local attempt
  for attempt in 1 2 3; do
    "$@" && return 0
    echo "try ${attempt} of 3 failed: $*" >&2
    [ "$attempt" -lt 3 ] && sleep $((attempt * 10))
  done
  return 1
}

if [ "$RUN_SETUP" -eq 1 ]; then
  step "system packages" install_apt_packages
  step "npm ci" retried npm ci --no-audit --no-fund
  step "go mod download" retried go mod download
  step "golangci-lint (download and build)" retried go run "$GOLANGCI_LINT" version
  step "govulncheck (download and build, index the offline database)" govulncheck_setup
fi

step "typecheck" npm run --silent typecheck
step "lint" npm run --silent lint
step "format check" npm run --silent format:check
step "gofmt" gofmt_check
step "jest" npx jest --ci
step "frontend build" npm run --silent build
step "built bundles load as Grafana loads them" npm run --silent test:bundles -- --ci
step "browser tests (Chromium)" npm run --silent e2e
step "go vet" go vet ./...
step "golangci-lint" go run "$GOLANGCI_LINT" run ./...
step "govulncheck" govulncheck_check
# Every Go test runs once, under the race detector, which needs cgo; only this step turns it on, so the others
# keep sharing the CGO-off build cache.
step "go test -race" env CGO_ENABLED=1 go test -race ./...
step "backend build (linux/amd64)" go run github.com/magefile/mage -v build:linux
step "plugin zip (linux/amd64): layout and plugin.json" npm run --silent test:package -- --ci

summary
