#!/usr/bin/env bash
# Installs what is missing and runs every test:
#   type check, lint, unit/component/router/store tests (SQLite, and PostgreSQL when reachable),
#   then the built backend smoke test and the end-to-end test in headless Chromium.
# Usage: scripts/test.sh [--unit]   (--unit skips the build, smoke and browser tests)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/toolchain.sh

unit_only=false
[ "${1:-}" = "--unit" ] && unit_only=true

step() { echo; echo "==> $*"; }

step "Installing dependencies"
yarn install --immutable

step "PostgreSQL for the storage tests"
source scripts/postgres.sh

step "Type check and lint"
yarn tsc
yarn lint:all
yarn lint:benchmarks

step "Unit, component, router and storage tests"
CI=true yarn test

if [ "$unit_only" = true ]; then
  exit 0
fi

step "Building the backend bundle (with the frontend it serves)"
yarn build:backend

step "Headless Chromium for the end-to-end test"
source scripts/chromium.sh

step "Backend smoke test and end-to-end test against the built portal"
node --test --test-concurrency=1 e2e/*.test.mjs
