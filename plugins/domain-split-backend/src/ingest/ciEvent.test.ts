import { parseCiEvent } from './ciEvent';

const deployment = {
  id: 'evt-1',
  type: 'deployment',
  occurredAt: '2026-11-01T12:00:00+02:00',
  service: 'orders-service',
  version: '3.2.1',
  environment: 'production',
  status: 'success',
  pipeline: {
    id: 'run-42',
    url: 'https://ci.example.com/runs/42',
    repository: 'aliexpress-platform/aliexpress-platform',
  },
  commit: '9f2c1e7',
};

describe('parseCiEvent', () => {
  it('normalises a deployment (time in UTC, pipeline fields flattened)', () => {
    expect(parseCiEvent(deployment)).toEqual({
      type: 'deployment',
      eventId: 'evt-1',
      service: 'orders-service',
      version: '3.2.1',
      environment: 'production',
      status: 'success',
      explicitRollback: false,
      occurredAt: '2026-11-01T10:00:00.000Z',
      commit: '9f2c1e7',
      pipelineId: 'run-42',
      pipelineUrl: 'https://ci.example.com/runs/42',
      repository: 'aliexpress-platform/aliexpress-platform',
    });
  });

  it('recognises explicit rollbacks', () => {
    expect(parseCiEvent({ ...deployment, rollback: true })).toMatchObject({
      explicitRollback: true,
      status: 'success',
    });
    expect(
      parseCiEvent({ ...deployment, status: 'rolled_back' }),
    ).toMatchObject({
      explicitRollback: true,
    });
  });

  describe('verifiedAgainst', () => {
    const contractRun = {
      id: 'c-1',
      type: 'test_run',
      occurredAt: '2026-11-01T10:00:00Z',
      service: 'orders-service',
      version: '3.2.1',
      suite: 'contract',
      result: 'passed',
    };

    it('carries the verified counterparts of a contract run, each pair once', () => {
      expect(
        parseCiEvent({
          ...contractRun,
          verifiedAgainst: [
            { service: 'payments-service', version: '1.9.4' },
            { service: 'Payments-Service', version: 'v1.9.4' },
            { service: 'inventory-service', version: '4.0.0' },
          ],
        }),
      ).toMatchObject({
        type: 'test_run',
        verifiedAgainst: [
          { service: 'payments-service', version: '1.9.4' },
          { service: 'inventory-service', version: '4.0.0' },
        ],
      });
      expect(parseCiEvent(contractRun)).not.toHaveProperty('verifiedAgainst');
    });

    it.each([
      [[{ version: '1.9.4' }], /verifiedAgainst\.0\.service: is required/],
      [
        [{ service: 'payments-service' }],
        /verifiedAgainst\.0\.version: is required/,
      ],
      [
        [{ service: 'payments-service', version: '1.9.4', result: 'ok' }],
        /verifiedAgainst\.0: unknown field\(s\) result/,
      ],
      [[], /verifiedAgainst: Array must contain at least 1/],
      [
        [{ service: 'orders-service', version: '3.2.0' }],
        /verifiedAgainst\.0\.service: names the service itself/,
      ],
      ['payments-service@1.9.4', /verifiedAgainst: Expected array/],
    ])('rejects %j', (verifiedAgainst, message) => {
      expect(() => parseCiEvent({ ...contractRun, verifiedAgainst })).toThrow(
        message,
      );
    });

    it('is only for contract runs', () => {
      expect(() =>
        parseCiEvent({
          ...contractRun,
          suite: 'domain',
          verifiedAgainst: [{ service: 'payments-service', version: '1.9.4' }],
        }),
      ).toThrow(/verifiedAgainst: only contract test runs/);
    });
  });

  it('parses test runs and releases', () => {
    expect(
      parseCiEvent({
        id: 't-1',
        type: 'test_run',
        occurredAt: '2026-11-01T10:00:00Z',
        service: 'payments-service',
        version: '1.9.4',
        suite: 'contract',
        result: 'passed',
      }),
    ).toEqual({
      type: 'test_run',
      eventId: 't-1',
      service: 'payments-service',
      version: '1.9.4',
      suite: 'contract',
      result: 'passed',
      occurredAt: '2026-11-01T10:00:00.000Z',
    });
    expect(
      parseCiEvent({
        specVersion: 1,
        id: 'r-1',
        type: 'release',
        occurredAt: '2026-11-01T10:00:00Z',
        service: 'payments-service',
        version: '1.9.4',
      }),
    ).toMatchObject({ type: 'release', eventId: 'r-1' });
  });

  it.each([
    [{ ...deployment, type: 'build' }, /type: unknown event type "build"/],
    [{ ...deployment, type: undefined }, /type: is required/],
    [{ ...deployment, environment: undefined }, /environment: is required/],
    [{ ...deployment, id: undefined }, /id: is required/],
    [{ ...deployment, status: 'done' }, /status: Invalid enum value/],
    [
      { ...deployment, occurredAt: '2026-11-01' },
      /occurredAt: must be an ISO 8601/,
    ],
    [
      { ...deployment, occurredAt: '2999-01-01T00:00:00Z' },
      /occurredAt: lies more than an hour in the future/,
    ],
    [
      { ...deployment, service: 'orders service' },
      /service: must start with a letter/,
    ],
    [
      { ...deployment, pipeline: { url: 'not a url' } },
      /pipeline.url: Invalid url/,
    ],
    [{ ...deployment, enviroment: 'prod' }, /unknown field\(s\) enviroment/],
    [{ ...deployment, specVersion: 2 }, /specVersion: unsupported version 2/],
    [
      {
        id: 'x',
        type: 'test_run',
        occurredAt: '2026-11-01T10:00:00Z',
        service: 's',
        version: '1',
      },
      /suite: is required; result: is required/,
    ],
    [[deployment], /must be a JSON object/],
    [null, /must be a JSON object/],
  ])('rejects %j', (body, message) => {
    expect(() => parseCiEvent(body)).toThrow(message);
    expect(() => parseCiEvent(body)).toThrow(
      expect.objectContaining({ name: 'InputError' }),
    );
  });
});
