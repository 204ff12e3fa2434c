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
} from '@internal/plugin-domain-split-common';
import type { Request } from 'express';
import type { AnalysisReader, AnalysisView } from '../reader/AnalysisReader';
import type { VisibleEntities } from './VisibleEntities';

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
      redactor: new AnalysisRedactor(graph, visible),
    };
  }
}
