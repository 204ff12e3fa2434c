/*
 * The generic CI event, version 1 (see README.md and src/schema/openapi.yaml):
 *
 *   { specVersion?: 1, id, type: deployment|release|test_run, occurredAt, service, version,
 *     environment, status, rollback, suite, result, verifiedAgainst, pipeline: { id, url, repository },
 *     commit }
 *
 * `verifiedAgainst` (contract test runs only): the counterpart services and versions whose
 * contract with this service at this version the run checked, with the run's result.
 */
import { InputError } from '@backstage/errors';
import {
  ciServiceKey,
  versionKey,
  VerifiedCounterpart,
} from '@internal/plugin-domain-split-common';
import { z } from 'zod';
import { CiEvent } from './types';

/** How far in the future an event's own time may lie (clock skew between CI and us). */
const MAX_FUTURE_SKEW_MS = 60 * 60 * 1000;

const name = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
    'must start with a letter or digit and contain only letters, digits, ".", "_" and "-"',
  );
const text = (max: number) => z.string().trim().min(1).max(max);

const occurredAt = z
  .string()
  .datetime({
    offset: true,
    message: 'must be an ISO 8601 date-time with a time zone',
  })
  .transform((value, ctx) => {
    const time = Date.parse(value);
    if (time > Date.now() + MAX_FUTURE_SKEW_MS) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: 'lies more than an hour in the future',
      });
      return z.NEVER;
    }
    return new Date(time).toISOString();
  });

const base = {
  specVersion: z.literal(1).optional(),
  id: text(200),
  occurredAt,
  service: name,
  version: text(100),
  pipeline: z
    .object({
      id: text(255).optional(),
      url: z.string().url().max(2000).optional(),
      repository: text(255).optional(),
    })
    .strict()
    .optional(),
  commit: text(255).optional(),
};

const deployment = z
  .object({
    ...base,
    type: z.literal('deployment'),
    environment: name,
    status: z.enum(['success', 'failure', 'in_progress', 'rolled_back']),
    rollback: z.boolean().optional(),
  })
  .strict();

const release = z
  .object({
    ...base,
    type: z.literal('release'),
    // Accepted for senders that always send it; a release is not tied to an environment.
    environment: name.optional(),
  })
  .strict();

/** The most counterparts one contract run may name (a pipeline verifies a handful). */
const MAX_VERIFIED_AGAINST = 100;

const verifiedCounterpart = z
  .object({ service: name, version: text(100) })
  .strict();

const testRun = z
  .object({
    ...base,
    type: z.literal('test_run'),
    suite: z.enum(['domain', 'contract']),
    result: z.enum(['passed', 'failed']),
    // Accepted for senders that always send it; test runs are per version, not environment.
    environment: name.optional(),
    verifiedAgainst: z
      .array(verifiedCounterpart)
      .min(1)
      .max(MAX_VERIFIED_AGAINST)
      .optional(),
  })
  .strict();

const EVENT_TYPES = ['deployment', 'release', 'test_run'] as const;

const ciEventSchema = z
  .discriminatedUnion('type', [deployment, release, testRun])
  .superRefine((event, ctx) => {
    if (event.type !== 'test_run' || !event.verifiedAgainst) return;
    if (event.suite !== 'contract') {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['verifiedAgainst'],
        message: 'only contract test runs (suite "contract") name counterparts',
      });
    }
    event.verifiedAgainst.forEach((counterpart, i) => {
      if (ciServiceKey(counterpart.service) === ciServiceKey(event.service)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['verifiedAgainst', i, 'service'],
          message: 'names the service itself; a contract has two sides',
        });
      }
    });
  });

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map(issue => {
      const field = issue.path.length ? issue.path.join('.') : 'body';
      if (
        issue.code === z.ZodIssueCode.invalid_type &&
        issue.received === 'undefined'
      ) {
        return `${field}: is required`;
      }
      if (issue.code === z.ZodIssueCode.unrecognized_keys) {
        return `${field}: unknown field(s) ${issue.keys.join(', ')}`;
      }
      return `${field}: ${issue.message}`;
    })
    .join('; ');
}

/** The same counterpart (service name and version, as compared everywhere) listed twice once. */
function dedupeCounterparts(
  counterparts: VerifiedCounterpart[],
): VerifiedCounterpart[] {
  const seen = new Set<string>();
  return counterparts.filter(({ service, version }) => {
    const key = `${ciServiceKey(service)}\u0000${versionKey(version)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Validates a parsed JSON body as a generic v1 CI event and normalises it.
 * Throws an `InputError` naming the offending fields.
 * @internal
 */
export function parseCiEvent(body: unknown): CiEvent {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InputError('Invalid CI event: the body must be a JSON object');
  }
  const record = body as Record<string, unknown>;
  if (record.specVersion !== undefined && record.specVersion !== 1) {
    throw new InputError(
      `Invalid CI event: specVersion: unsupported version ${JSON.stringify(
        record.specVersion,
      )} (this backend understands 1)`,
    );
  }
  if (record.type === undefined) {
    throw new InputError('Invalid CI event: type: is required');
  }
  if (!EVENT_TYPES.includes(record.type as (typeof EVENT_TYPES)[number])) {
    throw new InputError(
      `Invalid CI event: type: unknown event type ${JSON.stringify(
        record.type,
      )} (expected one of ${EVENT_TYPES.join(', ')})`,
    );
  }
  const parsed = ciEventSchema.safeParse(body);
  if (!parsed.success) {
    throw new InputError(`Invalid CI event: ${describeIssues(parsed.error)}`);
  }
  const event = parsed.data;
  const common = {
    eventId: event.id,
    service: event.service,
    version: event.version,
    occurredAt: event.occurredAt,
    ...(event.commit ? { commit: event.commit } : {}),
    ...(event.pipeline?.id ? { pipelineId: event.pipeline.id } : {}),
    ...(event.pipeline?.url ? { pipelineUrl: event.pipeline.url } : {}),
    ...(event.pipeline?.repository
      ? { repository: event.pipeline.repository }
      : {}),
  };
  switch (event.type) {
    case 'deployment':
      return {
        ...common,
        type: 'deployment',
        environment: event.environment,
        status: event.status,
        explicitRollback:
          event.rollback === true || event.status === 'rolled_back',
      };
    case 'release':
      return { ...common, type: 'release' };
    case 'test_run':
      return {
        ...common,
        type: 'test_run',
        suite: event.suite,
        result: event.result,
        ...(event.verifiedAgainst
          ? { verifiedAgainst: dedupeCounterparts(event.verifiedAgainst) }
          : {}),
      };
    default:
      throw new InputError('Invalid CI event: type: unknown event type');
  }
}
