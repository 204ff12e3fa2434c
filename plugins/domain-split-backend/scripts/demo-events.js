#!/usr/bin/env node
/*
 * Posts a realistic CI history of the example platform (aliexpress-platform) to a running
 * Domain Split backend, signed with Standard Webhooks.
 *
 *   yarn demo:events                         # http://localhost:7007
 *   yarn demo:events --url http://host:7007
 *
 * The secret comes from DOMAIN_SPLIT_WEBHOOK_SECRET, else from the development secret in
 * app-config.yaml (domainSplit.webhooks.standardWebhooks.secrets[0]).
 *
 * Times are relative to now (the last ~30 days); event ids are fixed, so running it again is
 * idempotent (the backend answers "duplicate" and changes nothing).
 *
 * Plain Node 22, no dependencies.
 */
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const USAGE = `Usage: demo-events.js [--url <backend base URL>]

Posts the demo CI history to <url>/api/domain-split/webhooks/ci (default http://localhost:7007).
Secret: DOMAIN_SPLIT_WEBHOOK_SECRET, else the development secret in app-config.yaml.`;

function parseArgs(argv) {
  let url = 'http://localhost:7007';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else if (arg === '--url') {
      url = argv[++i];
    } else if (arg.startsWith('--url=')) {
      url = arg.slice('--url='.length);
    } else {
      console.error(`Unknown argument: ${arg}\n\n${USAGE}`);
      process.exit(2);
    }
  }
  if (!url || !/^https?:\/\//.test(url)) {
    console.error(`--url needs an http(s) URL\n\n${USAGE}`);
    process.exit(2);
  }
  return { url: url.replace(/\/+$/, '') };
}

/** The first Standard Webhooks secret of app-config.yaml (the development secret). */
function devSecretFromAppConfig() {
  const file = path.resolve(__dirname, '../../../app-config.yaml');
  if (!fs.existsSync(file)) {
    return undefined;
  }
  const text = fs.readFileSync(file, 'utf8');
  const match =
    /standardWebhooks:\s*\n\s*secrets:\s*\n\s*-\s*['"]?(whsec_[A-Za-z0-9+/=]+)/.exec(
      text,
    );
  return match ? match[1] : undefined;
}

/** Standard Webhooks: v1,base64(HMAC-SHA256(key, `${id}.${timestamp}.${body}`)). */
function sign(secret, id, timestamp, body) {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const mac = crypto
    .createHmac('sha256', key)
    .update(`${id}.${timestamp}.${body}`)
    .digest('base64');
  return `v1,${mac}`;
}

const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;
const MONO = 'aliexpress-platform/aliexpress-platform';
const CI = 'https://ci.aliexpress-platform.example/pipelines';

/** A time `days` (and `hours`) before now, as ISO 8601. */
function ago(now, days, hours = 0) {
  return new Date(now - days * DAY - hours * HOUR).toISOString();
}

function pipeline(id, repository = MONO) {
  return { id, url: `${CI}/${id}`, repository };
}

