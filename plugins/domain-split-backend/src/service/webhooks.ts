/*
 * POST /webhooks/ci and POST /webhooks/github.
 *
 * Each request goes through the same steps, and none of the failing ones writes anything:
 *   route closed (no secret configured)   → 503
 *   not JSON (Content-Type)                → 415
 *   body over domainSplit.webhooks.maxBodyBytes → 413 (Content-Length checked first, then a
 *                                            streaming limit; the body is never buffered whole)
 *   bad/missing/expired signature or token → 401 (a user token → 403; a service token the
 *                                            permission policy refuses → 403)
 *   malformed JSON, unknown type, missing field → 400 naming the field
 *   database error                         → 500, so that the sender retries
 *   stored                                 → 202 { id, status: "accepted" }
 *   delivery id seen before                → 200 { id, status: "duplicate" }
 *
 * Accepted deliveries are stored through `store.ingest`, which groups concurrent deliveries into
 * one transaction (group commit, see database/BatchingWriter.ts); each request is answered only
 * after its batch committed, and every request of a failed batch gets the 500.
 */
import { foldCase } from '@internal/plugin-domain-split-common';
import type {
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  CustomErrorBase,
  InputError,
  ServiceUnavailableError,
} from '@backstage/errors';
import express, { Request, Response } from 'express';
import Router from 'express-promise-router';
import type { CiStore } from '../database/CiStore';
import { parseCiEvent } from '../ingest/ciEvent';
import { mapGithubDelivery } from '../ingest/github';
import {
  GithubSignatureVerifier,
  StandardWebhooksVerifier,
} from '../ingest/signatures';
import type {
  AcceptedDelivery,
  AuthenticatedBy,
  CiEvent,
} from '../ingest/types';

/** 413: the body is larger than the configured cap. */
class PayloadTooLargeError extends CustomErrorBase {
  name = 'PayloadTooLargeError' as const;
  statusCode = 413;
}

/** 415: the body is not JSON. */
class UnsupportedMediaTypeError extends CustomErrorBase {
  name = 'UnsupportedMediaTypeError' as const;
  statusCode = 415;
}

/**
 * Options of {@link createWebhookRouter}.
 * @internal
 */
export interface WebhookRouterOptions {
  store: CiStore;
  httpAuth: HttpAuthService;
  logger: LoggerService;
  maxBodyBytes: number;
  standardWebhooks: StandardWebhooksVerifier;
  github: GithubSignatureVerifier;
  /** Called after a delivery was stored (not for duplicates): computed results are stale. */
  onStored?: () => void;
  /**
   * Checks that a service token may post CI events (the permission policy, and the token's
   * externalAccess accessRestrictions); throws NotAllowedError (403) otherwise.
   */
  authorizeServicePost?: (credentials: BackstageCredentials) => Promise<void>;
  /** The clock (tests). */
  now?: () => Date;
}

