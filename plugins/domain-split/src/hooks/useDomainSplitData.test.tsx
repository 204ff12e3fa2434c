import { TestApiProvider } from '@backstage/test-utils';
import { signalApiRef, SignalApi } from '@backstage/plugin-signals-react';
import { DOMAIN_SPLIT_SIGNAL_CHANNEL } from '@internal/plugin-domain-split-common';
import type { JsonObject } from '@backstage/types';
import { act, render, screen, waitFor } from '@testing-library/react';
import { domainSplitApiRef } from '../api/DomainSplitApi';
import { DataState } from '../components/DataState';
import { mockDomainSplitApi } from '../testUtils/mockApi';
import { useDomainSplitData } from './useDomainSplitData';

function Releases() {
  const state = useDomainSplitData(api => api.getReleases(), []);
  return (
    <DataState {...state}>
      {value => (
        <span>live: {value.current.map(r => r.version).join(',')}</span>
      )}
    </DataState>
  );
}

function release(version: string) {
  return {
    environments: ['production'],
    otherEnvironments: [],
    current: [
      {
        service: 'payments-service',
        environment: 'production',
        version,
        status: 'success' as const,
        deployedAt: '2026-11-28T06:00:00Z',
        rollback: false,
        withoutContractTests: false,
        lockstepWith: [],
      },
    ],
    domains: [{ services: 1, rollbacks: 0, withoutContractTests: 0, lockstep: 0 }],
    totalItems: 1,
    offset: 0,
    limit: 25,
  };
}

describe('useDomainSplitData', () => {
  it('reloads when the backend signals new data, keeping the old answer on screen meanwhile', async () => {
    const api = mockDomainSplitApi();
    let answer: (value: ReturnType<typeof release>) => void = () => {};
    api.getReleases
      .mockResolvedValueOnce(release('1.9.4'))
      .mockImplementationOnce(() => new Promise(resolve => (answer = resolve)));
    const listeners = new Map<string, (message: JsonObject) => void>();
    const signals: SignalApi = {
      subscribe: (channel, onMessage) => {
        listeners.set(channel, onMessage as (message: JsonObject) => void);
        return { unsubscribe: () => listeners.delete(channel) };
      },
    };
    render(
      <TestApiProvider
        apis={[
          [domainSplitApiRef, api],
          [signalApiRef, signals],
        ]}
      >
        <Releases />
      </TestApiProvider>,
    );
    expect(await screen.findByText('live: 1.9.4')).toBeInTheDocument();
    expect(listeners.has(DOMAIN_SPLIT_SIGNAL_CHANNEL)).toBe(true);

    act(() =>
      listeners.get(DOMAIN_SPLIT_SIGNAL_CHANNEL)!({ reason: 'ci-event' }),
    );
    await waitFor(() => expect(api.getReleases).toHaveBeenCalledTimes(2));
    // Still the old answer (no spinner) while the new one loads ...
    expect(screen.getByText('live: 1.9.4')).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    // ... then the new one.
    act(() => answer(release('1.9.5')));
    expect(await screen.findByText('live: 1.9.5')).toBeInTheDocument();
  });

  it('works without the signals plugin (loads once)', async () => {
    const api = mockDomainSplitApi();
    api.getReleases.mockResolvedValue(release('1.9.4'));
    render(
      <TestApiProvider apis={[[domainSplitApiRef, api]]}>
        <Releases />
      </TestApiProvider>,
    );
    expect(await screen.findByText('live: 1.9.4')).toBeInTheDocument();
    expect(api.getReleases).toHaveBeenCalledTimes(1);
  });
});