/** The demo history, oldest first. */
function demoEvents(now) {
  const events = [];
  const test = (
    id,
    service,
    version,
    suite,
    result,
    days,
    hours = 0,
    extra = {},
  ) =>
    events.push({
      id,
      type: 'test_run',
      occurredAt: ago(now, days, hours),
      service,
      version,
      suite,
      result,
      pipeline: pipeline(`${id}-run`),
      ...extra,
    });
  const deploy = (
    id,
    service,
    version,
    environment,
    days,
    hours = 0,
    extra = {},
  ) =>
    events.push({
      id,
      type: 'deployment',
      occurredAt: ago(now, days, hours),
      service,
      version,
      environment,
      status: 'success',
      pipeline: pipeline(`${id}-run`),
      commit: crypto
        .createHash('sha1')
        .update(`${service}@${version}`)
        .digest('hex'),
      ...extra,
    });
  const release = (id, service, version, days) =>
    events.push({
      id,
      type: 'release',
      occurredAt: ago(now, days),
      service,
      version,
      pipeline: pipeline(`${id}-run`),
    });

  // orders-service: 3.1.0 → 3.2.0 → 3.2.1, each through staging with domain and contract tests.
  test(
    'demo-orders-3.1.0-domain',
    'orders-service',
    '3.1.0',
    'domain',
    'passed',
    29,
  );
  test(
    'demo-orders-3.1.0-contract',
    'orders-service',
    '3.1.0',
    'contract',
    'passed',
    29,
  );
  deploy(
    'demo-orders-3.1.0-staging',
    'orders-service',
    '3.1.0',
    'staging',
    28,
    20,
  );
  deploy(
    'demo-orders-3.1.0-production',
    'orders-service',
    '3.1.0',
    'production',
    28,
  );
  test(
    'demo-orders-3.2.0-domain',
    'orders-service',
    '3.2.0',
    'domain',
    'passed',
    15,
  );
  test(
    'demo-orders-3.2.0-contract',
    'orders-service',
    '3.2.0',
    'contract',
    'passed',
    15,
  );
  deploy(
    'demo-orders-3.2.0-staging',
    'orders-service',
    '3.2.0',
    'staging',
    14,
    20,
  );
  deploy(
    'demo-orders-3.2.0-production',
    'orders-service',
    '3.2.0',
    'production',
    14,
  );
  release('demo-orders-3.2.1-release', 'orders-service', '3.2.1', 5);
  test(
    'demo-orders-3.2.1-domain',
    'orders-service',
    '3.2.1',
    'domain',
    'passed',
    5,
  );
  // The deploy gate's evidence: orders-service 3.2.1's contract run verified it against the
  // versions of its providers and consumers that are live in production (payments-service
  // 1.9.4 among them), so "can orders-service 3.2.1 go to production?" is yes.
  test(
    'demo-orders-3.2.1-contract',
    'orders-service',
    '3.2.1',
    'contract',
    'passed',
    5,
    0,
    {
      verifiedAgainst: [
        { service: 'payments-service', version: '1.9.4' },
        { service: 'checkout-orchestrator', version: '1.3.0' },
        { service: 'shipping-service', version: '1.4.2' },
        { service: 'event-bus', version: '5.2.0' },
        { service: 'coupons-service', version: '0.7.1' },
        { service: 'inventory-service', version: '2.1.0' },
        { service: 'notifications-service', version: '2.0.3' },
      ],
    },
  );
  deploy('demo-orders-3.2.1-staging', 'orders-service', '3.2.1', 'staging', 4);
  deploy(
    'demo-orders-3.2.1-production',
    'orders-service',
    '3.2.1',
    'production',
    3,
  );

  // An orders-service version released and domain-tested, but with no contract verification:
  // the deploy gate refuses it and says what to send.
  release('demo-orders-3.3.0-release', 'orders-service', '3.3.0', 1);
  test(
    'demo-orders-3.3.0-domain',
    'orders-service',
    '3.3.0',
    'domain',
    'passed',
    0,
    20,
  );

  // payments-service 1.9.3 was live a month ago, verified against the orders-service of then
  // (3.1.0): rolling payments back to it now is refused, since the live orders-service 3.2.1
  // was only verified against 1.9.4.
  test(
    'demo-payments-1.9.3-domain',
    'payments-service',
    '1.9.3',
    'domain',
    'passed',
    30,
  );
  test(
    'demo-payments-1.9.3-contract',
    'payments-service',
    '1.9.3',
    'contract',
    'passed',
    30,
    0,
    { verifiedAgainst: [{ service: 'orders-service', version: '3.1.0' }] },
  );
  deploy(
    'demo-payments-1.9.3-production',
    'payments-service',
    '1.9.3',
    'production',
    29,
    12,
  );

  // payments-service: 1.9.5 goes out, breaks, and production is rolled back to 1.9.4.
  test(
    'demo-payments-1.9.4-domain',
    'payments-service',
    '1.9.4',
    'domain',
    'passed',
    13,
  );
  test(
    'demo-payments-1.9.4-contract',
    'payments-service',
    '1.9.4',
    'contract',
    'passed',
    13,
  );
  deploy(
    'demo-payments-1.9.4-staging',
    'payments-service',
    '1.9.4',
    'staging',
    12,
    20,
  );
  deploy(
    'demo-payments-1.9.4-production',
    'payments-service',
    '1.9.4',
    'production',
    12,
  );
  test(
    'demo-payments-1.9.5-contract',
    'payments-service',
    '1.9.5',
    'contract',
    'passed',
    3,
  );
  deploy(
    'demo-payments-1.9.5-staging',
    'payments-service',
    '1.9.5',
    'staging',
    2,
    20,
  );
  deploy(
    'demo-payments-1.9.5-production',
    'payments-service',
    '1.9.5',
    'production',
    2,
  );
  deploy(
    'demo-payments-1.9.4-rollback',
    'payments-service',
    '1.9.4',
    'production',
    1,
    18,
    {
      status: 'rolled_back',
      rollback: true,
    },
  );

  // products-service: deployed to production without any contract-test run.
  test(
    'demo-products-2.4.0-domain',
    'products-service',
    '2.4.0',
    'domain',
    'passed',
    8,
  );
  deploy(
    'demo-products-2.4.0-staging',
    'products-service',
    '2.4.0',
    'staging',
    7,
    20,
  );
  deploy(
    'demo-products-2.4.0-production',
    'products-service',
    '2.4.0',
    'production',
    7,
  );

  // checkout (orders team) and inventory (supply team) released together by one pipeline run.
  test(
    'demo-checkout-1.3.0-contract',
    'checkout-orchestrator',
    '1.3.0',
    'contract',
    'passed',
    10,
  );
  test(
    'demo-checkout-1.3.0-domain',
    'checkout-orchestrator',
    '1.3.0',
    'domain',
    'passed',
    10,
  );
  test(
    'demo-inventory-2.1.0-contract',
    'inventory-service',
    '2.1.0',
    'contract',
    'passed',
    10,
  );
  test(
    'demo-inventory-2.1.0-domain',
    'inventory-service',
    '2.1.0',
    'domain',
    'failed',
    11,
  );
  test(
    'demo-inventory-2.1.0-domain-rerun',
    'inventory-service',
    '2.1.0',
    'domain',
    'passed',
    10,
  );
  const train = {
    pipeline: pipeline('release-train-481'),
    commit: 'b7e4c2d9a1f0',
  };
  deploy(
    'demo-checkout-1.3.0-staging',
    'checkout-orchestrator',
    '1.3.0',
    'staging',
    9,
    20,
    train,
  );
  deploy(
    'demo-inventory-2.1.0-staging',
    'inventory-service',
    '2.1.0',
    'staging',
    9,
    20,
    train,
  );
  deploy(
    'demo-checkout-1.3.0-production',
    'checkout-orchestrator',
    '1.3.0',
    'production',
    9,
    0,
    train,
  );
  deploy(
    'demo-inventory-2.1.0-production',
    'inventory-service',
    '2.1.0',
    'production',
    9,
    0,
    train,
  );

  // Services that deploy on their own, from their own repositories.
  const own = (service, version, days, suites) => {
    for (const suite of suites) {
      test(
        `demo-${service}-${version}-${suite}`,
        service,
        version,
        suite,
        'passed',
        days + 1,
      );
    }
    const repo = {
      pipeline: pipeline(
        `demo-${service}-${version}-run`,
        `aliexpress-platform/${service}`,
      ),
    };
    deploy(
      `demo-${service}-${version}-staging`,
      service,
      version,
      'staging',
      days,
      20,
      repo,
    );
    deploy(
      `demo-${service}-${version}-production`,
      service,
      version,
      'production',
      days,
      0,
      repo,
    );
  };
  own('event-bus', '5.2.0', 25, ['contract']);
  own('shipping-service', '1.4.2', 16, ['domain', 'contract']);
  own('coupons-service', '0.7.1', 11, ['contract']);
  own('notifications-service', '2.0.3', 6, ['domain', 'contract']);
  own('search-readmodels', '0.8.0', 20, ['domain']);
  // A search release that failed in staging: production keeps 0.8.0.
  deploy(
    'demo-search-readmodels-0.9.0-staging',
    'search-readmodels',
    '0.9.0',
    'staging',
    2,
    0,
    {
      status: 'failure',
    },
  );

  // Pull-request preview environments: stored and shown (history, the grid's "Other
  // environments"), never counted as evidence (app-config.yaml tracks staging and production).
  deploy(
    'demo-orders-preview-1',
    'orders-service',
    '3.3.0-pr.1412',
    'preview-pr-1412',
    1,
    6,
  );
  deploy(
    'demo-payments-preview-1',
    'payments-service',
    '1.10.0-pr.88',
    'preview-pr-88',
    1,
    5,
  );

  // A service the catalog does not know (yet): listed as unmatched.
  deploy(
    'demo-legacy-billing-0.9.7-production',
    'legacy-billing',
    '0.9.7',
    'production',
    4,
  );

  return events;
}

