import type {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  AnalysisRedactor,
  CatalogGraph,
  domainSplitAnalysisReadPermission,
  EVERY_ENTITY_VISIBLE,
  type EntityVisibility,
} from '@internal/plugin-domain-split-common';
import type { Request } from 'express';
import type { AnalysisReader, AnalysisView } from '../reader/AnalysisReader';
import type { VisibleEntities } from './VisibleEntities';

/**
 * Redactors of readers who do not see everything, kept at once (each keeps what it redacted
 * for its reader); the least recently used leaves first.
 */
const MAX_KEPT_REDACTORS = 8;

/**
 * One authorised reader of the analysis, for one request: the analysis view (with the catalog
 * graph of the current generation) and the redactor of that reader, built on that graph.
 * @internal
 */
export interface AnalysisViewer {
  credentials: BackstageCredentials;
  /** The analysis this request reads (computed on the whole catalog). */
  view: AnalysisView;
  /** The catalog graph of the view, which the redactor is built on. */
  graph: CatalogGraph;
  redactor: AnalysisRedactor;
}

/**
 * Who may read the analysis and post CI events, and what a reader may see. Routes and actions
 * go through here: authenticate, check the permission (403 with a message when denied), then
 * redact the answer to the entities the catalog shows the reader.
 * @internal
 */
export class AnalysisAccess {
  readonly #httpAuth: HttpAuthService;
  readonly #permissions: PermissionsService;
  readonly #visible: VisibleEntities;
  readonly #reader: AnalysisReader;
  /** By the reader's visible set (the same object until VisibleEntities reads it again). */
  readonly #redactors = new Map<
    EntityVisibility,
    { graph: CatalogGraph; redactor: AnalysisRedactor }
  >();

  constructor(options: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    visibleEntities: VisibleEntities;
    reader: AnalysisReader;
  }) {
    this.#httpAuth = options.httpAuth;
    this.#permissions = options.permissions;
    this.#visible = options.visibleEntities;
    this.#reader = options.reader;
  }

  /** Throws NotAllowedError (403) unless the policy allows `permission` to `credentials`. */
  async authorize(
    credentials: BackstageCredentials,
    permission: BasicPermission,
    what: string,
  ): Promise<void> {
    const [decision] = await this.#permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `You may not ${what} (permission ${permission.name})`,
      );
    }
  }

  /** The reader behind a request with user or service credentials (401/403 otherwise). */
  async viewerOfRequest(req: Request): Promise<AnalysisViewer> {
    const credentials = await this.#httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    return await this.viewerOf(credentials);
  }

  /** The reader with these credentials, after the read permission check. */
  async viewerOf(credentials: BackstageCredentials): Promise<AnalysisViewer> {
    await this.authorize(
      credentials,
      domainSplitAnalysisReadPermission,
      'read the Domain Split analysis',
    );
    const [view, visible] = await Promise.all([
      this.#reader.read(),
      this.#visible.forCredentials(credentials),
    ]);
    const graph = view.graph;
    return {
      credentials,
      view,
      graph,
      redactor: this.#redactorOf(graph, visible),
    };
  }

  /**
   * The redactor of a visible set on this graph: the same one for the reader's next requests
   * while neither changes, so what it redacted (a whole matrix, the rule violations) is reused
   * and each page is only cut.
   */
  #redactorOf(graph: CatalogGraph, visible: EntityVisibility) {
    if (visible === EVERY_ENTITY_VISIBLE) {
      return new AnalysisRedactor(graph, visible);
    }
    const kept = this.#redactors.get(visible);
    this.#redactors.delete(visible);
    const redactor =
      kept?.graph === graph
        ? kept.redactor
        : new AnalysisRedactor(graph, visible);
    this.#redactors.set(visible, { graph, redactor });
    while (this.#redactors.size > MAX_KEPT_REDACTORS) {
      this.#redactors.delete(this.#redactors.keys().next().value!);
    }
    return redactor;
  }
}
