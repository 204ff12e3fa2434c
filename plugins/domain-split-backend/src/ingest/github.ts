/*
 * GitHub webhook deliveries mapped to CI events.
 *
 * - `deployment_status` → deployment. Service: `deployment.payload.service`, else the repository
 *   name. Version: `deployment.payload.version`, else `deployment.ref`, else the commit SHA.
 *   State success → success; failure/error → failure; queued/pending/in_progress → in_progress;
 *   `inactive` (a deployment superseded by a newer one) is ignored. Rollback:
 *   `deployment.payload.rollback: true`. Pipeline id: the workflow run id, when GitHub Actions
 *   created the deployment (so services deployed by one run are seen as deployed in lockstep).
 * - `workflow_run` with action `completed` → test_run when the workflow's name says it runs
 *   contract tests ("contract") or domain tests ("domain" and "test"). Service: a name in
 *   brackets or parentheses in the workflow name (`Contract tests (orders-service)`), else the
 *   repository name. Version: the head branch when it is a version tag (`v3.2.1`), else the head
 *   commit SHA; the commit is always the head SHA, and runs cover deployments of the same
 *   version *or* the same commit (deployments carry `deployment.sha`). The workflow is kept as
 *   `<owner>/<repo>:<path>`: in a monorepo, a Component claims its workflows with the
 *   `domain-split/github-workflow` annotation, and their runs count for it whatever the
 *   service name. Conclusion success → passed; failure/timed_out/startup_failure → failed;
 *   other conclusions (cancelled, skipped, …) are ignored.
 * - A monorepo deploying several services names each deployment's service in
 *   `deployment.payload.service` (else the repository name is the service).
 * - `repository_dispatch` with action (event type) `domain-split-contract-verification` → a
 *   contract test run with `verifiedAgainst`, from a Pact-style verification in
 *   `client_payload`: `{ consumer: { name, version }, provider: { name, version }, success,
 *   verifiedAt?, verificationResultUrl? }` (the consumer's run, verified against the provider;
 *   stored both ways round). `workflow_run` cannot carry counterparts: GitHub sends no
 *   workflow inputs with it.
 * - `ping` is answered; every other event is ignored (2xx, nothing stored).
 */
import { InputError } from '@backstage/errors';
import { z } from 'zod';
import { parseVersion } from '@internal/plugin-domain-split-common';
import { parseCiEvent } from './ciEvent';
import { CiEvent } from './types';

/**
 * The `repository_dispatch` event type that carries a contract verification.
 * @internal
 */
export const CONTRACT_VERIFICATION_DISPATCH =
  'domain-split-contract-verification';

const pacticipant = z
  .object({ name: z.string(), version: z.string() })
  .passthrough();

const repositoryDispatchPayload = z
  .object({
    action: z.string(),
    client_payload: z.unknown().optional(),
    repository: z
      .object({ name: z.string().min(1), full_name: z.string().min(1) })
      .passthrough(),
  })
  .passthrough();

const contractVerificationPayload = z
  .object({
    consumer: pacticipant,
    provider: pacticipant,
    success: z.boolean(),
    verifiedAt: z.string().optional(),
    verificationResultUrl: z.string().optional(),
  })
  .passthrough();

/**
 * What to do with one GitHub delivery.
 * @internal
 */
export type GithubMapping =
  | { kind: 'event'; event: CiEvent }
  | { kind: 'ping'; zen?: string }
  | { kind: 'ignored'; reason: string };

const repository = z
  .object({ name: z.string().min(1), full_name: z.string().min(1) })
  .passthrough();

const deploymentStatusPayload = z
  .object({
    deployment_status: z
      .object({
        state: z.string(),
        environment: z.string().min(1).optional(),
        created_at: z.string().datetime({ offset: true }),
        target_url: z.string().nullish(),
        log_url: z.string().nullish(),
      })
      .passthrough(),
    deployment: z
      .object({
        id: z.number(),
        sha: z.string().min(1),
        ref: z.string().nullish(),
        environment: z.string().min(1),
        payload: z.unknown().optional(),
      })
      .passthrough(),
    repository,
    workflow_run: z
      .object({ id: z.number(), html_url: z.string().nullish() })
      .passthrough()
      .nullish(),
  })
  .passthrough();

