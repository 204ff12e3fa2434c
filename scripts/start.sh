#!/usr/bin/env bash
# Installs what is missing and starts the portal (frontend :3000 + backend :7007) on the
# embedded SQLite database with the example catalog, then posts the demo CI events.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/toolchain.sh

yarn install --immutable

# Once the backend answers, send the demo release history so the portal is not empty.
(
  for _ in $(seq 1 180); do
    if curl -fsS http://localhost:7007/.backstage/health/v1/readiness >/dev/null 2>&1; then
      yarn demo:events || echo "demo events could not be posted (see above)" >&2
      exit 0
    fi
    sleep 2
  done
  echo "backend did not become ready; demo events not posted" >&2
) &

exec yarn start
