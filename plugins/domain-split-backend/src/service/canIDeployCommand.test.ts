/*
 * scripts/can-i-deploy.js (the pipelines' command): argument parsing, the table, and its exit
 * codes against a stubbed fetch. e2e/gate.test.mjs runs it against the built portal.
 */
import type { CanIDeployResponse } from '@internal/plugin-domain-split-common';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const command = require('../../scripts/can-i-deploy.js') as {
  parseArgs(
    argv: string[],
    env?: Record<string, string | undefined>,
  ): {
    help?: boolean;
    json: boolean;
    url: string;
    timeoutMs: number;
    query: Record<string, string>;
  };
  formatAnswer(answer: CanIDeployResponse): string;
  run(
    argv: string[],
    options: {
      env: Record<string, string | undefined>;
      out: (text: string) => void;
      err: (text: string) => void;
    },
  ): Promise<number>;
};

const answer: CanIDeployResponse = {
  service: 'payments-service',
  entityRef: 'component:default/payments-service',
  version: '1.9.3',
  environment: 'production',
  liveVersion: '1.9.4',
  deployable: false,
  rollback: true,
  reasons: [
    {
      check: 'consumer-contract',
      ok: false,
      status: 'unknown',
      detail: 'No contract verification between …',
      entityRefs: ['component:default/orders-service'],
    },
  ],
  impact: {
    users: 'none',
    domains: [{ domainRef: 'domain:default/orders', impact: 'waits' }],
    domainCount: 1,
    entityCount: 2,
  },
  titles: { 'domain:default/orders': 'Orders' },
  verdictId: 'v-1',
};

const args = [
  'can-i-deploy',
  '--service',
  'payments-service',
  '--version=1.9.3',
  '--environment',
  'production',
];

describe('scripts/can-i-deploy.js', () => {
  const realFetch = global.fetch;
  afterEach(() => {
    global.fetch = realFetch;
  });

  it('parses the options, the URL from the environment, and names what is missing or unknown', () => {
    expect(
      command.parseArgs([...args, '--pipeline', '42'], {
        DOMAIN_SPLIT_URL: 'https://backstage.example.com/',
      }),
    ).toEqual({
      json: false,
      url: 'https://backstage.example.com',
      timeoutMs: 30_000,
      query: {
        service: 'payments-service',
        version: '1.9.3',
        environment: 'production',
        pipeline: '42',
      },
    });
    expect(() => command.parseArgs(['--service', 'x'], {})).toThrow(
      'Missing --version, --environment',
    );
    expect(() => command.parseArgs([...args, '--env', 'x'], {})).toThrow(
      'Unknown argument: --env',
    );
    expect(() => command.parseArgs([...args, '--url', 'ftp://x'], {})).toThrow(
      /--url needs an http\(s\) URL/,
    );
  });

  it('prints the verdict, the reasons and the impact as a table', () => {
    const text = command.formatAnswer(answer);
    expect(text).toContain(
      'Can payments-service 1.9.3 go to production? NO, not deployable (live there now: 1.9.4 — this is a ROLLBACK)',
    );
    expect(text).toMatch(
      /NO {2}consumer-contract +unknown +orders-service +No contract verification/,
    );
    expect(text).toContain(
      'If payments-service fails: users none; 1 other domain(s) affected (Orders waits).',
    );
  });

  it('exits 1 for "no", 0 for "yes", 2 for an error answer, an unreachable portal or no token', async () => {
    const output: string[] = [];
    const io = {
      env: { DOMAIN_SPLIT_TOKEN: 'token-1' },
      out: (t: string) => output.push(t),
      err: (t: string) => output.push(t),
    };
    const respond = (status: number, body: unknown) =>
      jest.fn().mockResolvedValue(
        new Response(JSON.stringify(body), {
          status,
          headers: { 'content-type': 'application/json' },
        }),
      );

    global.fetch = respond(200, answer);
    expect(await command.run(args, io)).toBe(1);
    expect(global.fetch).toHaveBeenCalledWith(
      'http://localhost:7007/api/domain-split/can-i-deploy?service=payments-service&version=1.9.3&environment=production',
      expect.objectContaining({
        headers: expect.objectContaining({ authorization: 'Bearer token-1' }),
      }),
    );
    global.fetch = respond(200, { ...answer, deployable: true });
    expect(await command.run(args, io)).toBe(0);
    global.fetch = respond(404, {
      error: { name: 'NotFoundError', message: 'Unknown service "x"' },
    });
    expect(await command.run(args, io)).toBe(2);
    expect(output.pop()).toBe('The portal answered 404: Unknown service "x"');
    global.fetch = jest.fn().mockRejectedValue(
      Object.assign(new TypeError('fetch failed'), {
        cause: { code: 'ECONNREFUSED' },
      }),
    );
    expect(await command.run(args, io)).toBe(2);
    expect(output.pop()).toBe(
      'Could not reach the portal at http://localhost:7007: ECONNREFUSED',
    );
    expect(await command.run(args, { ...io, env: {} })).toBe(2);
    expect(output.pop()).toMatch(/DOMAIN_SPLIT_TOKEN is not set/);
  });
});