const workflowRunPayload = z
  .object({
    action: z.string(),
    workflow_run: z
      .object({
        id: z.number(),
        name: z.string().nullish(),
        head_sha: z.string().min(1),
        head_branch: z.string().nullish(),
        path: z.string().nullish(),
        conclusion: z.string().nullish(),
        html_url: z.string().nullish(),
        updated_at: z.string().datetime({ offset: true }),
      })
      .passthrough(),
    repository,
  })
  .passthrough();

function parse<T>(schema: z.ZodType<T>, body: unknown, event: string): T {
  const result = schema.safeParse(body);
  if (!result.success) {
    const fields = result.error.issues
      .map(issue => `${issue.path.join('.') || 'body'}: ${issue.message}`)
      .join('; ');
    throw new InputError(`Invalid GitHub ${event} payload: ${fields}`);
  }
  return result.data;
}

function payloadString(payload: unknown, key: string): string | undefined {
  if (typeof payload === 'string') {
    // GitHub keeps the payload as given when creating the deployment; it may be a JSON string.
    try {
      return payloadString(JSON.parse(payload), key);
    } catch {
      return undefined;
    }
  }
  if (payload && typeof payload === 'object' && !Array.isArray(payload)) {
    const value = (payload as Record<string, unknown>)[key];
    if (typeof value === 'string' && value.trim()) {
      return value.trim();
    }
    if (typeof value === 'boolean') {
      return String(value);
    }
  }
  return undefined;
}

const DEPLOYMENT_STATES: Record<string, 'success' | 'failure' | 'in_progress'> =
  {
    success: 'success',
    failure: 'failure',
    error: 'failure',
    in_progress: 'in_progress',
    queued: 'in_progress',
    pending: 'in_progress',
  };

const WORKFLOW_CONCLUSIONS: Record<string, 'passed' | 'failed'> = {
  success: 'passed',
  failure: 'failed',
  timed_out: 'failed',
  startup_failure: 'failed',
};

function suiteOfWorkflow(name: string): 'contract' | 'domain' | undefined {
  if (/contract/i.test(name)) {
    return 'contract';
  }
  if (/domain/i.test(name) && /test/i.test(name)) {
    return 'domain';
  }
  return undefined;
}

function serviceOfWorkflow(name: string): string | undefined {
  const match = /[[(]\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*[\])]/.exec(name);
  return match?.[1];
}

/** Values we store must fit their columns; GitHub gives no such guarantee for payload fields. */
function checked(event: CiEvent): GithubMapping {
  for (const field of ['service', 'version', 'environment'] as const) {
    const value = (event as unknown as Record<string, unknown>)[field];
    if (
      typeof value === 'string' &&
      (value.length === 0 || value.length > 255)
    ) {
      throw new InputError(
        `Invalid GitHub payload: ${field} must be 1 to 255 characters long`,
      );
    }
  }
  return { kind: 'event', event };
}

/**
 * Maps one GitHub delivery (already authenticated) to a CI event, a ping, or "ignored".
 * Throws an `InputError` when an event we map lacks a field we need.
 * @internal
 */
