import {
  decideCanIDeploy,
  flagDeploysAfterRefusal,
  LiveVersion,
} from './deployGate';
import { EvidenceContext } from './evidenceContext';
import { buildCatalogGraph } from './graph';
import {
  api,
  component,
  deployment,
  domain,
  library,
  resource,
  team,
  testRun,
} from './testing/entities';
import {
  CanIDeployRequest,
  CiEvidence,
  ContractVerification,
  GateReason,
  RecordedVerdict,
} from './types';

/*
 * orders-service consumes payments-api (sync) of payments-service and the shared `money`
 * library and a database; it provides orders-api (consumed by the user-facing gateway) and
 * orders-events (consumed by notifications-service).
 */
const graph = buildCatalogGraph([
  team('orders-team'),
  team('payments-team'),
  team('platform-team'),
  domain('orders', { owner: 'orders-team' }),
  domain('payments', { owner: 'payments-team' }),
  domain('platform', { owner: 'platform-team' }),
  api('payments-api', 'openapi', { owner: 'payments-team' }),
  api('orders-api', 'openapi', { owner: 'orders-team' }),
  api('orders-events', 'asyncapi', { owner: 'orders-team' }),
  library('money', { owner: 'platform-team', domain: 'platform' }),
  resource('orders-db', 'database', { owner: 'orders-team' }),
  component('orders-service', {
    owner: 'orders-team',
    domain: 'orders',
    consumesApis: ['payments-api'],
    providesApis: ['orders-api', 'orders-events'],
    dependsOn: ['component:money', 'resource:orders-db'],
  }),
  component(
    'payments-service',
    {
      owner: 'payments-team',
      domain: 'payments',
      providesApis: ['payments-api'],
    },
    { 'domain-split/ci-service-name': 'payments' },
  ),
  component(
    'gateway',
    {
      owner: 'platform-team',
      domain: 'platform',
      consumesApis: ['orders-api'],
    },
    { 'domain-split/user-facing': 'true' },
  ),
  component('notifications-service', {
    owner: 'platform-team',
    domain: 'platform',
    consumesApis: ['orders-events'],
  }),
]);

const ORDERS = 'component:default/orders-service';
const PAYMENTS = 'component:default/payments-service';
const GATEWAY = 'component:default/gateway';
const NOTIFICATIONS = 'component:default/notifications-service';

const live = (
  service: string,
  version: string,
  environment = 'production',
): LiveVersion => ({
  service,
  version,
  environment,
  occurredAt: '2026-11-01T00:00:00.000Z',
});

let counter = 0;
function verified(
  service: string,
  version: string,
  counterpartService: string,
  counterpartVersion: string,
  result: 'passed' | 'failed' = 'passed',
  occurredAt = '2026-11-02T00:00:00.000Z',
): ContractVerification {
  counter += 1;
  return {
    eventId: `v-${counter}`,
    service,
    version,
    counterpartService,
    counterpartVersion,
    result,
    occurredAt,
  };
}

const passingDomainRun: CiEvidence = {
  deployments: [],
  testRuns: [
    testRun('orders-service', '3.2.1', 'domain', '2026-11-02T00:00:00Z'),
  ],
};

const allLive = [
  live('orders-service', '3.2.0'),
  live('payments', '1.9.4'),
  live('gateway', '7.0.0'),
  live('notifications-service', '2.0.0'),
];

const allVerified = [
  verified('orders-service', '3.2.1', 'payments-service', '1.9.4'),
  verified('gateway', '7.0.0', 'orders-service', '3.2.1'),
  verified('notifications-service', 'v2.0', 'orders-service', 'v3.2.1'),
];

const request: CanIDeployRequest = {
  service: 'orders-service',
  version: '3.2.1',
  environment: 'production',
};

function decide(
  overrides: {
    evidence?: CiEvidence;
    verifications?: ContractVerification[];
    live?: LiveVersion[];
    request?: Partial<CanIDeployRequest>;
    now?: Date;
  } = {},
) {
  const answer = decideCanIDeploy(
    EvidenceContext.of(graph, overrides.evidence ?? passingDomainRun),
    overrides.verifications ?? allVerified,
    overrides.live ?? allLive,
    { ...request, ...overrides.request },
    { now: overrides.now ?? new Date('2026-11-03T00:10:00Z') },
  );
  if (!answer) throw new Error('expected an answer');
  return answer;
}

const reasonsOf = (reasons: GateReason[], check: GateReason['check']) =>
  reasons.filter(r => r.check === check);

