/*
 * Signed CI deliveries to POST /api/domain-split/webhooks/ci (Standard Webhooks), as a CI
 * pipeline sends them: shared by the ingest and serving benchmarks.
 */
import crypto from 'node:crypto';
import { performance } from 'node:perf_hooks';

/** The development Standard Webhooks secret of app-config.yaml (dev only). */
export const DEV_WEBHOOK_SECRET =
  'whsec_ZGV2LW9ubHktZG9tYWluLXNwbGl0LXNlY3JldA==';

/** Standard Webhooks: v1,base64(HMAC-SHA256(key, `${id}.${timestamp}.${body}`)). */
export function signDelivery(
  id: string,
  timestamp: string,
  body: string,
  secret = DEV_WEBHOOK_SECRET,
): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return `v1,${crypto
    .createHmac('sha256', key)
    .update(`${id}.${timestamp}.${body}`)
    .digest('base64')}`;
}

/** The headers of one signed delivery of `body`, timestamped now. */
export function signedHeaders(
  deliveryId: string,
  body: string,
): Record<string, string> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  return {
    'content-type': 'application/json',
    'webhook-id': deliveryId,
    'webhook-timestamp': timestamp,
    'webhook-signature': signDelivery(deliveryId, timestamp, body),
  };
}

/** POSTs one event, signed now; resolves to the status and the round trip in ms. */
export async function postEvent(
  baseUrl: string,
  event: Record<string, unknown>,
): Promise<{ status: number; ms: number }> {
  const body = JSON.stringify(event);
  const started = performance.now();
  const res = await fetch(`${baseUrl}/api/domain-split/webhooks/ci`, {
    method: 'POST',
    headers: signedHeaders(`msg_${event.id}`, body),
    body,
  });
  await res.arrayBuffer();
  return { status: res.status, ms: performance.now() - started };
}

/**
 * Sends every event once with `senders` concurrent loops (signed at send time, so a long
 * stream never outlives the signature's 5-minute window); a 5xx is retried twice, as a CI
 * sender would. Resolves to the 2xx count, the others by status, and events per second.
 */
export async function postEvents(
  baseUrl: string,
  events: Record<string, unknown>[],
  senders = 32,
): Promise<{
  accepted: number;
  refused: Record<number, number>;
  perSecond: number;
}> {
  let next = 0;
  let accepted = 0;
  const refused: Record<number, number> = {};
  const started = performance.now();
  await Promise.all(
    Array.from({ length: senders }, async () => {
      while (next < events.length) {
        const event = events[next++];
        let status = 0;
        for (let attempt = 0; attempt < 3; attempt++) {
          try {
            status = (await postEvent(baseUrl, event)).status;
          } catch {
            status = 0;
          }
          if (status > 0 && status < 500) break;
        }
        if (status >= 200 && status < 300) accepted++;
        else refused[status] = (refused[status] ?? 0) + 1;
      }
    }),
  );
  return {
    accepted,
    refused,
    perSecond: events.length / ((performance.now() - started) / 1000),
  };
}
