/*
 * Domain Split's read-only actions for agents (Backstage actions registry; the MCP actions
 * backend serves them as MCP tools). Each action checks the caller's read permission and
 * answers only about entities the catalog shows the caller, exactly like the read routes:
 * impact is computed on the whole catalog and hidden entities are counted, never named.
 */
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { InputError } from '@backstage/errors';
import {
  domainOf,
  domainSplitAnalysisReadPermission,
  IMPACT_DESCRIPTIONS,
  IMPACT_LEVELS,
  DOMAIN_MIGRATION_ITEM_LIMIT,
  domainMigrationOf,
  MatrixCell,
  MIGRATION_PHASE_NAMES,
  pageOf,
  RULE_VIOLATIONS_PAGE_LIMIT,
  RULES,
  RuleId,
  foldCase,
} from '@internal/plugin-domain-split-common';
import type { GateStore } from '../database/GateStore';
import type { AnalysisAccess } from '../permissions/AnalysisAccess';
import type { AnalysisService } from '../service/AnalysisService';
import { answerCanIDeploy } from '../service/deployGate';
import { explainPath, resolveEntity, titleOf } from './entityResolution';

/** Who to ask first on a team: the people who know the design, then everyone else. */
const ROLE_ORDER = [
  'staff-engineer',
  'domain-architect',
  'platform-architect',
  'principal-architect',
  'engineer',
];

function roleRank(role: string | undefined): number {
  const index = ROLE_ORDER.indexOf(role ?? '');
  return index === -1 ? ROLE_ORDER.length : index;
}

/**
 * What every question about the analysis is: read-only, and offered only to callers who may
 * read the analysis (the others do not see the tools at all).
 */
const READS_THE_ANALYSIS = {
  attributes: { readOnly: true, idempotent: true, destructive: false },
  visibilityPermission: domainSplitAnalysisReadPermission,
};

const ruleIds = RULES.map(rule => rule.id) as [RuleId, ...RuleId[]];

/**
 * The violations get-rule-violations lists by default: a page an agent can read (at 10,000
 * services there are 27,000 open violations, 11 MiB).
 */
const MCP_VIOLATIONS_LIMIT = 50;
const levels = IMPACT_LEVELS as unknown as [
  'none',
  'degraded',
  'waits',
  'blocked',
];

/**
 * How many affected entities (and domains) get-failure-impact lists, worst first, each with the
 * path that explains it; it counts the rest.
 */
const FAILURE_IMPACT_LISTED = 25;

/** Worst first, then by ref (the order of the blast radius summary). */
const worstFirst = (cells: MatrixCell[]) =>
  [...cells].sort(
    (a, b) =>
      levels.indexOf(b.impact) - levels.indexOf(a.impact) ||
      a.affected.localeCompare(b.affected),
  );

/**
 * Registers the actions with the actions registry.
 * @internal
 */
