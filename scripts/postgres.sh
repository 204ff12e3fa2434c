#!/usr/bin/env bash
# Sourced by scripts/test.sh: makes PostgreSQL on 127.0.0.1:5432 available to the storage
# tests (TestDatabases reads BACKSTAGE_TEST_DATABASE_POSTGRES<major>_CONNECTION_STRING).
# Starts a stopped local cluster when it can. In CI the PostgreSQL run is required.
pg_url="${DOMAIN_SPLIT_TEST_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432}"

pg_ready() { node -e "
  const net = require('node:net');
  const s = net.connect(5432, '127.0.0.1');
  s.on('connect', () => { s.end(); process.exit(0); });
  s.on('error', () => process.exit(1));
  setTimeout(() => process.exit(1), 2000);"; }

if ! pg_ready && command -v pg_ctlcluster >/dev/null 2>&1; then
  for version in $(ls /etc/postgresql 2>/dev/null); do
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  done
  sleep 2
fi

export BACKSTAGE_TEST_DISABLE_DOCKER=1
if pg_ready; then
  # Backstage's TestDatabases knows POSTGRES_<major> ids; the tests ask for POSTGRES_15.
  export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="$pg_url"
  echo "PostgreSQL reachable: storage tests run on SQLite and PostgreSQL ($pg_url)"
elif [ "${CI:-}" = "true" ]; then
  echo "PostgreSQL is not reachable on 127.0.0.1:5432; CI requires the PostgreSQL run" >&2
  exit 1
else
  echo "WARNING: PostgreSQL not reachable on 127.0.0.1:5432; storage tests run on SQLite only" >&2
fi
