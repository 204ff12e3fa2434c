import fs from 'node:fs';
import path from 'node:path';
import { mapGithubDelivery } from './github';

/** A trimmed `deployment_status` delivery as GitHub Actions sends it. */
function deploymentStatusPayload(
  overrides: {
    state?: string;
    payload?: unknown;
    ref?: string;
    workflowRunId?: number;
  } = {},
) {
  return {
    action: 'created',
    deployment_status: {
      id: 1,
      state: overrides.state ?? 'success',
      environment: 'production',
      created_at: '2026-11-01T10:00:00Z',
      target_url: 'https://github.com/org/mono/actions/runs/77',
      log_url: 'https://github.com/org/mono/actions/runs/77/job/1',
    },
    deployment: {
      id: 9,
      sha: '9f2c1e7aa',
      ref: overrides.ref ?? 'v3.2.1',
      environment: 'production',
      payload: overrides.payload ?? {},
    },
    repository: { name: 'orders-service', full_name: 'org/orders-service' },
    ...(overrides.workflowRunId
      ? { workflow_run: { id: overrides.workflowRunId, html_url: 'https://x' } }
      : {}),
  };
}

describe('mapGithubDelivery', () => {
  it('maps deployment_status to a deployment', () => {
    expect(
      mapGithubDelivery(
        'deployment_status',
        'guid-1',
        deploymentStatusPayload({ workflowRunId: 77 }),
      ),
    ).toEqual({
      kind: 'event',
      event: {
        type: 'deployment',
        eventId: 'github:guid-1',
        service: 'orders-service',
        version: 'v3.2.1',
        environment: 'production',
        status: 'success',
        explicitRollback: false,
        occurredAt: '2026-11-01T10:00:00.000Z',
        commit: '9f2c1e7aa',
        repository: 'org/orders-service',
        pipelineId: '77',
        pipelineUrl: 'https://github.com/org/mono/actions/runs/77/job/1',
      },
    });
  });

  it('takes service, version and rollback from the deployment payload (object or JSON text)', () => {
    for (const payload of [
      { service: 'payments-service', version: '1.9.4', rollback: true },
      JSON.stringify({
        service: 'payments-service',
        version: '1.9.4',
        rollback: true,
      }),
    ]) {
      const mapping = mapGithubDelivery(
        'deployment_status',
        'guid-2',
        deploymentStatusPayload({ payload }),
      );
      expect(mapping).toMatchObject({
        kind: 'event',
        event: {
          service: 'payments-service',
          version: '1.9.4',
          explicitRollback: true,
        },
      });
    }
  });

  it('maps states, ignores inactive and rejects unknown states', () => {
    const status = (state: string) => {
      const m = mapGithubDelivery(
        'deployment_status',
        'g',
        deploymentStatusPayload({ state }),
      );
      return m.kind === 'event' && m.event.type === 'deployment'
        ? m.event.status
        : m.kind;
    };
    expect(status('error')).toBe('failure');
    expect(status('queued')).toBe('in_progress');
    expect(status('inactive')).toBe('ignored');
    expect(() => status('exploded')).toThrow(/deployment_status.state/);
  });

  it('names the missing field of a deployment_status', () => {
    const payload = deploymentStatusPayload() as any;
    delete payload.deployment.sha;
    expect(() => mapGithubDelivery('deployment_status', 'g', payload)).toThrow(
      /deployment.sha: Required/,
    );
  });

  it('maps a completed contract-test workflow run to a test run', () => {
    const run = (name: string, conclusion = 'success', action = 'completed') =>
      mapGithubDelivery('workflow_run', 'guid-3', {
        action,
        workflow_run: {
          id: 55,
          name,
          head_sha: 'abc1234',
          head_branch: 'v1.9.4',
          conclusion,
          html_url: 'https://github.com/org/mono/actions/runs/55',
          updated_at: '2026-11-01T09:00:00Z',
        },
        repository: { name: 'mono', full_name: 'org/mono' },
      });
    expect(run('Contract tests (payments-service)')).toEqual({
      kind: 'event',
      event: {
        type: 'test_run',
        eventId: 'github:guid-3',
        service: 'payments-service',
        version: 'v1.9.4',
        suite: 'contract',
        result: 'passed',
        occurredAt: '2026-11-01T09:00:00.000Z',
        commit: 'abc1234',
        pipelineId: '55',
        pipelineUrl: 'https://github.com/org/mono/actions/runs/55',
        repository: 'org/mono',
      },
    });
    expect(run('Domain tests', 'failure')).toMatchObject({
      event: { suite: 'domain', result: 'failed', service: 'mono' },
    });
    expect(run('Build')).toMatchObject({ kind: 'ignored' });
    expect(run('Contract tests', 'cancelled')).toMatchObject({
      kind: 'ignored',
    });
    expect(run('Contract tests', 'success', 'requested')).toMatchObject({
      kind: 'ignored',
    });
  });

  it('answers ping and ignores other events', () => {
    expect(
      mapGithubDelivery('ping', 'g', { zen: 'Design for failure.' }),
    ).toEqual({
      kind: 'ping',
      zen: 'Design for failure.',
    });
    expect(mapGithubDelivery('push', 'g', {})).toMatchObject({
      kind: 'ignored',
      reason: expect.stringContaining('"push"'),
    });
  });
});

