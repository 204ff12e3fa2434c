import type { LoggerService } from '@backstage/backend-plugin-api';
import type { SignalsService } from '@backstage/plugin-signals-node';
import type { CiStore } from '../database/CiStore';
import { DOMAIN_SPLIT_SIGNAL_CHANNEL } from '@internal/plugin-domain-split-common';

/**
 * The store, telling open pages (signals, {@link DOMAIN_SPLIT_SIGNAL_CHANNEL}) when a CI event
 * was stored: at once for the first, then at most once per `intervalMs` for a burst.
 * @internal
 */
export function signallingIngest(
  store: CiStore,
  signals: SignalsService,
  logger: LoggerService,
  intervalMs = 1000,
): CiStore {
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
  return new Proxy(store, {
    get(target, property) {
      if (property === 'ingest') {
        return async (...args: Parameters<CiStore['ingest']>) => {
          const result = await target.ingest(...args);
          if (!result.duplicate) changed();
          return result;
        };
      }
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