export function registerDomainSplitActions(options: {
  actionsRegistry: ActionsRegistryService;
  access: AnalysisAccess;
  /** The deploy gate: its evidence and recorded answers (the can-i-deploy action). */
  gate?: { store: GateStore; analysis: Pick<AnalysisService, 'getCatalog'> };
  /** The clock (tests). */
  now?: () => Date;
}): void {
  const { actionsRegistry, access, gate } = options;
  const now = options.now ?? (() => new Date());

  actionsRegistry.register({
    name: 'get-ownership',
    title: 'Who owns an entity, and whom to ask',
    description:
      'Answers "who owns this and whom do I ask?" for a service (Component), domain, system, ' +
      'API or resource of the software catalog. Returns the owning team, the domain the ' +
      "entity belongs to and that domain's owners, and the people of the owning team in the " +
      'order to ask them (staff engineers and architects first). Input: an entity name such as ' +
      '"payments-service" or "payments", or a full reference such as ' +
      '"component:default/payments-service".',
    ...READS_THE_ANALYSIS,
    schema: {
      input: z =>
        z.object({
          entity: z
            .string()
            .min(1)
            .describe(
              'The entity: a name ("payments-service", "payments") or a reference ("component:default/payments-service")',
            ),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          title: z.string(),
          kind: z.string(),
          owner: z
            .object({ entityRef: z.string(), title: z.string() })
            .optional()
            .describe('The owning team (spec.owner)'),
          domain: z
            .object({
              entityRef: z.string(),
              title: z.string(),
              owners: z.array(z.string()),
            })
            .optional()
            .describe(
              'The domain the entity belongs to, with its owning teams',
            ),
          whomToAsk: z
            .array(
              z.object({
                entityRef: z.string(),
                title: z.string(),
                role: z.string().optional(),
              }),
            )
            .describe('Members of the owning team, the first one to ask first'),
          hiddenEntities: z
            .number()
            .optional()
            .describe('Related entities left out because you may not see them'),
        }),
    },
    action: async ({ input, credentials }) => {
      const viewer = await access.viewerOf(credentials);
      const { graph, redactor } = viewer;
      const ref = resolveEntity(graph, redactor, input.entity);
      const entity = graph.entities.get(ref)!;
      const ownership = redactor.ownership(await viewer.view.ownership());
      const domainRef = entity.kind === 'domain' ? ref : domainOf(graph, ref);
      const domain = domainRef
        ? ownership.domains.find(d => d.entityRef === domainRef)
        : undefined;
      const ownOwner =
        entity.ownerRef && !redactor.isHidden(entity.ownerRef)
          ? entity.ownerRef
          : domain?.ownerRefs[0];
      const ownerRef = entity.kind === 'group' ? ref : ownOwner;
      const team = ownership.teams.find(t => t.entityRef === ownerRef);
      const whomToAsk = [...(team?.members ?? [])].sort(
        (a, b) =>
          roleRank(a.role) - roleRank(b.role) || a.title.localeCompare(b.title),
      );
      const hidden =
        (entity.ownerRef && redactor.isHidden(entity.ownerRef) ? 1 : 0) +
        (team?.hiddenEntities ?? 0);
      return {
        output: {
          entityRef: ref,
          title: entity.title,
          kind: entity.kind,
          ...(ownerRef
            ? {
                owner: { entityRef: ownerRef, title: titleOf(graph, ownerRef) },
              }
            : {}),
          ...(domain
            ? {
                domain: {
                  entityRef: domain.entityRef,
                  title: domain.title,
                  owners: domain.ownerRefs,
                },
              }
            : {}),
          whomToAsk,
          ...(hidden > 0 ? { hiddenEntities: hidden } : {}),
        },
      };
    },
  });

  const impactCell = (z: any) =>
    z.object({
      entityRef: z.string(),
      title: z.string(),
      impact: z.enum(levels),
      meaning: z.string().describe('What the impact level means'),
      why: z.string().describe('The dependency path that explains the impact'),
    });

  actionsRegistry.register({
    name: 'get-failure-impact',
    title: 'What breaks when an entity fails',
    description:
      'Answers "X is down: what else breaks, and how badly, and why?" for a domain (all its ' +
      'services fail at once), a service (Component), a resource or a team. Impact levels, ' +
      'from harmless to worst: none (no user impact), degraded (degraded UX), waits (work ' +
      'queues up and finishes later), blocked (the flow stops). For a domain, affectedDomains ' +
      'gives the impact on every other domain; takesDown lists the affected services; users is ' +
      'the impact on user-facing entry points; each item explains itself with the dependency ' +
      "path. Computed from the software catalog's dependency graph.",
    ...READS_THE_ANALYSIS,
    schema: {
      input: z =>
        z.object({
          entity: z
            .string()
            .min(1)
            .describe(
              'What fails: a domain ("payments"), a service ("payments-service") or a reference ("domain:default/payments")',
            ),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          title: z.string(),
          summary: z.string().describe('The answer in one sentence'),
          affectedDomains: z
            .array(impactCell(z))
            .optional()
            .describe(
              `For a failing domain: the impact on the other domains it reaches, worst first (at most ${FAILURE_IMPACT_LISTED})`,
            ),
          affectedDomainCount: z
            .number()
            .optional()
            .describe(
              'For a failing domain: how many other domains it reaches',
            ),
          takesDown: z
            .array(impactCell(z))
            .describe(
              `The worst affected entities, worst first (at most ${FAILURE_IMPACT_LISTED})`,
            ),
          takesDownCount: z
            .number()
            .describe('How many entities it takes down in all (you may see)'),
          users: z.object({
            impact: z.enum(levels),
            meaning: z.string(),
            why: z.string(),
          }),
          declaredImpact: z
            .enum(levels)
            .optional()
            .describe('What the architects declared for this domain'),
          drift: z
            .boolean()
            .optional()
            .describe('The declared impact differs from the computed one'),
          hiddenTakesDown: z
            .object({ count: z.number(), impact: z.enum(levels) })
            .optional()
            .describe(
              'Affected entities you may not see: how many, and the worst impact',
            ),
        }),
    },
    action: async ({ input, credentials }) => {
      const viewer = await access.viewerOf(credentials);
      const { graph, redactor, view } = viewer;
      const ref = resolveEntity(graph, redactor, input.entity);
      // The bounded summary (cut from the radius cached per catalog generation), not the whole
      // radius with every path: the listed entries are explained one path each.
      const summary = (await view.blastRadiusSummary(ref, {
        limit: FAILURE_IMPACT_LISTED,
        redactor,
      }))!;
      const why = async (c: MatrixCell) =>
        explainPath(
          graph,
          c.path.length > 0 || c.failing === c.affected
            ? c.path
            : redactor.impactPath(
                await view.impactPath(c.failing, c.affected, 'downstream'),
              ).path,
        );
      const cell = async (c: MatrixCell) => ({
        entityRef: c.affected,
        title: titleOf(graph, c.affected),
        impact: c.impact,
        meaning: IMPACT_DESCRIPTIONS[c.impact],
        why: await why(c),
      });
      let affectedDomains;
      let affectedDomainCount;
      let declaredImpact;
      let drift;
      if (graph.entities.get(ref)!.kind === 'domain') {
        // The domain's row of the matrix the failure-isolation tab reads.
        const row = await view.failureMatrixRow('domain', ref, redactor);
        if (row) {
          affectedDomains = await Promise.all(
            worstFirst(row.cells).slice(0, FAILURE_IMPACT_LISTED).map(cell),
          );
          affectedDomainCount = row.cells.length;
          declaredImpact = row.declared;
          drift = row.drift;
        }
      }
      const takesDown = await Promise.all(summary.takesDown.worst.map(cell));
      const headline = (affectedDomains ?? takesDown)
        .filter(c => c.impact !== 'none')
        .map(c => `${c.title} ${c.impact}`);
      const affected =
        headline.length > 0 ? headline.join(', ') : 'nothing else is stopped';
      const notListed = summary.takesDown.total - takesDown.length;
      const morePart =
        notListed > 0 ? `; and ${notListed} more affected entities` : '';
      const hidden = summary.takesDown.hidden;
      const hiddenPart = hidden
        ? `; plus ${hidden.count} affected entities you cannot see (worst: ${hidden.impact})`
        : '';
      const users = summary.users;
      const text = `If ${titleOf(
        graph,
        ref,
      )} fails: ${affected}${morePart}; users: ${
        IMPACT_DESCRIPTIONS[users.impact]
      }${hiddenPart}.`;
      return {
        output: {
          entityRef: ref,
          title: titleOf(graph, ref),
          summary: text,
          ...(affectedDomains ? { affectedDomains, affectedDomainCount } : {}),
          takesDown,
          takesDownCount: summary.takesDown.total,
          users: {
            impact: users.impact,
            meaning: IMPACT_DESCRIPTIONS[users.impact],
            why: explainPath(
              graph,
              redactor.impactPath(
                await view.impactPath(ref, 'users', 'downstream'),
              ).path,
            ),
          },
          ...(declaredImpact ? { declaredImpact } : {}),
          ...(drift !== undefined ? { drift } : {}),
          ...(hidden ? { hiddenTakesDown: hidden } : {}),
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'get-releases',
    title: 'What version runs where',
    description:
      'Answers "what version of a service is live in each environment, when was it deployed, ' +
      'and was it a rollback?" from the deployments CI reported. Also says whether the live ' +
      'version went out without a passing contract-test run, and which services of other ' +
      'domains were deployed in lockstep with it. Filter by service and/or environment, or ' +
      'leave both out for everything.',
    ...READS_THE_ANALYSIS,
    schema: {
      input: z =>
        z.object({
          service: z
            .string()
            .min(1)
            .optional()
            .describe(
              'A service name as CI reports it or its catalog name, e.g. "payments-service"',
            ),
          environment: z
            .string()
            .min(1)
            .optional()
            .describe('An environment, e.g. "production"'),
        }),
      output: z =>
        z.object({
          releases: z.array(
            z.object({
              service: z.string(),
              entityRef: z.string().optional(),
              environment: z.string(),
              version: z.string(),
              deployedAt: z.string(),
              rollback: z
                .boolean()
                .describe('This deployment rolled the environment back'),
              previousVersion: z.string().optional(),
              withoutContractTests: z.boolean(),
              lockstepWith: z.array(z.string()),
            }),
          ),
          hiddenEntities: z.number().optional(),
        }),
    },
    action: async ({ input, credentials }) => {
      const viewer = await access.viewerOf(credentials);
      const { graph, redactor } = viewer;
      const serviceRef = input.service
        ? resolveEntity(graph, redactor, input.service, ['component'])
        : undefined;
      const releases = redactor.releases(await viewer.view.releases());
      const environment = input.environment && foldCase(input.environment);
      const matching = releases.current.filter(
        r =>
          (!serviceRef || r.entityRef === serviceRef) &&
          (!environment || foldCase(r.environment) === environment),
      );
      if (
        environment &&
        !releases.environments.some(e => foldCase(e) === environment)
      ) {
        throw new InputError(
          `No deployments to environment "${
            input.environment
          }"; known environments: ${
            releases.environments.join(', ') || 'none'
          }`,
        );
      }
      return {
        output: {
          releases: matching.map(r => ({
            service: r.service,
            ...(r.entityRef ? { entityRef: r.entityRef } : {}),
            environment: r.environment,
            version: r.version,
            deployedAt: r.deployedAt,
            rollback: r.rollback,
            ...(r.previousVersion
              ? { previousVersion: r.previousVersion }
              : {}),
            withoutContractTests: r.withoutContractTests,
            lockstepWith: r.lockstepWith,
          })),
          ...(releases.hiddenEntities
            ? { hiddenEntities: releases.hiddenEntities }
            : {}),
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'get-migration-status',
    title: 'How far a domain has come in the split, and what blocks it',
    description:
      'Answers "which migration phase is this domain in, is it on track for its target date, ' +
      'and what blocks the next step?" Phases: 0 monorepo, 1 domain ownership, 2 logical split, ' +
      '3 physical split (playbook steps: 1 extracted into its own repository, 2 publishes ' +
      'events, 3 database joins cut, 4 deploys independently). Computed from the catalog and ' +
      'CI evidence, never typed in by hand.',
    ...READS_THE_ANALYSIS,
    schema: {
      input: z =>
        z.object({
          domain: z
            .string()
            .min(1)
            .describe(
              'A domain name ("payments") or reference ("domain:default/payments")',
            ),
        }),
      output: z =>
        z.object({
          domainRef: z.string(),
          title: z.string(),
          phase: z.number(),
          phaseName: z.string(),
          progress: z.number().describe('Share of all criteria met, 0..1'),
          schedule: z.enum([
            'on-track',
            'at-risk',
            'late',
            'done',
            'no-target',
          ]),
          targetPhase: z.number().optional(),
          targetDate: z.string().optional(),
          steps: z.array(
            z.object({
              step: z.number(),
              label: z.string(),
              met: z.boolean(),
              blockers: z.array(z.string()),
            }),
          ),
          nextBlockers: z
            .array(z.string())
            .describe('What blocks the next phase or step, in words'),
        }),
    },
    action: async ({ input, credentials }) => {
      const viewer = await access.viewerOf(credentials);
      const { graph, redactor } = viewer;
      const ref = resolveEntity(graph, redactor, input.domain, ['domain']);
      // Only this domain is redacted, not every domain's status; whole lists (an agent reads
      // them all).
      const { domain: status } = redactor.domainMigration(
        domainMigrationOf(
          await viewer.view.migration(),
          ref,
          DOMAIN_MIGRATION_ITEM_LIMIT.max,
        )!,
      );
      return {
        output: {
          domainRef: ref,
          title: status.title,
          phase: status.phase,
          phaseName: MIGRATION_PHASE_NAMES[status.phase],
          progress: status.progress,
          schedule: status.schedule,
          ...(status.targetPhase !== undefined
            ? { targetPhase: status.targetPhase }
            : {}),
          ...(status.targetDate ? { targetDate: status.targetDate } : {}),
          steps: status.steps.map(step => ({
            step: step.step,
            label: step.label,
            met: step.met,
            blockers: step.criteria.flatMap(c =>
              c.blockers.map(b => b.message),
            ),
          })),
          nextBlockers: status.nextBlockers,
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'get-rule-violations',
    title: 'Open violations of the architecture rules',
    description: `Lists where the catalog and CI data break the principal-level rules of the split today: ${RULES.map(
      rule => `${rule.id} (${rule.title})`,
    ).join(
      '; ',
    )}. Each violation names the rule, the entities and why. Filter by an entity (a service, domain, resource…) and/or a rule id, or leave both out for all. Answers one page (\`limit\`, default 50, and \`offset\`); \`totalItems\` says how many match in all (a large catalog has tens of thousands).`,
    ...READS_THE_ANALYSIS,
    schema: {
      input: z =>
        z.object({
          entity: z
            .string()
            .min(1)
            .optional()
            .describe(
              'Only violations involving this entity, e.g. "shared-redis"',
            ),
          rule: z.enum(ruleIds).optional().describe('Only this rule'),
          limit: z
            .number()
            .int()
            .min(0)
            .max(RULE_VIOLATIONS_PAGE_LIMIT.max)
            .optional()
            .describe(
              `How many violations at most (default ${MCP_VIOLATIONS_LIMIT})`,
            ),
          offset: z
            .number()
            .int()
            .min(0)
            .optional()
            .describe('How many matching violations to skip (default 0)'),
        }),
      output: z =>
        z.object({
          totalItems: z
            .number()
            .describe('How many violations match in all (this page or not)'),
          offset: z.number(),
          limit: z.number(),
          violations: z.array(
            z.object({
              rule: z.string(),
              ruleTitle: z.string(),
              entityRefs: z.array(z.string()),
              message: z.string(),
              hiddenEntities: z
                .number()
                .optional()
                .describe('Entities involved that you may not see'),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      const viewer = await access.viewerOf(credentials);
      const { graph, redactor } = viewer;
      const ref = input.entity
        ? resolveEntity(graph, redactor, input.entity)
        : undefined;
      const rules = redactor.ruleViolations(await viewer.view.ruleViolations());
      const titles = new Map(rules.rules.map(r => [r.id, r.title]));
      const { items, ...page } = pageOf(
        rules.violations.filter(
          v =>
            (!ref || v.entityRefs.includes(ref)) &&
            (!input.rule || v.rule === input.rule),
        ),
        {
          limit: input.limit ?? MCP_VIOLATIONS_LIMIT,
          offset: input.offset ?? 0,
        },
      );
      return {
        output: {
          ...page,
          violations: items.map(v => ({
            rule: v.rule,
            ruleTitle: titles.get(v.rule) ?? v.rule,
            entityRefs: v.entityRefs,
            message: v.message,
            ...(v.hiddenEntities ? { hiddenEntities: v.hiddenEntities } : {}),
          })),
        },
      };
    },
  });

  if (!gate) return;
  actionsRegistry.register({
    name: 'can-i-deploy',
    title:
      'Can this service version be deployed (or rolled back) to an environment?',
    description:
      'The deploy gate: answers "can service S at version V go to environment E?" before a ' +
      'deploy or a rollback, from the contract tests CI reported and what is live there now. ' +
      'Checks: a passing domain-test run for the version; for every provider the service ' +
      'consumes and every consumer of it, a passing contract verification between this version ' +
      'and the version live in that environment (missing evidence is never passing); and, when ' +
      'a pipeline run or commit is given, no lockstep deploy with another domain. A version ' +
      'lower than the live one is a rollback, and the same checks say whose contracts it ' +
      'breaks. Also returns what is at stake if it fails (impact on users and the worst ' +
      'affected domains). The answer is recorded in the service history, like a pipeline asking.',
    // It writes only its own audit record; it changes nothing that is deployed.
    attributes: { readOnly: true, idempotent: false, destructive: false },
    // Callers who may not read the analysis do not see the tools at all.
    visibilityPermission: domainSplitAnalysisReadPermission,
    schema: {
      input: z =>
        z.object({
          service: z
            .string()
            .min(1)
            .max(255)
            .describe(
              'The service as CI names it or its catalog name, e.g. "payments-service"',
            ),
          version: z
            .string()
            .min(1)
            .max(255)
            .describe('The version to deploy or roll back to, e.g. "1.9.3"'),
          environment: z
            .string()
            .min(1)
            .max(255)
            .describe('The target environment, e.g. "production"'),
          pipeline: z
            .string()
            .min(1)
            .max(255)
            .optional()
            .describe('The pipeline run that will deploy it (lockstep check)'),
          commit: z
            .string()
            .min(1)
            .max(255)
            .optional()
            .describe('The commit it is built from (lockstep check)'),
        }),
      output: z =>
        z.object({
          service: z.string(),
          entityRef: z.string(),
          version: z.string(),
          environment: z.string(),
          liveVersion: z.string().optional(),
          deployable: z.boolean(),
          rollback: z.boolean(),
          reasons: z.array(
            z.object({
              check: z.string(),
              ok: z.boolean(),
              status: z.enum(['passed', 'failed', 'unknown', 'skipped']),
              detail: z.string(),
              entityRefs: z.array(z.string()),
            }),
          ),
          impact: z.object({
            users: z.enum(levels),
            domains: z.array(
              z.object({ domainRef: z.string(), impact: z.enum(levels) }),
            ),
          }),
          summary: z.string(),
        }),
    },
    action: async ({ input, credentials }) => {
      const viewer = await access.viewerOf(credentials);
      const principal = credentials.principal as
        | { type: 'user'; userEntityRef: string }
        | { type: 'service'; subject: string };
      const answer = viewer.redactor.canIDeploy(
        await answerCanIDeploy({
          store: gate.store,
          analysis: gate.analysis,
          request: {
            service: input.service.trim(),
            version: input.version.trim(),
            environment: input.environment.trim(),
            ...(input.pipeline ? { pipelineId: input.pipeline } : {}),
            ...(input.commit ? { commit: input.commit } : {}),
          },
          askedBy:
            principal.type === 'user'
              ? principal.userEntityRef
              : principal.subject,
          now: now(),
          isHidden: ref => viewer.redactor.isHidden(ref),
        }),
      );
      const failing = answer.reasons.filter(r => !r.ok);
      const verb = answer.rollback ? 'roll back to' : 'deploy';
      return {
        output: {
          service: answer.service,
          entityRef: answer.entityRef,
          version: answer.version,
          environment: answer.environment,
          ...(answer.liveVersion ? { liveVersion: answer.liveVersion } : {}),
          deployable: answer.deployable,
          rollback: answer.rollback,
          reasons: answer.reasons.map(r => ({
            check: r.check,
            ok: r.ok,
            status: r.status,
            detail: r.detail,
            entityRefs: r.entityRefs,
          })),
          impact: {
            users: answer.impact.users,
            domains: answer.impact.domains,
          },
          summary: answer.deployable
            ? `Yes: ${answer.service} may ${verb} ${answer.version} in ${answer.environment}.`
            : `No: ${answer.service} may not ${verb} ${answer.version} in ${
                answer.environment
              }: ${failing.map(r => r.detail).join(' ')}`,
        },
      };
    },
  });
}
