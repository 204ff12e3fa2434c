import type { LoggerService } from '@backstage/backend-plugin-api';
import type { SignalsService } from '@backstage/plugin-signals-node';
import { DOMAIN_SPLIT_SIGNAL_CHANNEL } from '@internal/plugin-domain-split-common';

/**
 * A callback for "a CI event was stored" that tells open pages (signals,
 * {@link @internal/plugin-domain-split-common#DOMAIN_SPLIT_SIGNAL_CHANNEL}): at once for the
 * first event, then at most once per `intervalMs` for a burst.
 * @internal
 */
export function signalCiEvent(
  signals: SignalsService,
  logger: LoggerService,
  intervalMs = 1000,
): () => void {
  let timer: NodeJS.Timeout | undefined;
  let pending = false;
  const publish = () => {
    signals
      .publish({
        recipients: { type: 'broadcast' },
        channel: DOMAIN_SPLIT_SIGNAL_CHANNEL,
        message: { reason: 'ci-event', at: new Date().toISOString() },
      })
      .catch(error =>
        logger.warn(`Signals: could not publish a CI event: ${error}`),
      );
  };
  const changed = () => {
    if (timer) {
      pending = true;
      return;
    }
    publish();
    timer = setTimeout(() => {
      timer = undefined;
      if (pending) {
        pending = false;
        changed();
      }
    }, intervalMs);
    timer.unref?.();
  };
  return changed;
}