export function mapGithubDelivery(
  eventName: string,
  deliveryId: string,
  body: unknown,
  /** The time of receipt: the verification's time when its payload names none. */
  now: Date = new Date(),
): GithubMapping {
  const eventId = `github:${deliveryId}`;
  if (eventName === 'ping') {
    const zen = (body as { zen?: unknown } | null)?.zen;
    return typeof zen === 'string' ? { kind: 'ping', zen } : { kind: 'ping' };
  }

  if (eventName === 'deployment_status') {
    const payload = parse(deploymentStatusPayload, body, eventName);
    const { deployment_status: status, deployment } = payload;
    if (status.state === 'inactive') {
      return {
        kind: 'ignored',
        reason:
          'deployment_status "inactive" only says a newer deployment superseded this one',
      };
    }
    const mapped = DEPLOYMENT_STATES[status.state];
    if (!mapped) {
      throw new InputError(
        `Invalid GitHub deployment_status payload: deployment_status.state: unknown state "${status.state}"`,
      );
    }
    const pipelineUrl =
      status.log_url ?? status.target_url ?? payload.workflow_run?.html_url;
    return checked({
      type: 'deployment',
      eventId,
      service:
        payloadString(deployment.payload, 'service') ?? payload.repository.name,
      version:
        payloadString(deployment.payload, 'version') ??
        deployment.ref ??
        deployment.sha,
      environment: status.environment ?? deployment.environment,
      status: mapped,
      explicitRollback:
        payloadString(deployment.payload, 'rollback') === 'true',
      occurredAt: new Date(status.created_at).toISOString(),
      commit: deployment.sha,
      repository: payload.repository.full_name,
      ...(payload.workflow_run
        ? { pipelineId: String(payload.workflow_run.id) }
        : {}),
      ...(pipelineUrl ? { pipelineUrl } : {}),
    });
  }

  if (eventName === 'workflow_run') {
    const payload = parse(workflowRunPayload, body, eventName);
    const run = payload.workflow_run;
    if (payload.action !== 'completed') {
      return {
        kind: 'ignored',
        reason: `workflow_run "${payload.action}": only completed runs are recorded`,
      };
    }
    const workflowName = run.name ?? '';
    const suite = suiteOfWorkflow(workflowName);
    if (!suite) {
      return {
        kind: 'ignored',
        reason: `workflow "${workflowName}" is not a contract or domain test suite`,
      };
    }
    const result = WORKFLOW_CONCLUSIONS[run.conclusion ?? ''];
    if (!result) {
      return {
        kind: 'ignored',
        reason: `workflow_run conclusion "${run.conclusion}" is neither a pass nor a failure`,
      };
    }
    const version =
      run.head_branch && parseVersion(run.head_branch)
        ? run.head_branch
        : run.head_sha;
    return checked({
      type: 'test_run',
      eventId,
      service: serviceOfWorkflow(workflowName) ?? payload.repository.name,
      version,
      suite,
      result,
      occurredAt: new Date(run.updated_at).toISOString(),
      commit: run.head_sha,
      pipelineId: String(run.id),
      repository: payload.repository.full_name,
      ...(run.path
        ? { workflow: `${payload.repository.full_name}:${run.path}` }
        : {}),
      ...(run.html_url ? { pipelineUrl: run.html_url } : {}),
    });
  }

  if (eventName === 'repository_dispatch') {
    const payload = parse(repositoryDispatchPayload, body, eventName);
    if (payload.action !== CONTRACT_VERIFICATION_DISPATCH) {
      return {
        kind: 'ignored',
        reason: `repository_dispatch "${payload.action}": only "${CONTRACT_VERIFICATION_DISPATCH}" is recorded`,
      };
    }
    const verification = parse(
      contractVerificationPayload,
      payload.client_payload,
      `${eventName} client_payload`,
    );
    // Validated exactly like a generic event (names, lengths, times, the counterpart).
    try {
      const event = parseCiEvent({
        id: eventId,
        type: 'test_run',
        occurredAt: verification.verifiedAt ?? now.toISOString(),
        service: verification.consumer.name,
        version: verification.consumer.version,
        suite: 'contract',
        result: verification.success ? 'passed' : 'failed',
        verifiedAgainst: [
          {
            service: verification.provider.name,
            version: verification.provider.version,
          },
        ],
        pipeline: {
          repository: payload.repository.full_name,
          ...(verification.verificationResultUrl
            ? { url: verification.verificationResultUrl }
            : {}),
        },
      });
      return { kind: 'event', event };
    } catch (error) {
      throw new InputError(
        `Invalid GitHub repository_dispatch client_payload: ${(
          error as Error
        ).message.replace(/^Invalid CI event: /, '')}`,
      );
    }
  }

  return {
    kind: 'ignored',
    reason: `GitHub event "${eventName}" is not used by Domain Split (deployment_status, workflow_run, repository_dispatch and ping are)`,
  };
}
