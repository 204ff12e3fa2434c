#!/usr/bin/env node
/*
 * The deploy gate for pipelines: asks a Domain Split backend whether a service version may go
 * to an environment, prints the reasons as a table, and exits
 *   0  deployable
 *   1  not deployable (the reasons say why)
 *   2  the portal could not be reached or answered an error, or bad usage
 *
 *   yarn domain-split can-i-deploy --service orders-service --version 3.2.1 \
 *     --environment production [--pipeline <run id> --repository <owner/repo>] [--commit <sha>]
 *
 * Base URL: --url, else DOMAIN_SPLIT_URL, else http://localhost:7007. Token:
 * DOMAIN_SPLIT_TOKEN (a Backstage service token, e.g. one of backend.auth.externalAccess).
 *
 * Plain Node 22 (global fetch), no dependencies, no global install.
 */
'use strict';

const USAGE = `Usage: yarn domain-split can-i-deploy --service <name> --version <version> --environment <env>
         [--pipeline <run id>] [--repository <owner/repo>] [--commit <sha>]
         [--url <backend base URL>] [--json] [--timeout <seconds>]

Asks GET <url>/api/domain-split/can-i-deploy and prints the verdict with its reasons.
  --url       default: DOMAIN_SPLIT_URL, else http://localhost:7007
  --json      print the backend's JSON answer instead of the table
Token: DOMAIN_SPLIT_TOKEN (Backstage service token), sent as "Authorization: Bearer …".
Exit codes: 0 deployable, 1 not deployable, 2 portal unreachable / error answer / bad usage.`;

const EXIT_DEPLOYABLE = 0;
const EXIT_NOT_DEPLOYABLE = 1;
const EXIT_ERROR = 2;

const VALUE_OPTIONS = [
  'service',
  'version',
  'environment',
  'pipeline',
  'repository',
  'commit',
  'url',
  'timeout',
];

/** A usage problem: printed with the usage text, exit code 2. */
class UsageError extends Error {}

/**
 * Parses the arguments after the command name. Throws UsageError naming what is wrong.
 * @returns {{ help?: boolean, json: boolean, url: string, timeoutMs: number,
 *   query: Record<string, string> }}
 */
function parseArgs(argv, env = process.env) {
  const values = {};
  let json = false;
  const args = [...argv];
  if (args[0] === 'can-i-deploy') args.shift();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--help' || arg === '-h') return { help: true };
    if (arg === '--json') {
      json = true;
      continue;
    }
    const match = /^--([a-z]+)(?:=(.*))?$/.exec(arg);
    if (!match || !VALUE_OPTIONS.includes(match[1])) {
      throw new UsageError(`Unknown argument: ${arg}`);
    }
    const value = match[2] !== undefined ? match[2] : args[++i];
    if (value === undefined || value.trim() === '' || value.startsWith('--')) {
      throw new UsageError(`--${match[1]} needs a value`);
    }
    values[match[1]] = value.trim();
  }
  const missing = ['service', 'version', 'environment'].filter(
    key => !values[key],
  );
  if (missing.length > 0) {
    throw new UsageError(
      `Missing ${missing.map(key => `--${key}`).join(', ')}`,
    );
  }
  const url = (
    values.url ||
    env.DOMAIN_SPLIT_URL ||
    'http://localhost:7007'
  ).replace(/\/+$/, '');
  if (!/^https?:\/\//.test(url)) {
    throw new UsageError(`--url needs an http(s) URL, got "${url}"`);
  }
  const timeoutSeconds = values.timeout ? Number(values.timeout) : 30;
  if (!(timeoutSeconds > 0)) {
    throw new UsageError('--timeout needs a positive number of seconds');
  }
  const query = {};
  for (const key of [
    'service',
    'version',
    'environment',
    'pipeline',
    'repository',
    'commit',
  ]) {
    if (values[key]) query[key] = values[key];
  }
  return { json, url, timeoutMs: timeoutSeconds * 1000, query };
}

/** Pads to a width (cuts with … when longer). */
function cell(text, width) {
  const value = String(text);
  return value.length > width
    ? `${value.slice(0, width - 1)}…`
    : value.padEnd(width);
}