describe('decideCanIDeploy', () => {
  it('answers yes when every check passes, with the reasons, titles and impact', () => {
    const answer = decide();
    expect(answer.deployable).toBe(true);
    expect(answer.rollback).toBe(false);
    expect(answer.entityRef).toBe(ORDERS);
    expect(answer.domainRef).toBe('domain:default/orders');
    expect(answer.liveVersion).toBe('3.2.0');
    expect(answer.reasons.map(r => [r.check, r.status, r.entityRefs])).toEqual([
      ['domain-tests', 'passed', [ORDERS]],
      ['provider-contract', 'passed', [PAYMENTS]],
      ['consumer-contract', 'passed', [GATEWAY]],
      ['consumer-contract', 'passed', [NOTIFICATIONS]],
      ['lockstep', 'skipped', []],
    ]);
    expect(answer.reasons.every(r => r.ok)).toBe(true);
    // Impact: the gateway (user-facing, sync) is blocked; notifications only by events.
    expect(answer.impact).toEqual({
      users: 'blocked',
      domains: [{ domainRef: 'domain:default/platform', impact: 'blocked' }],
      domainCount: 1,
      entityCount: 2,
    });
    expect(answer.titles[PAYMENTS]).toBe('payments-service');
  });

  it('returns undefined for a service the catalog does not know', () => {
    expect(
      decideCanIDeploy(
        EvidenceContext.of(graph, passingDomainRun),
        [],
        allLive,
        {
          ...request,
          service: 'legacy-billing',
        },
        { now: new Date('2026-11-03T00:10:00Z') },
      ),
    ).toBeUndefined();
  });

  it('matches the service by its CI name', () => {
    const answer = decide({
      request: { service: 'payments', version: '1.9.4' },
    });
    expect(answer.entityRef).toBe(PAYMENTS);
  });

  describe('domain-tests', () => {
    it('is unknown without a domain-suite run for the version, and says what to send', () => {
      const answer = decide({
        evidence: {
          deployments: [],
          testRuns: [
            testRun(
              'orders-service',
              '3.2.0',
              'domain',
              '2026-11-02T00:00:00Z',
            ),
            testRun(
              'orders-service',
              '3.2.1',
              'contract',
              '2026-11-02T00:00:00Z',
            ),
          ],
        },
      });
      const [reason] = reasonsOf(answer.reasons, 'domain-tests');
      expect(reason).toMatchObject({ ok: false, status: 'unknown' });
      expect(reason.detail).toContain('"suite": "domain"');
      expect(answer.deployable).toBe(false);
    });

    it('fails when the latest run of the version failed, passes when a later one passed', () => {
      const failed = decide({
        evidence: {
          deployments: [],
          testRuns: [
            testRun(
              'orders-service',
              '3.2.1',
              'domain',
              '2026-11-01T00:00:00Z',
            ),
            testRun(
              'orders-service',
              '3.2.1',
              'domain',
              '2026-11-02T00:00:00Z',
              {
                result: 'failed',
              },
            ),
          ],
        },
      });
      expect(reasonsOf(failed.reasons, 'domain-tests')[0].status).toBe(
        'failed',
      );
      expect(failed.deployable).toBe(false);
      const fixed = decide({
        evidence: {
          deployments: [],
          testRuns: [
            testRun(
              'orders-service',
              '3.2.1',
              'domain',
              '2026-11-01T00:00:00Z',
              {
                result: 'failed',
              },
            ),
            testRun(
              'Orders-Service',
              'v3.2.1',
              'domain',
              '2026-11-02T00:00:00Z',
            ),
          ],
        },
      });
      expect(reasonsOf(fixed.reasons, 'domain-tests')[0].status).toBe('passed');
    });
  });

  describe('provider-contract', () => {
    it('fails when the verification with the live provider version failed', () => {
      const answer = decide({
        verifications: [
          verified(
            'orders-service',
            '3.2.1',
            'payments-service',
            '1.9.4',
            'failed',
          ),
          ...allVerified.slice(1),
        ],
      });
      const [reason] = reasonsOf(answer.reasons, 'provider-contract');
      expect(reason).toMatchObject({
        ok: false,
        status: 'failed',
        entityRefs: [PAYMENTS],
      });
      expect(answer.deployable).toBe(false);
    });

    it('reads a pair either way round (the provider verified the consumer)', () => {
      const answer = decide({
        verifications: [
          verified('payments', '1.9.4', 'orders-service', '3.2.1'),
          ...allVerified.slice(1),
        ],
      });
      expect(reasonsOf(answer.reasons, 'provider-contract')[0].status).toBe(
        'passed',
      );
      expect(answer.deployable).toBe(true);
    });

    it('is unknown when only another provider version was verified, naming it', () => {
      const answer = decide({
        live: [
          ...allLive.filter(l => l.service !== 'payments'),
          live('payments', '1.9.3'),
        ],
      });
      const [reason] = reasonsOf(answer.reasons, 'provider-contract');
      expect(reason).toMatchObject({ ok: false, status: 'unknown' });
      expect(reason.detail).toContain('payments-service 1.9.3');
      expect(reason.detail).toContain(
        'verified against payments-service 1.9.4 only',
      );
      expect(reason.detail).toContain('verifiedAgainst');
    });

    it('is unknown when no provider version is live in the environment', () => {
      const answer = decide({
        live: allLive.filter(l => l.service !== 'payments'),
      });
      expect(reasonsOf(answer.reasons, 'provider-contract')[0]).toMatchObject({
        ok: false,
        status: 'unknown',
      });
      expect(answer.deployable).toBe(false);
    });

    it('looks at the live version of the requested environment only', () => {
      const answer = decide({
        live: [
          ...allLive.filter(l => l.service !== 'payments'),
          live('payments', '1.9.4', 'staging'),
          live('payments', '2.0.0', 'production'),
        ],
      });
      expect(reasonsOf(answer.reasons, 'provider-contract')[0].status).toBe(
        'unknown',
      );
    });

    it('takes the latest verification of a pair', () => {
      const answer = decide({
        verifications: [
          verified(
            'orders-service',
            '3.2.1',
            'payments',
            '1.9.4',
            'passed',
            '2026-11-01T00:00:00.000Z',
          ),
          verified(
            'orders-service',
            '3.2.1',
            'payments',
            '1.9.4',
            'failed',
            '2026-11-03T00:00:00.000Z',
          ),
          ...allVerified.slice(1),
        ],
      });
      expect(reasonsOf(answer.reasons, 'provider-contract')[0].status).toBe(
        'failed',
      );
    });

    it('leaves out libraries and resources: they have no contract of their own', () => {
      const refs = decide().reasons.flatMap(r => r.entityRefs);
      expect(refs).not.toContain('component:default/money');
      expect(refs).not.toContain('resource:default/orders-db');
    });
  });

  describe('consumer-contract', () => {
    it('checks event consumers too, and is unknown without a verification', () => {
      const answer = decide({ verifications: allVerified.slice(0, 2) });
      const reasons = reasonsOf(answer.reasons, 'consumer-contract');
      expect(reasons.map(r => [r.entityRefs[0], r.status])).toEqual([
        [GATEWAY, 'passed'],
        [NOTIFICATIONS, 'unknown'],
      ]);
      expect(answer.deployable).toBe(false);
    });

    it('skips a consumer that is not live in the environment: nothing to break', () => {
      const answer = decide({
        verifications: allVerified.slice(0, 2),
        live: allLive.filter(l => l.service !== 'notifications-service'),
      });
      expect(reasonsOf(answer.reasons, 'consumer-contract')[1]).toMatchObject({
        ok: true,
        status: 'skipped',
      });
      expect(answer.deployable).toBe(true);
    });
  });

  describe('rollback', () => {
    it('is a rollback when the version is lower than the live one; the checks say whose contracts break', () => {
      const answer = decideCanIDeploy(
        EvidenceContext.of(graph, {
          deployments: [],
          testRuns: [
            testRun('payments', '1.9.3', 'domain', '2026-10-01T00:00:00Z'),
          ],
        }),
        [verified('orders-service', '3.2.1', 'payments-service', '1.9.4')],
        [live('payments', '1.9.4'), live('orders-service', '3.2.1')],
        {
          service: 'payments-service',
          version: '1.9.3',
          environment: 'production',
        },
        { now: new Date('2026-11-03T00:10:00Z') },
      )!;
      expect(answer.rollback).toBe(true);
      expect(answer.liveVersion).toBe('1.9.4');
      expect(answer.deployable).toBe(false);
      const [consumer] = reasonsOf(answer.reasons, 'consumer-contract');
      expect(consumer).toMatchObject({
        status: 'unknown',
        entityRefs: [ORDERS],
      });
      expect(consumer.detail).toContain(
        'orders-service 3.2.1 was verified against payments-service 1.9.4 only',
      );
    });

    it('is not a rollback for a higher, equal or incomparable version, or with nothing live', () => {
      expect(decide({ request: { version: '3.3.0' } }).rollback).toBe(false);
      expect(decide({ request: { version: 'v3.2.0' } }).rollback).toBe(false);
      expect(decide({ request: { version: 'abc123' } }).rollback).toBe(false);
      expect(
        decide({ live: allLive.filter(l => l.service !== 'orders-service') })
          .rollback,
      ).toBe(false);
      expect(decide({ request: { version: '3.1.9' } }).rollback).toBe(true);
    });
  });

  describe('lockstep', () => {
    const payDeploy = deployment('payments', '1.9.5', '2026-11-03T00:00:00Z', {
      pipelineId: 'run-9',
      repository: 'org/mono',
      commit: 'abc',
      entityRef: PAYMENTS,
    });
    const evidence: CiEvidence = {
      deployments: [payDeploy],
      testRuns: passingDomainRun.testRuns,
    };

    it('fails when the pipeline run deployed a service of another domain to the environment', () => {
      const answer = decide({
        evidence,
        request: { pipelineId: 'run-9', repository: 'org/mono' },
      });
      const [reason] = reasonsOf(answer.reasons, 'lockstep');
      expect(reason).toMatchObject({
        ok: false,
        status: 'failed',
        entityRefs: [PAYMENTS],
      });
      expect(reason.detail).toContain('pipeline run run-9 of org/mono');
      expect(answer.deployable).toBe(false);
    });

    it('uses the rules’ definition: another repository’s run with that id, or another environment, is not lockstep', () => {
      expect(
        reasonsOf(
          decide({
            evidence,
            request: { pipelineId: 'run-9', repository: 'org/other' },
          }).reasons,
          'lockstep',
        )[0].status,
      ).toBe('passed');
      expect(
        reasonsOf(
          decide({
            evidence,
            request: { pipelineId: 'run-9', environment: 'staging' },
          }).reasons,
          'lockstep',
        )[0].status,
      ).toBe('passed');
    });

    it('ties by commit too, within the lockstep interval of now only', () => {
      expect(
        reasonsOf(
          decide({ evidence, request: { commit: 'abc' } }).reasons,
          'lockstep',
        )[0].status,
      ).toBe('failed');
      // The same commit deployed days ago is not lockstep (the rules' definition).
      expect(
        reasonsOf(
          decide({
            evidence,
            request: { commit: 'abc' },
            now: new Date('2026-11-06T00:00:00Z'),
          }).reasons,
          'lockstep',
        )[0].status,
      ).toBe('passed');
    });

    it('is skipped without a pipeline run or commit', () => {
      expect(
        reasonsOf(decide({ evidence }).reasons, 'lockstep')[0],
      ).toMatchObject({
        ok: true,
        status: 'skipped',
      });
    });
  });
});