describe('mapGithubDelivery repository_dispatch (contract verification)', () => {
  // A recorded delivery, as GitHub sends it after
  // `gh api repos/OWNER/REPO/dispatches -f event_type=domain-split-contract-verification …`.
  const recorded = JSON.parse(
    fs.readFileSync(
      path.join(
        __dirname,
        '__fixtures__',
        'repository_dispatch.contract-verification.json',
      ),
      'utf8',
    ),
  );

  it('maps the Pact-style verification to a contract run with verifiedAgainst', () => {
    expect(
      mapGithubDelivery('repository_dispatch', 'guid-7', recorded),
    ).toEqual({
      kind: 'event',
      event: {
        type: 'test_run',
        eventId: 'github:guid-7',
        service: 'orders-service',
        version: '3.2.1',
        suite: 'contract',
        result: 'passed',
        occurredAt: '2026-11-20T09:14:03.000Z',
        verifiedAgainst: [{ service: 'payments-service', version: '1.9.4' }],
        repository: 'aliexpress-platform/payments-service',
        pipelineUrl:
          'https://github.com/aliexpress-platform/payments-service/actions/runs/7312044551',
      },
    });
  });

  it('maps a failed verification, and uses the receipt time when none is given', () => {
    const { verifiedAt: _v, ...rest } = recorded.client_payload;
    const mapping = mapGithubDelivery(
      'repository_dispatch',
      'guid-8',
      { ...recorded, client_payload: { ...rest, success: false } },
      new Date('2026-11-21T00:00:00Z'),
    );
    expect(mapping).toMatchObject({
      kind: 'event',
      event: { result: 'failed', occurredAt: '2026-11-21T00:00:00.000Z' },
    });
  });

  it('ignores other dispatch types', () => {
    expect(
      mapGithubDelivery('repository_dispatch', 'guid-9', {
        ...recorded,
        action: 'deploy',
      }),
    ).toMatchObject({ kind: 'ignored' });
  });

  it('rejects a verification without a provider version or with a bad name', () => {
    expect(() =>
      mapGithubDelivery('repository_dispatch', 'guid-10', {
        ...recorded,
        client_payload: {
          ...recorded.client_payload,
          provider: { name: 'payments-service' },
        },
      }),
    ).toThrow(/client_payload.*provider\.version/);
    expect(() =>
      mapGithubDelivery('repository_dispatch', 'guid-11', {
        ...recorded,
        client_payload: {
          ...recorded.client_payload,
          provider: { name: 'payments service', version: '1' },
        },
      }),
    ).toThrow(/client_payload: verifiedAgainst\.0\.service/);
  });
});

describe('mapGithubDelivery with recorded monorepo payloads', () => {
  const recorded = (name: string) =>
    JSON.parse(
      fs.readFileSync(
        path.join(__dirname, '../service/__fixtures__/github', name),
        'utf8',
      ),
    );

  it('maps a monorepo deployment_status to the payload service and version, with the SHA', () => {
    expect(
      mapGithubDelivery(
        'deployment_status',
        'd-1',
        recorded('deployment_status.monorepo.json'),
      ),
    ).toEqual({
      kind: 'event',
      event: {
        type: 'deployment',
        eventId: 'github:d-1',
        service: 'orders-service',
        version: '3.3.0',
        environment: 'production',
        status: 'success',
        explicitRollback: false,
        occurredAt: '2026-11-20T14:03:11.000Z',
        commit: '9f2c1e7b4a3d5f60718293a4b5c6d7e8f9012345',
        repository: 'acme/platform',
        pipelineId: '11905520321',
        pipelineUrl:
          'https://github.com/acme/platform/actions/runs/11905520321/job/33175342111',
      },
    });
  });

  it('keeps the workflow of a contract run whose name names no service', () => {
    expect(
      mapGithubDelivery(
        'workflow_run',
        'w-1',
        recorded('workflow_run.contract.monorepo.json'),
      ),
    ).toEqual({
      kind: 'event',
      event: {
        type: 'test_run',
        eventId: 'github:w-1',
        service: 'platform',
        version: '9f2c1e7b4a3d5f60718293a4b5c6d7e8f9012345',
        suite: 'contract',
        result: 'passed',
        occurredAt: '2026-11-20T13:52:37.000Z',
        commit: '9f2c1e7b4a3d5f60718293a4b5c6d7e8f9012345',
        pipelineId: '11905377112',
        repository: 'acme/platform',
        workflow: 'acme/platform:.github/workflows/orders-contract.yml',
        pipelineUrl:
          'https://github.com/acme/platform/actions/runs/11905377112',
      },
    });
  });
});
