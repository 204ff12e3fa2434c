import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import {
  deploymentEvent,
  githubHeaders,
  rowCounts,
  SECRET_B,
  SECRET_UNKNOWN,
  standardWebhookHeaders,
  startPlugin,
  testConfig,
} from '../__testUtils__/testBackend';

jest.setTimeout(60_000);

const EMPTY = {
  ci_events: 0,
  deployments: 0,
  current_versions: 0,
  test_runs: 0,
  releases: 0,
  contract_verifications: 0,
  deploy_verdicts: 0,
};

describe('POST /api/domain-split/webhooks/ci', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    async function setup(config = testConfig()) {
      const knex = await databases.init(databaseId);
      const backend = await startPlugin({ knex, config });
      const post = (body: string, headers: Record<string, string>) =>
        request(backend.server)
          .post('/api/domain-split/webhooks/ci')
          .set(headers)
          .send(body);
      return { knex, backend, post };
    }

    it('accepts a signed event with 202 and the stored id, and serves it', async () => {
      const { backend, post } = await setup();
      const body = deploymentEvent({
        pipeline: { id: 'run-1', repository: 'org/mono' },
      });
      const res = await post(body, standardWebhookHeaders(body));
      expect(res.status).toBe(202);
      expect(res.body).toEqual({ id: 'evt-1', status: 'accepted' });

      const releases = await request(backend.server)
        .get('/api/domain-split/releases')
        .set('authorization', mockCredentials.user.header());
      expect(releases.status).toBe(200);
      expect(releases.body.current).toEqual([
        expect.objectContaining({
          service: 'orders-service',
          entityRef: 'component:default/orders-service',
          domainRef: 'domain:default/orders',
          version: '3.2.1',
          environment: 'production',
        }),
      ]);
    });

    it('accepts a secret being rotated in (the second configured secret)', async () => {
      const { post } = await setup();
      const body = deploymentEvent();
      const res = await post(
        body,
        standardWebhookHeaders(body, { secret: SECRET_B }),
      );
      expect(res.status).toBe(202);
    });

    it('refuses bad, missing and expired signatures with 401 and writes nothing', async () => {
      const { knex, post } = await setup();
      const body = deploymentEvent();
      const now = Math.floor(Date.now() / 1000);
      const cases: Array<[Record<string, string>, RegExp]> = [
        [
          standardWebhookHeaders(body, { secret: SECRET_UNKNOWN }),
          /no matching signature/,
        ],
        [
          { ...standardWebhookHeaders(body), 'webhook-signature': 'v1,AAAA' },
          /no matching signature/,
        ],
        [
          standardWebhookHeaders(body, { timestamp: now - 10 * 60 }),
          /5 minutes in the past/,
        ],
        [{ 'content-type': 'application/json' }, /Missing signature header/],
      ];
      for (const [headers, message] of cases) {
        const res = await post(body, headers);
        expect(res.status).toBe(401);
        expect(res.body.error.message).toMatch(message);
      }
      // Signed for another body.
      const tampered = await post(
        deploymentEvent({ version: '6.6.6' }),
        standardWebhookHeaders(body),
      );
      expect(tampered.status).toBe(401);
      expect(await rowCounts(knex)).toEqual(EMPTY);
    });

    it('answers bad input with 415, 413 and 400 and writes nothing', async () => {
      const { knex, post, backend } = await setup();

      const text = await post('hello', {
        ...standardWebhookHeaders('hello'),
        'content-type': 'text/plain',
      });
      expect(text.status).toBe(415);
      expect(text.body.error.message).toMatch(
        /Content-Type must be application\/json/,
      );

      const big = deploymentEvent({ version: '1'.repeat(5000) });
      const tooLarge = await post(big, standardWebhookHeaders(big));
      expect(tooLarge.status).toBe(413);
      expect(tooLarge.body.error.message).toMatch(/exceeds 4096 bytes/);

      const malformed = '{"id": "evt-1",';
      const bad = await post(malformed, standardWebhookHeaders(malformed));
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/Malformed JSON/);

      const unknownType = deploymentEvent({ type: 'build' });
      const unknown = await post(
        unknownType,
        standardWebhookHeaders(unknownType),
      );
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.message).toMatch(
        /type: unknown event type "build"/,
      );

      const missing = deploymentEvent({ environment: undefined });
      const noEnv = await post(missing, standardWebhookHeaders(missing));
      expect(noEnv.status).toBe(400);
      expect(noEnv.body.error.message).toMatch(/environment: is required/);

      const noCounterpart = JSON.stringify({
        id: 'c-1',
        type: 'test_run',
        occurredAt: '2026-11-01T10:00:00.000Z',
        service: 'orders-service',
        version: '3.2.1',
        suite: 'contract',
        result: 'passed',
        verifiedAgainst: [
          { service: 'payments-service', version: '1.9.4' },
          { version: '1.9.4' },
        ],
      });
      const badPair = await post(
        noCounterpart,
        standardWebhookHeaders(noCounterpart),
      );
      expect(badPair.status).toBe(400);
      expect(badPair.body.error.message).toMatch(
        /verifiedAgainst\.1\.service: is required/,
      );

      // A chunked body without Content-Length is cut off by the streaming limit.
      const chunked = await postChunked(backend.server, 'x'.repeat(10_000));
      expect(chunked.status).toBe(413);

      expect(await rowCounts(knex)).toEqual(EMPTY);
    });

    it('answers a repeated delivery with 200 and changes nothing', async () => {
      const { knex, post } = await setup();
      const body = deploymentEvent();
      const first = await post(body, standardWebhookHeaders(body));
      expect(first.status).toBe(202);
      const changed = deploymentEvent({ version: '9.9.9' }); // same id, other content
      const second = await post(changed, standardWebhookHeaders(changed));
      expect(second.status).toBe(200);
      expect(second.body).toEqual({ id: 'evt-1', status: 'duplicate' });
      expect(await rowCounts(knex)).toMatchObject({
        ci_events: 1,
        deployments: 1,
      });
      expect((await knex('current_versions').first()).version).toBe('3.2.1');
    });

    it('stores one row when two identical deliveries arrive at once', async () => {
      const { knex, post } = await setup();
      const body = deploymentEvent();
      const headers = standardWebhookHeaders(body);
      const [a, b] = await Promise.all([
        post(body, headers),
        post(body, headers),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 202]);
      expect(await rowCounts(knex)).toEqual({
        ...EMPTY,
        ci_events: 1,
        deployments: 1,
        current_versions: 1,
      });
    });

    it('accepts a service token without a signature; refuses user and invalid tokens', async () => {
      const { knex, post } = await setup();
      const body = deploymentEvent();
      const ok = await post(body, {
        'content-type': 'application/json',
        authorization: mockCredentials.service.header(),
      });
      expect(ok.status).toBe(202);
      const raw = await knex('ci_events').first();
      expect(raw.authenticated_by).toBe('service-token');
      expect(raw.headers).not.toMatch(/authorization/i);

      const other = deploymentEvent({ id: 'evt-2' });
      const user = await post(other, {
        'content-type': 'application/json',
        authorization: mockCredentials.user.header(),
      });
      expect(user.status).toBe(403);
      const invalid = await post(other, {
        ...standardWebhookHeaders(other), // a valid signature does not rescue a bad token
        authorization: mockCredentials.service.invalidHeader(),
      });
      expect(invalid.status).toBe(401);
      expect(await rowCounts(knex)).toMatchObject({ ci_events: 1 });
    });

    it('refuses signed deliveries with 503 when no secret is configured, but takes service tokens', async () => {
      const { knex, post } = await setup(
        testConfig({ webhooks: { standardWebhooks: { secrets: [] } } }),
      );
      const body = deploymentEvent();
      const signed = await post(body, standardWebhookHeaders(body));
      expect(signed.status).toBe(503);
      expect(signed.body.error.message).toMatch(
        /domainSplit\.webhooks\.standardWebhooks\.secrets/,
      );
      const unsigned = await post(body, { 'content-type': 'application/json' });
      expect(unsigned.status).toBe(503);
      expect(await rowCounts(knex)).toEqual(EMPTY);

      const token = await post(body, {
        'content-type': 'application/json',
        authorization: mockCredentials.service.header(),
      });
      expect(token.status).toBe(202);
    });

    it('answers 500 when the database fails, and keeps nothing of the event', async () => {
      const { knex, post } = await setup();
      await knex.schema.dropTable('current_versions');
      const body = deploymentEvent();
      const res = await post(body, standardWebhookHeaders(body));
      expect(res.status).toBe(500);
      expect((await knex('ci_events')).length).toBe(0);
      expect((await knex('deployments')).length).toBe(0);
    });

    it('answers every concurrent delivery once its batch committed: 202 once per id, 200 for the copies', async () => {
      const { knex, post } = await setup();
      const bodies = Array.from({ length: 12 }, (_, i) =>
        i % 3 === 2
          ? JSON.stringify({
              id: `run-${i}`,
              type: 'test_run',
              occurredAt: '2026-11-01T09:00:00.000Z',
              service: 'orders-service',
              version: '3.2.1',
              suite: 'contract',
              result: 'passed',
            })
          : deploymentEvent({
              id: `evt-${i}`,
              version: `3.${i}.0`,
              occurredAt: `2026-11-01T10:${String(i).padStart(2, '0')}:00.000Z`,
            }),
      );
      const sent = [...bodies, bodies[0], bodies[2], bodies[4], bodies[0]];
      const responses = await Promise.all(
        sent.map(body => post(body, standardWebhookHeaders(body))),
      );
      const accepted = responses.filter(r => r.status === 202);
      const duplicates = responses.filter(r => r.status === 200);
      expect(accepted.length + duplicates.length).toBe(sent.length);
      expect(accepted.map(r => r.body.id).sort()).toEqual(
        bodies.map(b => JSON.parse(b).id).sort(),
      );
      expect(duplicates.map(r => r.body.status)).toEqual([
        'duplicate',
        'duplicate',
        'duplicate',
        'duplicate',
      ]);
      expect(await rowCounts(knex)).toEqual({
        ...EMPTY,
        ci_events: 12,
        deployments: 8,
        current_versions: 1,
        test_runs: 4,
      });
      expect((await knex('current_versions').first()).version).toBe('3.10.0');
    });

    it('answers 500 to every concurrent delivery when the database fails, and keeps nothing of any', async () => {
      const { knex, post } = await setup();
      await knex.schema.dropTable('current_versions');
      const bodies = Array.from({ length: 10 }, (_, i) =>
        deploymentEvent({ id: `evt-${i % 8}`, version: `3.${i}.0` }),
      );
      const responses = await Promise.all(
        bodies.map(body => post(body, standardWebhookHeaders(body))),
      );
      expect(responses.map(r => r.status)).toEqual(bodies.map(() => 500));
      expect((await knex('ci_events')).length).toBe(0);
      expect((await knex('deployments')).length).toBe(0);
    });
  });
});

