/*
 * Our annotations (prefix `domain-split/`) on the entities of the graph: parsed, validated and
 * reported. Bad values become AnnotationProblems; they never throw.
 */
import { ENTITIES_PER_STEP, Steps } from './steps';
import { parseImpactLevel } from './impact';
import type { GraphEntity } from './graphModel';
import { foldCase, normaliseRef, readText } from './refs';
import {
  ANNOTATION_CI_SERVICE_NAME,
  ANNOTATION_DECLARED_IMPACT,
  ANNOTATION_DEPENDENCY_IMPACT,
  ANNOTATION_GITHUB_WORKFLOW,
  ANNOTATION_ORG_ROLE,
  ANNOTATION_SHARED_LIBRARY,
  ANNOTATION_TARGET_DATE,
  ANNOTATION_TARGET_PHASE,
  ANNOTATION_USER_FACING,
  ImpactLevel,
  MigrationPhase,
} from './types';

/** Reports a problem with a value of an entity. */
export type ReportProblem = (
  entityRef: string,
  annotation: string,
  value: string | undefined,
  message: string,
) => void;

/** One `key=level` entry of a `domain-split/dependency-impact` annotation. */
export interface ImpactOverride {
  key: string;
  level: ImpactLevel;
  raw: string;
}

/**
 * Reads our annotations into the nodes (user-facing, declared impact, targets, org role, shared
 * library) and returns the CI service names claimed and the dependency-impact overrides, which
 * need the edges (see applyImpactOverrides).
 */
export function* readAnnotations(
  nodes: Map<string, GraphEntity>,
  report: ReportProblem,
): Steps<{
  ciServiceNames: Map<string, string>;
  githubWorkflows: Map<string, string>;
  overridesByConsumer: Map<string, ImpactOverride[]>;
}> {
  const ciServiceNames = new Map<string, string>();
  const githubWorkflows = new Map<string, string>();
  const overridesByConsumer = new Map<string, ImpactOverride[]>();
  let read = 0;
  for (const node of nodes.values()) {
    if (++read % ENTITIES_PER_STEP === 0) yield;
    const { annotations } = node;
    const expectOn = (annotation: string, kinds: string[]) => {
      if (annotations[annotation] === undefined || kinds.includes(node.kind)) {
        return true;
      }
      report(
        node.ref,
        annotation,
        annotations[annotation],
        `${annotation} is only read on ${kinds.join(
          '/',
        )} entities; it has no effect on a ${node.kind}.`,
      );
      return false;
    };

    const userFacing = annotations[ANNOTATION_USER_FACING];
    if (
      userFacing !== undefined &&
      expectOn(ANNOTATION_USER_FACING, ['component'])
    ) {
      const normalised = foldCase(userFacing.trim());
      if (normalised === 'true' || normalised === 'false') {
        node.userFacing = normalised === 'true';
      } else {
        report(
          node.ref,
          ANNOTATION_USER_FACING,
          userFacing,
          `${ANNOTATION_USER_FACING} must be "true" or "false".`,
        );
      }
    }

    const declared = annotations[ANNOTATION_DECLARED_IMPACT];
    if (
      declared !== undefined &&
      expectOn(ANNOTATION_DECLARED_IMPACT, ['domain'])
    ) {
      node.declaredImpact = parseImpactLevel(declared);
      if (!node.declaredImpact) {
        report(
          node.ref,
          ANNOTATION_DECLARED_IMPACT,
          declared,
          `${ANNOTATION_DECLARED_IMPACT} "${declared}" is not an impact level (none, degraded, waits, blocked).`,
        );
      }
    }

    const targetPhase = annotations[ANNOTATION_TARGET_PHASE];
    if (
      targetPhase !== undefined &&
      expectOn(ANNOTATION_TARGET_PHASE, ['domain'])
    ) {
      const trimmed = targetPhase.trim();
      if (/^[0-3]$/.test(trimmed)) {
        node.targetPhase = Number(trimmed) as MigrationPhase;
      } else {
        report(
          node.ref,
          ANNOTATION_TARGET_PHASE,
          targetPhase,
          `${ANNOTATION_TARGET_PHASE} must be a phase number from 0 to 3.`,
        );
      }
    }

    const targetDate = annotations[ANNOTATION_TARGET_DATE];
    if (
      targetDate !== undefined &&
      expectOn(ANNOTATION_TARGET_DATE, ['domain'])
    ) {
      const trimmed = targetDate.trim();
      if (isCalendarDate(trimmed)) {
        node.targetDate = trimmed;
      } else {
        report(
          node.ref,
          ANNOTATION_TARGET_DATE,
          targetDate,
          `${ANNOTATION_TARGET_DATE} must be a date written YYYY-MM-DD.`,
        );
      }
    }

    const orgRole = annotations[ANNOTATION_ORG_ROLE];
    if (
      orgRole !== undefined &&
      expectOn(ANNOTATION_ORG_ROLE, ['user', 'group'])
    ) {
      node.orgRole = readText(orgRole);
    }

    const sharedLibrary = annotations[ANNOTATION_SHARED_LIBRARY];
    if (
      sharedLibrary !== undefined &&
      expectOn(ANNOTATION_SHARED_LIBRARY, ['component'])
    ) {
      const normalised = foldCase(sharedLibrary.trim());
      if (normalised === 'contract' || normalised === 'platform') {
        node.sharedLibrary = normalised;
      } else {
        report(
          node.ref,
          ANNOTATION_SHARED_LIBRARY,
          sharedLibrary,
          `${ANNOTATION_SHARED_LIBRARY} must be "contract" or "platform".`,
        );
      }
    }

    const ciName = annotations[ANNOTATION_CI_SERVICE_NAME];
    if (
      ciName !== undefined &&
      expectOn(ANNOTATION_CI_SERVICE_NAME, ['component'])
    ) {
      const key = foldCase(ciName.trim());
      const taken = ciServiceNames.get(key);
      if (!key) {
        report(
          node.ref,
          ANNOTATION_CI_SERVICE_NAME,
          ciName,
          `${ANNOTATION_CI_SERVICE_NAME} is empty.`,
        );
      } else if (taken) {
        report(
          node.ref,
          ANNOTATION_CI_SERVICE_NAME,
          ciName,
          `CI service name "${key}" is already claimed by ${taken}; CI events for it match ${taken}.`,
        );
      } else {
        ciServiceNames.set(key, node.ref);
      }
    }

    const workflows = annotations[ANNOTATION_GITHUB_WORKFLOW];
    if (
      workflows !== undefined &&
      expectOn(ANNOTATION_GITHUB_WORKFLOW, ['component'])
    ) {
      const entries = workflows
        .split(',')
        .map(entry => entry.trim())
        .filter(entry => entry.length > 0);
      if (entries.length === 0) {
        report(
          node.ref,
          ANNOTATION_GITHUB_WORKFLOW,
          workflows,
          `${ANNOTATION_GITHUB_WORKFLOW} is empty.`,
        );
      }
      for (const entry of entries) {
        const key = githubWorkflowKey(entry);
        const taken = githubWorkflows.get(key);
        if (!key.slice(key.indexOf(':') + 1)) {
          report(
            node.ref,
            ANNOTATION_GITHUB_WORKFLOW,
            workflows,
            `"${entry}" names no workflow file (expected <owner>/<repo>:<path> or <path>).`,
          );
        } else if (taken && taken !== node.ref) {
          report(
            node.ref,
            ANNOTATION_GITHUB_WORKFLOW,
            workflows,
            `GitHub workflow "${entry}" is already claimed by ${taken}; its runs match ${taken}.`,
          );
        } else {
          githubWorkflows.set(key, node.ref);
        }
      }
    }

    const dependencyImpact = annotations[ANNOTATION_DEPENDENCY_IMPACT];
    if (
      dependencyImpact !== undefined &&
      expectOn(ANNOTATION_DEPENDENCY_IMPACT, ['component', 'resource'])
    ) {
      overridesByConsumer.set(
        node.ref,
        parseDependencyImpact(dependencyImpact, message =>
          report(
            node.ref,
            ANNOTATION_DEPENDENCY_IMPACT,
            dependencyImpact,
            message,
          ),
        ),
      );
    }
  }

  return { ciServiceNames, githubWorkflows, overridesByConsumer };
}

