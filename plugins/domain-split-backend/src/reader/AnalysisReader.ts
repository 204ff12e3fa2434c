import { expandMatrixPage } from '@internal/plugin-domain-split-common';
import type {
  AnalysisRedactor,
  BlastRadiusSummaryResponse,
  CatalogGraph,
  FailureMatrixResponse,
  ImpactPathResponse,
  MatrixRow,
  MigrationStatusResponse,
  OwnershipResponse,
  RecordedVerdict,
  ReleasesResponse,
  RuleViolationsResponse,
} from '@internal/plugin-domain-split-common';
import {
  DEFAULT_PATH_OPTIONS,
  type AnalysisService,
} from '../service/AnalysisService';

/**
 * One view of the analysis: the catalog graph and what is computed from it on the whole
 * catalog (not redacted; callers that answer a person or an agent redact it with common's
 * `AnalysisRedactor` built on {@link AnalysisView.graph}).
 * @internal
 */
export interface AnalysisView {
  readonly graph: CatalogGraph;
  ownership(): Promise<OwnershipResponse>;
  /**
   * The whole domain matrix as the Failure isolation tab reads it (prepared with each catalog
   * generation): paths inline only up to `MAX_PATH_CELLS` cells, else `pathsOmitted`. Its rows'
   * impacts and drift are what notifications compare.
   */
  domainFailureMatrix(): Promise<FailureMatrixResponse>;
  /**
   * The blast radius in a bounded answer for this reader (counts, users, affected domains and
   * the `limit` worst entries of each side, without paths), cut from the cached radius.
   * Undefined when the catalog has no such entity.
   */
  blastRadiusSummary(
    entityRef: string,
    options: { limit: number; redactor: AnalysisRedactor },
  ): Promise<BlastRadiusSummaryResponse | undefined>;
  /**
   * One row of the matrix as the failure-isolation tab reads it (paths inline only in small
   * matrices), for this reader; undefined when the matrix has no such (visible) row.
   */
  failureMatrixRow(
    level: 'domain' | 'service',
    failing: string,
    redactor: AnalysisRedactor,
  ): Promise<MatrixRow | undefined>;
  /** One cell with its path (not redacted); throws NotFoundError when it is not reached. */
  impactPath(
    failing: string,
    affected: string,
    direction: 'downstream' | 'upstream',
  ): Promise<ImpactPathResponse>;
  releases(): Promise<ReleasesResponse>;
  migration(): Promise<MigrationStatusResponse>;
  ruleViolations(): Promise<RuleViolationsResponse>;
  /** The deploy gate's "no" answers of the window that a deployment followed anyway. */
  deploysAfterRefusal(): Promise<RecordedVerdict[]>;
}

/**
 * Hands out the current analysis view. Actions, notifications and permission checks read the
 * analysis through this interface only.
 * @internal
 */
export interface AnalysisReader {
  read(): Promise<AnalysisView>;
}

/**
 * {@link AnalysisReader} over the analysis service (results computed once per catalog ×
 * evidence generation and shared with the read routes).
 * @internal
 */
export class ServiceAnalysisReader implements AnalysisReader {
  readonly #analysis: AnalysisService;

  constructor(analysis: AnalysisService) {
    this.#analysis = analysis;
  }

  async read(): Promise<AnalysisView> {
    const analysis = this.#analysis;
    const { graph } = await analysis.getCatalog();
    return {
      graph,
      ownership: () => analysis.getOwnership(),
      // Not with every path: at 10,000 services that matrix is a second, much larger
      // computation beside the one already kept, and notifications read no path.
      domainFailureMatrix: () =>
        analysis.getDomainFailureMatrix(DEFAULT_PATH_OPTIONS),
      blastRadiusSummary: (ref, options) =>
        analysis.getBlastRadiusSummary(ref, options),
      failureMatrixRow: async (level, failing, redactor) =>
        expandMatrixPage(
          await analysis.getFailureMatrixPage(level, DEFAULT_PATH_OPTIONS, {
            failing,
            limit: 1,
            offset: 0,
            redactor,
          }),
        ).rows[0],
      impactPath: (failing, affected, direction) =>
        analysis.getImpactPath(failing, affected, direction),
      releases: () => analysis.getReleases(),
      migration: () => analysis.getMigration(),
      ruleViolations: () => analysis.getRuleViolations(),
      deploysAfterRefusal: () => analysis.getDeploysAfterRefusal(),
    };
  }
}