/** The last path segment of an entity ref: `component:default/orders-service` → orders-service. */
function shortRef(ref) {
  return ref.replace(/^[^:]+:(?:[^/]+\/)?/, '');
}

/** The answer as a readable table. */
function formatAnswer(answer) {
  const lines = [];
  const verdict = answer.deployable ? 'YES, deployable' : 'NO, not deployable';
  const live = answer.liveVersion
    ? ` (live there now: ${answer.liveVersion}${
        answer.rollback ? ' — this is a ROLLBACK' : ''
      })`
    : ' (nothing live there yet)';
  lines.push(
    `Can ${answer.service} ${answer.version} go to ${answer.environment}? ${verdict}${live}`,
  );
  lines.push('');
  const rows = answer.reasons.map(reason => [
    reason.ok ? 'ok' : 'NO',
    reason.check,
    reason.status,
    reason.entityRefs.map(shortRef).join(', ') || '-',
    reason.detail,
  ]);
  const header = ['', 'CHECK', 'STATUS', 'ABOUT', 'DETAIL'];
  const widths = [2, 17, 7, 22];
  for (const row of [header, ...rows]) {
    lines.push(
      `${row
        .slice(0, 4)
        .map((value, i) => cell(value, widths[i]))
        .join('  ')}  ${row[4]}`,
    );
  }
  lines.push('');
  const impact = answer.impact;
  const domains = impact.domains
    .map(
      d => `${answer.titles[d.domainRef] || shortRef(d.domainRef)} ${d.impact}`,
    )
    .join(', ');
  lines.push(
    `If ${answer.service} fails: users ${impact.users}; ${
      impact.domainCount
    } other domain(s) affected${domains ? ` (${domains})` : ''}.`,
  );
  if (answer.verdictId) {
    lines.push(`Recorded as verdict ${answer.verdictId}.`);
  }
  return lines.join('\n');
}

/**
 * Asks the gate. Resolves with the exit code; writes to `out` / `err`.
 */
async function run(argv, options = {}) {
  const env = options.env || process.env;
  const out = options.out || (text => process.stdout.write(`${text}\n`));
  const err = options.err || (text => process.stderr.write(`${text}\n`));
  let parsed;
  try {
    parsed = parseArgs(argv, env);
  } catch (error) {
    if (error instanceof UsageError) {
      err(`${error.message}\n\n${USAGE}`);
      return EXIT_ERROR;
    }
    throw error;
  }
  if (parsed.help) {
    out(USAGE);
    return EXIT_DEPLOYABLE;
  }
  const token = env.DOMAIN_SPLIT_TOKEN;
  if (!token) {
    err(
      'DOMAIN_SPLIT_TOKEN is not set: the gate needs a Backstage service token (backend.auth.externalAccess).',
    );
    return EXIT_ERROR;
  }
  const url = `${
    parsed.url
  }/api/domain-split/can-i-deploy?${new URLSearchParams(parsed.query)}`;
  let response;
  try {
    response = await fetch(url, {
      headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
      signal: AbortSignal.timeout(parsed.timeoutMs),
    });
  } catch (error) {
    err(
      `Could not reach the portal at ${parsed.url}: ${
        (error && error.cause && error.cause.code) || error.message
      }`,
    );
    return EXIT_ERROR;
  }
  const text = await response.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (!response.ok || !body || typeof body.deployable !== 'boolean') {
    const message =
      (body && body.error && body.error.message) || text.slice(0, 500);
    err(`The portal answered ${response.status}: ${message}`);
    return EXIT_ERROR;
  }
  out(parsed.json ? JSON.stringify(body, null, 2) : formatAnswer(body));
  return body.deployable ? EXIT_DEPLOYABLE : EXIT_NOT_DEPLOYABLE;
}

module.exports = { parseArgs, formatAnswer, run, UsageError };

if (require.main === module) {
  run(process.argv.slice(2)).then(
    code => {
      process.exitCode = code;
    },
    error => {
      process.stderr.write(`${error.stack || error}\n`);
      process.exitCode = EXIT_ERROR;
    },
  );
}
