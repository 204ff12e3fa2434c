import { mockServices } from '@backstage/backend-test-utils';
import { signalCiEvent } from './ingestSignals';

describe('signalCiEvent', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('tells open pages at once, then at most once per interval for a burst', async () => {
    const publish = jest.fn().mockResolvedValue(undefined);
    const changed = signalCiEvent(
      { publish },
      mockServices.logger.mock(),
      1000,
    );
    changed();
    expect(publish).toHaveBeenCalledTimes(1);
    expect(publish).toHaveBeenCalledWith({
      recipients: { type: 'broadcast' },
      channel: 'domain-split:analysis',
      message: { reason: 'ci-event', at: expect.any(String) },
    });
    changed();
    changed();
    expect(publish).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(1000);
    expect(publish).toHaveBeenCalledTimes(2);
    jest.advanceTimersByTime(5000);
    expect(publish).toHaveBeenCalledTimes(2);
  });

  it('logs, and does not throw, when signals cannot be published', async () => {
    const logger = mockServices.logger.mock();
    const changed = signalCiEvent(
      { publish: jest.fn().mockRejectedValue(new Error('no signals')) },
      logger,
    );
    changed();
    await Promise.resolve();
    await Promise.resolve();
    expect(logger.warn).toHaveBeenCalledWith(
      'Signals: could not publish a CI event: Error: no signals',
    );
  });
});
