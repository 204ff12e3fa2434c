/*
 * Webhook signature verification: Standard Webhooks (the `standardwebhooks` reference library)
 * and GitHub's X-Hub-Signature-256 (`@octokit/webhooks-methods`). Both compare in constant time
 * over the raw body; both accept several secrets so that a secret can be rotated.
 */
import { foldCase } from '@internal/plugin-domain-split-common';
import { AuthenticationError } from '@backstage/errors';
import { verify as verifyGithubSignature } from '@octokit/webhooks-methods';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';

/**
 * Verifies Standard Webhooks signatures (`webhook-id`, `webhook-timestamp`, `webhook-signature`,
 * HMAC-SHA256 over `<id>.<timestamp>.<body>`, ±5 minutes tolerance) against several secrets.
 * @internal
 */
export class StandardWebhooksVerifier {
  readonly #webhooks: Webhook[];

  /**
   * @param secrets - `whsec_<base64>` secrets (the `whsec_` prefix is optional).
   * @throws Error when a secret is not valid base64 or is empty.
   */
  constructor(secrets: string[]) {
    this.#webhooks = secrets.map(secret => new Webhook(secret));
  }

  /** True when at least one secret is configured. */
  get configured(): boolean {
    return this.#webhooks.length > 0;
  }

  /**
   * Throws an `AuthenticationError` unless one of the secrets signed this body.
   * @param headers - The request headers (any case).
   */
  verify(
    body: string,
    headers: Record<string, string | string[] | undefined>,
  ): void {
    const id = single(headers['webhook-id']);
    const timestamp = single(headers['webhook-timestamp']);
    const signature = single(headers['webhook-signature']);
    const missing = [
      id ? undefined : 'webhook-id',
      timestamp ? undefined : 'webhook-timestamp',
      signature ? undefined : 'webhook-signature',
    ].filter(Boolean);
    if (missing.length > 0) {
      throw new AuthenticationError(
        `Missing signature header(s): ${missing.join(
          ', ',
        )}; sign the request following ` +
          'the Standard Webhooks spec or send a Backstage service token',
      );
    }
    let reason = 'no matching signature';
    for (const webhook of this.#webhooks) {
      try {
        webhook.verify(
          body,
          {
            'webhook-id': id!,
            'webhook-timestamp': timestamp!,
            'webhook-signature': signature!,
          },
          { jsonParse: false },
        );
        return;
      } catch (error) {
        if (!(error instanceof WebhookVerificationError)) {
          throw error;
        }
        // The timestamp check comes first and is the same for every secret.
        if (/timestamp|headers/i.test(error.message)) {
          throw new AuthenticationError(
            `Invalid webhook signature: ${describeTimestampError(
              error.message,
            )}`,
          );
        }
        reason = foldCase(error.message);
      }
    }
    throw new AuthenticationError(`Invalid webhook signature: ${reason}`);
  }
}

function describeTimestampError(message: string): string {
  if (/too old/i.test(message)) {
    return 'webhook-timestamp is more than 5 minutes in the past';
  }
  if (/too new/i.test(message)) {
    return 'webhook-timestamp is more than 5 minutes in the future';
  }
  return 'webhook-timestamp is not a Unix time in seconds';
}

/**
 * Verifies GitHub's `X-Hub-Signature-256` (`sha256=<hex HMAC-SHA256 of the body>`) against
 * several secrets. The legacy SHA-1 `X-Hub-Signature` is not accepted.
 * @internal
 */
export class GithubSignatureVerifier {
  readonly #secrets: string[];

  constructor(secrets: string[]) {
    this.#secrets = secrets.filter(secret => secret.length > 0);
  }

  /** True when at least one secret is configured. */
  get configured(): boolean {
    return this.#secrets.length > 0;
  }

  /** Throws an `AuthenticationError` unless one of the secrets signed this body. */
  async verify(
    body: string,
    signatureHeader: string | undefined,
  ): Promise<void> {
    if (!signatureHeader) {
      throw new AuthenticationError(
        'Missing X-Hub-Signature-256 header; set a secret on the GitHub webhook',
      );
    }
    if (!/^sha256=[0-9a-f]{64}$/i.test(signatureHeader)) {
      throw new AuthenticationError(
        'Invalid X-Hub-Signature-256 header: expected sha256=<64 hex digits>',
      );
    }
    const signature = foldCase(signatureHeader);
    for (const secret of this.#secrets) {
      // An empty body cannot be signed by GitHub; the library rejects it as an argument error.
      if (
        body.length > 0 &&
        (await verifyGithubSignature(secret, body, signature))
      ) {
        return;
      }
    }
    throw new AuthenticationError(
      'Invalid X-Hub-Signature-256: no configured secret matches',
    );
  }
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