function header(req: Request, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function assertJson(req: Request): void {
  const mediaType = foldCase(
    (header(req, 'content-type') ?? '').split(';')[0].trim(),
  );
  if (
    mediaType !== 'application/json' &&
    !/^application\/[a-z0-9.+-]+\+json$/.test(mediaType)
  ) {
    throw new UnsupportedMediaTypeError(
      `Content-Type must be application/json, got ${mediaType || 'none'}`,
    );
  }
}

/**
 * Reads the raw body up to `limit` bytes: refuses at once when Content-Length says more, and
 * stops reading as soon as the stream passes the limit.
 */
async function readRawBody(
  req: Request,
  res: Response,
  limit: number,
): Promise<string> {
  const tooLarge = () =>
    new PayloadTooLargeError(
      `Request body exceeds ${limit} bytes (domainSplit.webhooks.maxBodyBytes)`,
    );
  const declared = header(req, 'content-length');
  if (declared !== undefined && Number(declared) > limit) {
    throw tooLarge();
  }
  const parser = express.raw({ type: () => true, limit, inflate: false });
  await new Promise<void>((resolve, reject) => {
    parser(req, res, (error?: unknown) => {
      if (!error) {
        resolve();
        return;
      }
      const type = (error as { type?: string }).type;
      if (type === 'entity.too.large') {
        reject(tooLarge());
      } else if (type === 'encoding.unsupported') {
        reject(
          new UnsupportedMediaTypeError(
            'Content-Encoding is not supported; send the body uncompressed',
          ),
        );
      } else {
        reject(error);
      }
    });
  });
  return Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch (error) {
    throw new InputError(`Malformed JSON body: ${(error as Error).message}`);
  }
}

/** The headers kept with a raw event for audit; never the signature or the token. */
function auditHeaders(req: Request, names: string[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const name of names) {
    const value = header(req, name);
    if (value !== undefined) {
      result[name] = value;
    }
  }
  return result;
}

/**
 * The webhook routes. They are opened with `addAuthPolicy({ allow: 'unauthenticated' })` and
 * verify every request themselves.
 * @internal
 */
export function createWebhookRouter(
  options: WebhookRouterOptions,
): express.Router {
  const { store, httpAuth, logger, maxBodyBytes, standardWebhooks, github } =
    options;
  const now = options.now ?? (() => new Date());
  const router = Router();

  async function accept(
    res: Response,
    delivery: Omit<AcceptedDelivery, 'receivedAt'>,
  ) {
    const result = await store.ingest({
      ...delivery,
      receivedAt: now().toISOString(),
    });
    if (result.duplicate) {
      logger.info(
        `Duplicate CI delivery ${result.deliveryId}: nothing changed`,
      );
      res.status(200).json({ id: result.deliveryId, status: 'duplicate' });
    } else {
      options.onStored?.();
      res.status(202).json({ id: result.deliveryId, status: 'accepted' });
    }
  }

  router.post('/webhooks/ci', async (req, res) => {
    const bearer = header(req, 'authorization');
    if (!bearer && !standardWebhooks.configured) {
      logger.warn(
        'Refused a CI webhook: no Standard Webhooks secret is configured ' +
          '(domainSplit.webhooks.standardWebhooks.secrets) and the request carries no service token',
      );
      throw new ServiceUnavailableError(
        'The CI webhook is closed: no signing secret is configured ' +
          '(domainSplit.webhooks.standardWebhooks.secrets). Send a Backstage service token instead, ' +
          'or ask the operator to configure a secret.',
      );
    }
    assertJson(req);
    const body = await readRawBody(req, res, maxBodyBytes);

    let authenticatedBy: AuthenticatedBy;
    if (bearer) {
      // A token that is not a valid service token is refused (401, or 403 for a user token);
      // it never falls back to the signature.
      const credentials = await httpAuth.credentials(req, {
        allow: ['service'],
      });
      await options.authorizeServicePost?.(credentials);
      authenticatedBy = 'service-token';
    } else {
      standardWebhooks.verify(body, req.headers);
      authenticatedBy = 'standard-webhooks';
    }

    const event: CiEvent = parseCiEvent(parseJson(body));
    await accept(res, {
      deliveryId: event.eventId,
      source: 'ci',
      authenticatedBy,
      headers: auditHeaders(req, [
        'webhook-id',
        'webhook-timestamp',
        'user-agent',
      ]),
      payload: body,
      event,
    });
  });

  router.post('/webhooks/github', async (req, res) => {
    if (!github.configured) {
      logger.warn(
        'Refused a GitHub webhook: no secret is configured (domainSplit.webhooks.github.secrets)',
      );
      throw new ServiceUnavailableError(
        'The GitHub webhook is closed: no secret is configured (domainSplit.webhooks.github.secrets)',
      );
    }
    assertJson(req);
    const body = await readRawBody(req, res, maxBodyBytes);
    await github.verify(body, header(req, 'x-hub-signature-256'));

    const eventName = header(req, 'x-github-event');
    const deliveryId = header(req, 'x-github-delivery');
    if (!eventName) {
      throw new InputError('Missing X-GitHub-Event header');
    }
    if (!deliveryId) {
      throw new InputError('Missing X-GitHub-Delivery header');
    }
    const mapping = mapGithubDelivery(
      eventName,
      deliveryId,
      parseJson(body),
      new Date(),
    );
    if (mapping.kind === 'ping') {
      res.status(200).json({ status: 'pong', zen: mapping.zen });
      return;
    }
    if (mapping.kind === 'ignored') {
      res.status(200).json({ status: 'ignored', reason: mapping.reason });
      return;
    }
    await accept(res, {
      deliveryId: mapping.event.eventId,
      source: 'github',
      authenticatedBy: 'github-signature',
      headers: auditHeaders(req, [
        'x-github-event',
        'x-github-delivery',
        'x-github-hook-id',
        'user-agent',
      ]),
      payload: body,
      event: mapping.event,
    });
  });

  return router;
}