/**
 * The key a GitHub workflow is claimed and matched by: `acme/Platform:.github/workflows/x.yml`
 * → `acme/platform:.github/workflows/x.yml`; a bare path → `:<path>` (any repository).
 * @public
 */
export function githubWorkflowKey(workflow: string): string {
  const value = foldCase(workflow.trim());
  const colon = value.indexOf(':');
  const [repository, path] =
    colon === -1
      ? ['', value]
      : [value.slice(0, colon), value.slice(colon + 1)];
  return `${repository.trim()}:${path.trim().replace(/^\.?\//, '')}`;
}

/** Whether an override key names this entity: by name or by (possibly partial) reference. */
export function keyNames(
  key: string,
  entity: GraphEntity,
  defaultKind: string,
): boolean {
  if (key === entity.name || key === entity.ref) {
    return true;
  }
  return (
    (key.includes(':') || key.includes('/')) &&
    normaliseRef(key, defaultKind, entity.namespace) === entity.ref
  );
}

/** Parses `payments-service=waits, search-readmodels=degraded`; bad entries are reported and skipped. */
function parseDependencyImpact(
  value: string,
  report: (message: string) => void,
): ImpactOverride[] {
  const overrides: ImpactOverride[] = [];
  for (const entry of value.split(/[,;\n]/)) {
    const raw = entry.trim();
    if (!raw) continue;
    const match = /^([^=]+)=([^=]+)$/.exec(raw);
    if (!match || !match[1].trim() || !match[2].trim()) {
      report(
        `"${raw}" is not of the form provider=level; the entry is ignored.`,
      );
      continue;
    }
    const key = foldCase(match[1].trim());
    const level = parseImpactLevel(match[2]);
    if (!level) {
      report(
        `"${raw}": ${match[2].trim()} is not an impact level (none, degraded, waits, blocked); the entry is ignored.`,
      );
      continue;
    }
    overrides.push({ key, level, raw });
  }
  return overrides;
}

function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    return false;
  }
  const date = new Date(`${text}T00:00:00Z`);
  return !isNaN(date.getTime()) && date.toISOString().startsWith(text);
}