describe('POST /api/domain-split/webhooks/github', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  async function setup(config = testConfig()) {
    const knex = await databases.init('SQLITE_3');
    const backend = await startPlugin({ knex, config });
    const post = (body: string, headers: Record<string, string>) =>
      request(backend.server)
        .post('/api/domain-split/webhooks/github')
        .set(headers)
        .send(body);
    return { knex, backend, post };
  }

  const deploymentStatus = JSON.stringify({
    action: 'created',
    deployment_status: {
      state: 'success',
      environment: 'production',
      created_at: '2026-11-01T10:00:00Z',
      log_url: 'https://github.com/org/mono/actions/runs/77/job/1',
    },
    deployment: {
      id: 9,
      sha: '9f2c1e7aa',
      ref: 'main',
      environment: 'production',
      payload: { service: 'payments', version: '1.9.4' },
    },
    repository: { name: 'mono', full_name: 'org/mono' },
    workflow_run: { id: 77 },
  });

  it('maps a signed deployment_status to a deployment (matched through the CI alias)', async () => {
    const { backend, post } = await setup();
    const res = await post(
      deploymentStatus,
      githubHeaders(deploymentStatus, 'deployment_status', 'd-1'),
    );
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ id: 'github:d-1', status: 'accepted' });

    const again = await post(
      deploymentStatus,
      githubHeaders(deploymentStatus, 'deployment_status', 'd-1'),
    );
    expect(again.status).toBe(200);
    expect(again.body.status).toBe('duplicate');

    const history = await request(backend.server)
      .get('/api/domain-split/releases/payments-service/history')
      .set('authorization', mockCredentials.user.header());
    expect(history.status).toBe(200);
    expect(history.body.deployments).toEqual([
      expect.objectContaining({
        eventId: 'github:d-1',
        service: 'payments',
        entityRef: 'component:default/payments-service',
        version: '1.9.4',
        pipelineId: '77',
        repository: 'org/mono',
      }),
    ]);
  });

  it('answers ping and ignores other events with 200, storing nothing', async () => {
    const { knex, post } = await setup();
    const ping = JSON.stringify({
      zen: 'Keep it logically awesome.',
      hook_id: 1,
    });
    const pong = await post(ping, githubHeaders(ping, 'ping', 'p-1'));
    expect(pong.status).toBe(200);
    expect(pong.body).toEqual({
      status: 'pong',
      zen: 'Keep it logically awesome.',
    });

    const push = JSON.stringify({ ref: 'refs/heads/main' });
    const ignored = await post(push, githubHeaders(push, 'push', 'p-2'));
    expect(ignored.status).toBe(200);
    expect(ignored.body.status).toBe('ignored');
    expect(ignored.body.reason).toMatch(/"push" is not used/);
    expect(await rowCounts(knex)).toEqual(EMPTY);
  });

  it('refuses bad signatures (401), missing headers (400) and a closed route (503)', async () => {
    const { knex, post } = await setup();
    const wrong = await post(
      deploymentStatus,
      githubHeaders(
        deploymentStatus,
        'deployment_status',
        'd-1',
        'wrong-secret',
      ),
    );
    expect(wrong.status).toBe(401);
    const { 'x-github-delivery': _d, ...noDelivery } = githubHeaders(
      deploymentStatus,
      'deployment_status',
      'd-1',
    );
    const missing = await post(deploymentStatus, noDelivery);
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/X-GitHub-Delivery/);
    const badPayload = JSON.stringify({ deployment_status: {} });
    const invalid = await post(
      badPayload,
      githubHeaders(badPayload, 'deployment_status', 'd-2'),
    );
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.message).toMatch(/deployment_status.state/);
    expect(await rowCounts(knex)).toEqual(EMPTY);

    const closed = await setup(testConfig({ webhooks: {} }));
    const res = await closed.post(
      deploymentStatus,
      githubHeaders(deploymentStatus, 'deployment_status', 'd-1'),
    );
    expect(res.status).toBe(503);
    expect(res.body.error.message).toMatch(
      /domainSplit\.webhooks\.github\.secrets/,
    );
  });
});

/** Posts a body with chunked transfer encoding (no Content-Length). */
async function postChunked(
  server: http.Server,
  body: string,
): Promise<{ status: number }> {
  const { port } = server.address() as AddressInfo;
  return await new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/domain-split/webhooks/ci',
        headers: {
          'content-type': 'application/json',
          'transfer-encoding': 'chunked',
          authorization: mockCredentials.service.header(),
        },
      },
      res => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
      },
    );
    req.on('error', reject);
    for (let i = 0; i < body.length; i += 1000) {
      req.write(body.slice(i, i + 1000));
    }
    req.end();
  });
}