describe('flagDeploysAfterRefusal', () => {
  const verdict = (
    id: string,
    askedAt: string,
    deployable: boolean,
    fields: Partial<RecordedVerdict> = {},
  ): RecordedVerdict => ({
    id,
    service: 'orders-service',
    entityRef: ORDERS,
    version: '3.2.1',
    environment: 'production',
    deployable,
    rollback: false,
    reasons: [],
    askedBy: 'user:default/alice',
    askedAt,
    ...fields,
  });
  const deployed = deployment(
    'orders-service',
    'v3.2.1',
    '2026-11-05T00:00:00.000Z',
    {
      entityRef: ORDERS,
    },
  );

  it('flags a "no" that a deployment of the same version and environment followed', () => {
    const result = flagDeploysAfterRefusal(
      [verdict('1', '2026-11-04T00:00:00.000Z', false)],
      [deployed],
    );
    expect(result[0].deployedAfterRefusal).toEqual({
      eventId: deployed.eventId,
      occurredAt: deployed.occurredAt,
    });
  });

  it('does not flag a "no" followed by a "yes" before the deployment, a "yes", or another environment', () => {
    const result = flagDeploysAfterRefusal(
      [
        verdict('1', '2026-11-03T00:00:00.000Z', false),
        verdict('2', '2026-11-04T00:00:00.000Z', true),
        verdict('3', '2026-11-04T00:00:00.000Z', false, {
          environment: 'staging',
        }),
        verdict('4', '2026-11-06T00:00:00.000Z', false),
      ],
      [
        deployed,
        {
          ...deployed,
          eventId: 'failed',
          status: 'failure',
          occurredAt: '2026-11-07T00:00:00.000Z',
        },
      ],
    );
    expect(result.map(v => [v.id, v.deployedAfterRefusal])).toEqual([
      ['4', undefined],
      ['3', undefined],
      ['2', undefined],
      ['1', undefined],
    ]);
  });
});