async function main() {
  const { url } = parseArgs(process.argv.slice(2));
  const secret =
    process.env.DOMAIN_SPLIT_WEBHOOK_SECRET || devSecretFromAppConfig();
  if (!secret) {
    console.error(
      'No secret: set DOMAIN_SPLIT_WEBHOOK_SECRET or run from the repository (app-config.yaml).',
    );
    process.exit(2);
  }
  const endpoint = `${url}/api/domain-split/webhooks/ci`;
  const events = demoEvents(Date.now());
  const counts = { accepted: 0, duplicate: 0 };
  for (const event of events) {
    const body = JSON.stringify(event);
    const timestamp = Math.floor(Date.now() / 1000);
    const webhookId = `msg_${event.id}`;
    let response;
    try {
      response = await fetch(endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-id': webhookId,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': sign(secret, webhookId, timestamp, body),
        },
        body,
      });
    } catch (error) {
      console.error(
        `Cannot reach ${endpoint}: ${error.cause?.message ?? error.message}`,
      );
      process.exit(1);
    }
    const text = await response.text();
    if (!response.ok) {
      console.error(`${event.id}: HTTP ${response.status} ${text}`);
      process.exit(1);
    }
    const status = JSON.parse(text).status;
    counts[status] = (counts[status] ?? 0) + 1;
    console.log(`${status.padEnd(9)} ${event.id}`);
  }
  console.log(
    `\n${events.length} events posted to ${endpoint}: ${counts.accepted} accepted, ${counts.duplicate} duplicate.`,
  );
}

if (require.main === module) {
  main();
}

module.exports = { demoEvents, sign, devSecretFromAppConfig };
