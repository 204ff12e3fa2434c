// GENERATED from plugins/domain-split-backend/src/schema/openapi.yaml by
// `yarn workspace @internal/plugin-domain-split-backend openapi:generate`. Do not edit.
/* eslint-disable */

export interface paths {
  '/webhooks/ci': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Receive a generic CI event (v1)
     * @description Authenticity: a Standard Webhooks signature (`webhook-id`, `webhook-timestamp`,
     *     `webhook-signature`; HMAC-SHA256 over `<webhook-id>.<webhook-timestamp>.<raw body>` with
     *     any of `domainSplit.webhooks.standardWebhooks.secrets`; the timestamp within ±5 minutes),
     *     or `Authorization: Bearer <Backstage service token>`. A bearer token that is present is
     *     always checked, and never falls back to the signature.
     *
     *     Idempotency: the event `id` is the delivery id. A repeated id is answered 200
     *     `duplicate` and changes nothing, also when two copies arrive at once. Ordering: by the
     *     event's `occurredAt`; an older event arriving late goes to the history only.
     *
     *     Nothing is written unless the answer is 2xx; raw event and derived state are stored in
     *     one transaction before the answer.
     */
    post: operations['PostCiEvent'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/webhooks/github': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Receive a GitHub webhook delivery
     * @description Set the webhook's content type to `application/json` and its secret to one of
     *     `domainSplit.webhooks.github.secrets`. Mapped events:
     *
     *     - `deployment_status` → deployment (service: `deployment.payload.service`, else the
     *       repository name; version: `deployment.payload.version`, else `deployment.ref`;
     *       `inactive` is ignored; rollback: `deployment.payload.rollback: true`; pipeline id:
     *       the workflow run id).
     *     - `workflow_run` (action `completed`) → test run, when the workflow name says
     *       `contract` (suite contract) or `domain` + `test` (suite domain); the service is a name
     *       in brackets or parentheses in the workflow name, else the repository name; the
     *       version is the head branch when it is a version tag, else the head commit.
     *     - `repository_dispatch` with event type (`action`) `domain-split-contract-verification`
     *       → a contract test run with `verifiedAgainst`, from a Pact-style verification in
     *       `client_payload`: `{ consumer: { name, version }, provider: { name, version },
     *       success, verifiedAt?, verificationResultUrl? }` (the consumer's run verified against
     *       the provider; validated like the generic event). Other dispatch types → `ignored`.
     *     - `ping` → 200 `pong`. Every other event → 200 `ignored` with the reason; nothing stored.
     *
     *     The delivery id is `github:<X-GitHub-Delivery>`.
     */
    post: operations['PostGithubDelivery'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/releases': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The live version of every service in every environment, with flags
     * @description One row per service (catalog entity with its `ci-service-name` aliases merged, else the
     *     CI name) and environment: the newest live deployment, and `previousVersion` the one
     *     before it (the same identity as the history's rollback flags).
     *     `rollback`: explicit (`status: rolled_back` / `rollback: true`) or a lower version
     *     replacing a higher one. `withoutContractTests`: no passing contract-test run for this
     *     service and version (normalised version key: `v2.1` = `2.1.0`) or commit at or before
     *     the deploy. `lockstepWith`: services of other domains deployed to the same environment
     *     by the same pipeline run (same repository), or from the same commit within
     *     `domainSplit.evidence.lockstepInterval`, among deploys inside the evidence window or
     *     live now. `environments`: the tracked environments (`domainSplit.environments`, in
     *     order; without it every environment in the built-in order); `otherEnvironments`: the
     *     others CI deployed to, whose rows carry `untracked: true`.
     *     Paged by service (the Releases tab's rows): services grouped by domain (domains by name,
     *     services outside any domain last), by name within a domain; `current` holds the releases
     *     of the page's services in the shown environments, `domains` the headers of the page's
     *     domains counted over every matching service, `totalItems` how many services match.
     *     A service with no release in a shown environment is not listed.
     */
    get: operations['GetReleases'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/releases/{service}/history': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Deployments, test runs and releases of one service, newest first
     * @description `service` is a CI service name or a Component name; a Component's history includes the
     *     events sent under the names it claims with `domain-split/ci-service-name`.
     */
    get: operations['GetReleaseHistory'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/can-i-deploy': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The deploy gate — may this service version go to this environment?
     * @description Checks, each one or more `reasons` (`status`: passed, failed, unknown, skipped; `ok` is
     *     false for failed and unknown — missing evidence is never passing evidence):
     *     - `domain-tests`: the latest domain-suite run of the service at `version` passed;
     *     - `provider-contract`: per Component the service consumes (synchronous or event API,
     *       or `dependsOn`), the version live in `environment` has a passing contract
     *       verification (`verifiedAgainst`) with the service at `version`; a provider with
     *       nothing live there is unknown;
     *     - `consumer-contract`: the same for each consumer live in `environment` (a consumer not
     *       live there is skipped: nothing to break);
     *     - `lockstep` (when `pipeline` or `commit` is given): that pipeline run or commit did not
     *       deploy services of another domain to `environment` (the rules' lockstep definition).
     *     `deployable` = every reason ok. `rollback` = `version` is lower than the live one.
     *     `impact` = the service's failure impact (users, worst affected domains). Versions match
     *     as in the rest of the API (`v3.2.1` = `3.2.1`). Every answer is recorded with the asker
     *     and listed in `GET /releases/{service}/history` (`verdicts`). The verdict is computed on
     *     the whole catalog; entities the reader may not see leave the reasons, titles and
     *     affected domains (their reasons stay, so a hidden counterpart still says no).
     */
    get: operations['GetCanIDeploy'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/events/unmatched': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Recorded events of services the catalog does not know, newest first */
    get: operations['GetUnmatchedEvents'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/ownership': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Teams, the domains and components they own, and ownership problems
     * @description Without `team`: a page of the Ownership tab's team list (`OwnershipPageResponse`): the
     *     groups above the teams (they own nothing themselves, have domains below them), then the
     *     teams, each by title; with `q`, only the groups whose name, or the name or ref of a
     *     domain or component they own, contains it (case-insensitive), each with what it matched.
     *     A row carries counts and its first names; `?team=` gives what it owns. Around the rows:
     *     the catalog's counts, every group (ref and title), and the first ownership problems,
     *     domains without an owning team, entities outside any domain (both matching `q`) and
     *     annotation problems, each with its total.
     *     With `team`: that Group (`OwnershipResponse`), the domains it owns, those of the groups
     *     below it and those holding components it owns, and the problems that concern it.
     */
    get: operations['GetOwnership'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/failure-matrix': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Failure-isolation matrix at domain or service level, a page of rows at a time
     * @description One page of the matrix's rows (`limit` from `offset`, in the matrix's order), or the one row of `failing`, with its columns, the titles of the columns and of what the page's rows name, and `totalItems` (how many rows in all). At `level=domain` the page is cut from the matrix computed once per catalog generation and its columns are every Domain; at `level=service` its rows are computed for the page and kept per catalog generation (the whole service matrix has a cell per pair of services reached, about 10,000² at 10,000 services), its columns are only the Components its rows reach (in ref order; each page has its own, so a page stays small however many services the catalog has), and `hiddenEntities` counts the hidden entities its rows reach (with `cells`, the ones left out too) and what they name. Rows come in a compact form (MatrixPageRow - one letter per column instead of one MatrixCell per affected column; at 10,000 services a domain row is ~0.5 KiB instead of ~31 KiB), so the default page of 50 rows stays small. A page carries its cells' paths only when the matrix does and the page has at most 150 cells (users cells included); otherwise it says `pathsOmitted` (GET /impact-path gives one cell's path).
     */
    get: operations['GetFailureMatrix'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/impact/{kind}/{namespace}/{name}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * What this entity takes down when it fails, and what takes it down
     * @description Each side most severe first, then by ref, at most `limit` entries of each; the rest are counted in `moreTakesDown` and `moreTakenDownBy` (GET /impact/{kind}/{namespace}/{name}/entries pages either side). A `limit` at least the radius's size gives the whole radius (about 3 MiB at 10,000 services).
     */
    get: operations['GetBlastRadius'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/impact/{kind}/{namespace}/{name}/summary': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The blast radius of this entity in a bounded answer (the entity card)
     * @description Counts per impact level and kind of what it takes down and of what can take it down, the users impact, the affected domains (worst first) and the `limit` worst entries of each side, in the order of GET /impact/{kind}/{namespace}/{name}, without paths (GET /impact-path gives one cell's path). Its size does not grow with the blast radius: a few KiB at 10,000 services, where the whole blast radius is 3.1 MiB.
     */
    get: operations['GetBlastRadiusSummary'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/impact/{kind}/{namespace}/{name}/entries': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One page of what this entity takes down, or of what can take it down
     * @description The entries of one side of GET /impact/{kind}/{namespace}/{name}, in its order (most severe first, then by ref), `limit` from `offset`, optionally of one impact level, without paths (GET /impact-path gives one cell's path); `totalItems` counts the entries that match.
     */
    get: operations['GetBlastRadiusEntries'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/impact-path': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One cell of the failure matrix or of a blast radius, with its explaining path
     * @description For results served with `pathsOmitted`: the impact of `failing` on `affected` and the path that explains it, exactly as the full matrix or blast radius would give it, with the titles of the refs it mentions.
     */
    get: operations['GetImpactPath'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/migration': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A page of domain migration summaries, with counts over every domain
     * @description The domains (title order) that match `q`, `phase` and `schedule`, one page of them
     *     (`limit`, `offset`), each as a summary: phase, progress, target, schedule, step states,
     *     `blockerCount` and the first three blockers, without the per-component evidence
     *     (GET /migration/{kind}/{namespace}/{name} has one domain's). `aggregates` count every
     *     domain the caller sees, unfiltered (domains per phase, per schedule state, the target
     *     dates): what the Migration tab's tiles and charts draw. Cut from the status computed
     *     once per catalog × evidence generation. (Before 2026-11-28 this answered every domain's
     *     whole status, 10.6 MiB at 10,000 services.)
     */
    get: operations['GetMigrationStatus'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/migration/history': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Daily snapshots of the migration status (for a burn-up), oldest first
     * @description Each snapshot keeps every domain's phase and, from 2026-11-28 on, `openViolations`
     *     (open rule violations per rule and per domain: the split debt). `projection` (with two
     *     or more snapshots): phase points gained per day between the latest snapshot and the
     *     last one at least 28 days before it, extended to every domain in phase 3 (`phase3On`,
     *     `summary` such as "at this pace: phase 3 on 2027-05-02").
     */
    get: operations['GetMigrationHistory'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/migration/{kind}/{namespace}/{name}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One domain's migration status (the answer for a Domain's entity card)
     * @description Every criterion lists at most `limit` evidence lines and `limit` blockers (the rest counted in `moreEvidence`, `moreBlockers`), and `nextBlockers` at most `limit` sentences (`moreNextBlockers`); a domain of hundreds of components names each of them in several criteria.
     */
    get: operations['GetDomainMigrationStatus'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/rules/violations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Violations of the principal-level rules, with their lifecycle
     * @description Checking the rules (once per catalog × evidence change, and by the daily snapshot task)
     *     advances the lifecycle kept in the store: a violation found is `open` (`firstSeenAt`
     *     from its first sighting, `lastSeenAt` the latest check); an open one no longer found
     *     becomes `resolved` with `resolvedAt`. Each has a stable `key` and the `domainRefs` it
     *     concerns. Deployment rules judge what is live now plus deploys inside
     *     `domainSplit.evidence.window`, in tracked environments only.
     *
     *     The answer is one page (default 100, at most 500 violations; `totalItems` says how many
     *     match) with `counts`, the violations per rule of the same status, entity and `q`
     *     (whatever `rule` is): `limit=0` gives the counts alone. Before paging (2026-11-28) it
     *     listed every violation (11 MiB at 10,000 services).
     */
    get: operations['GetRuleViolations'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/context-map': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The split as a context map (domains by team, edges by kind with their rules)
     * @description Nodes are Domains (owner, how many domains the owner has, components, services count, contracts, migration phase). Edges go from the downstream domain (consumer, user of a shared thing) to the upstream one, one per pair of domains and kind, with the count of dependencies behind it (at most 10 listed, `moreLinks` for the rest) and indexes into the violations of the rule check that concern them. With `domain` or `team`, only those domains, their edges and the domains at the other ends are returned (`focus`).
     */
    get: operations['GetContextMap'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/context-map/view': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * What the Map tab draws (a small map whole, a large one as a neighbourhood)
     * @description The part of the context map the Map tab draws, cut on the server from the whole map of this catalog and evidence (the ties with their links; only the selected domain with its components and APIs; edges' `violations` empty, their `rules` name what they break): ties of the chosen `kinds` (only rule-breaking ones with `violationsOnly`); with `team`, the domains that team owns and the ties touching them; else, on a map of more than 40 domains or with more than 60 matching ties, the ties of the selected `domain` (of the domain with the most ties when none is selected); at most 60 ties, rule breaks first, then the heaviest (`view.notDrawn` counts the others). `view` also counts the whole map; with `domain`, `selected` lists its owner's domains and the violations of all its ties (at most 10 in `violations`, `moreViolations` for the rest).
     */
    get: operations['GetContextMapView'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/context-map/domains': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A page of the context map's domains (the Map tab's domain picker)
     * @description The domains the caller sees, in ref order, those whose title or ref contains `q`.
     */
    get: operations['GetContextMapDomains'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/context-map/teams': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A page of the teams owning the context map's domains (the Map tab's team picker)
     * @description The teams the caller sees, in ref order, those whose title or ref contains `q`.
     */
    get: operations['GetContextMapTeams'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    Error: {
      error: {
        name: string;
        message: string;
      };
      request?: {
        method?: string;
        url?: string;
      };
      response?: {
        statusCode?: number;
      };
    };
    WebhookAccepted: {
      /** @description The delivery id under which the event is stored. */
      id: string;
      /** @enum {string} */
      status: 'accepted' | 'duplicate';
    };
    Pipeline: {
      /** @description The pipeline run id (deployments sharing it are seen as deployed together). */
      id?: string;
      /** Format: uri */
      url?: string;
      repository?: string;
    };
    /**
     * @description The generic CI event, version 1. Unknown fields are rejected (400), so that a typo
     *     never goes unnoticed. `occurredAt` may lie at most one hour in the future.
     * @example {
     *       "id": "orders-3.2.1-production-42",
     *       "type": "deployment",
     *       "occurredAt": "2026-11-25T12:00:00Z",
     *       "service": "orders-service",
     *       "version": "3.2.1",
     *       "environment": "production",
     *       "status": "success",
     *       "pipeline": {
     *         "id": "42",
     *         "url": "https://ci.example.com/pipelines/42",
     *         "repository": "aliexpress-platform/aliexpress-platform"
     *       },
     *       "commit": "9f2c1e7"
     *     }
     */
    CiEventV1: {
      /**
       * @default 1
       * @enum {integer}
       */
      specVersion: 1;
      /** @description Unique per event; the idempotency key. */
      id: string;
      /** @enum {string} */
      type: 'deployment' | 'release' | 'test_run';
      /**
       * Format: date-time
       * @description With a time zone; the order of events.
       */
      occurredAt: string;
      /** @description Matches component:default/<service lower-case>, or a Component's domain-split/ci-service-name. */
      service: string;
      version: string;
      /** @description Required for deployment; ignored for release and test_run. */
      environment?: string;
      /**
       * @description Required for deployment. `rolled_back` means this deployment rolled the environment back to `version`.
       * @enum {string}
       */
      status?: 'success' | 'failure' | 'in_progress' | 'rolled_back';
      /** @description deployment only; marks it as a rollback. */
      rollback?: boolean;
      /**
       * @description Required for test_run.
       * @enum {string}
       */
      suite?: 'domain' | 'contract';
      /**
       * @description Required for test_run.
       * @enum {string}
       */
      result?: 'passed' | 'failed';
      /**
       * @description test_run with suite contract only. The counterparts whose contract with this service
       *     at this version the run checked, with the run's `result`. Symmetric: a consumer's
       *     run naming its providers and a provider's verification naming consumer versions mean
       *     the same. An entry without service or version, an unknown field, or the service
       *     itself → 400.
       */
      verifiedAgainst?: components['schemas']['VerifiedCounterpart'][];
      pipeline?: components['schemas']['Pipeline'];
      commit?: string;
    };
    /** @enum {string} */
    DeploymentStatus: 'success' | 'failure' | 'in_progress' | 'rolled_back';
    /** @description The version currently live for one service in one environment. */
    CurrentRelease: {
      /** @description Entities left out because the catalog does not show them to the caller (counted, never named). */
      hiddenEntities?: number;
      deployedAt: string;
      domainRef?: string;
      entityRef?: string;
      environment: string;
      /** @description Services of other domains deployed by the same pipeline run or commit. */
      lockstepWith: string[];
      pipelineUrl?: string;
      /** @description The version it replaced, when known. */
      previousVersion?: string;
      /** @description The environment is not tracked (`domainSplit.environments`): shown, never counted. */
      untracked?: boolean;
      rollback: boolean;
      service: string;
      status: components['schemas']['DeploymentStatus'];
      version: string;
      /** @description No passing contract-test run for this version before the deploy. */
      withoutContractTests: boolean;
    };
    /** @description GET /releases */
    ReleasesResponse: {
      /** @description Entities left out because the catalog does not show them to the caller (counted, never named). */
      hiddenEntities?: number;
      current: components['schemas']['CurrentRelease'][];
      /** @description The tracked environments, ordered (the grid's columns). */
      environments: string[];
      /** @description Environments CI deployed to that are not tracked (shown behind a toggle, never counted). */
      otherEnvironments: string[];
    };
    /** @description The counts of one domain's header in the release grid, over every service of the domain the search and switches match (not only those of the page). */
    ReleaseDomainSummary: {
      /** @description Absent: the services outside any domain. */
      domainRef?: string;
      services: number;
      rollbacks: number;
      withoutContractTests: number;
      lockstep: number;
    };
    /** @description GET /releases: a page of service rows, the releases of its services in `current` (in grid order), the headers of the page's domains. */
    ReleasesPageResponse: {
      /** @description The tracked environments, ordered (the grid's columns). */
      environments: string[];
      /** @description Environments CI deployed to that are not tracked (shown behind a toggle, never counted). */
      otherEnvironments: string[];
      current: components['schemas']['CurrentRelease'][];
      domains: components['schemas']['ReleaseDomainSummary'][];
      /** @description How many services match in all (the caller sees). */
      totalItems: number;
      offset: number;
      limit: number;
      /** @description Entities left out because the catalog does not show them to the caller (counted, never named). */
      hiddenEntities?: number;
    };
    /** @description One deployment of a service version to an environment, as reported by CI. */
    DeploymentRecord: {
      commit?: string;
      /** @description The catalog entity it matched, if any. */
      entityRef?: string;
      environment: string;
      /** @description The id of the accepted event this came from (the delivery id). */
      eventId: string;
      /** @description ISO 8601, the event's own time (not the arrival time). */
      occurredAt: string;
      pipelineId?: string;
      pipelineUrl?: string;
      repository?: string;
      /** @description Explicitly marked as a rollback, or a lower version replacing a higher one. */
      rollback: boolean;
      /** @description The service name as CI reported it. */
      service: string;
      status: components['schemas']['DeploymentStatus'];
      /** @description The environment is not tracked (`domainSplit.environments`): shown, never counted. */
      untracked?: boolean;
      version: string;
    };
    /** @description One run of a domain or contract test suite for a service version. */
    TestRunRecord: {
      /** @description The commit tested; a run covers a deployment of the same commit as well as the same version. */
      commit?: string;
      entityRef?: string;
      eventId: string;
      occurredAt: string;
      pipelineId?: string;
      pipelineUrl?: string;
      repository?: string;
      /** @description The GitHub workflow that ran it, `<owner>/<repo>:<path>`: a Component claims it with `domain-split/github-workflow`. */
      workflow?: string;
      result: components['schemas']['TestResult'];
      service: string;
      suite: components['schemas']['TestSuite'];
      version: string;
    };
    /** @description A version released (published: tagged, built, pushed) by CI, independent of any deployment. */
    ReleaseRecord: {
      commit?: string;
      entityRef?: string;
      eventId: string;
      occurredAt: string;
      pipelineId?: string;
      pipelineUrl?: string;
      repository?: string;
      service: string;
      version: string;
    };
    /** @description GET /releases/:service/history */
    ReleaseHistoryResponse: {
      deployments: components['schemas']['DeploymentRecord'][];
      entityRef?: string;
      releases: components['schemas']['ReleaseRecord'][];
      service: string;
      testRuns: components['schemas']['TestRunRecord'][];
      /** @description The deploy gate's recorded answers for the service, newest first. */
      verdicts?: components['schemas']['RecordedVerdict'][];
    };
    /** @description One counterpart a contract-test run verified. */
    VerifiedCounterpart: {
      service: string;
      version: string;
    };
    /**
     * @description The deploy gate's checks.
     * @enum {string}
     */
    GateCheck:
      | 'domain-tests'
      | 'provider-contract'
      | 'consumer-contract'
      | 'lockstep';
    /**
     * @description `passed` and `skipped` are ok; `failed` and `unknown` (no evidence: missing evidence is never passing evidence) are not.
     * @enum {string}
     */
    GateCheckStatus: 'passed' | 'failed' | 'unknown' | 'skipped';
    /** @description One reason of a gate verdict. */
    GateReason: {
      check: components['schemas']['GateCheck'];
      /** @description What was found, and when not ok, what to send or fix. */
      detail: string;
      /** @description The entities the reason is about. */
      entityRefs: string[];
      ok: boolean;
      status: components['schemas']['GateCheckStatus'];
    };
    /** @description What is at stake if the deployed version fails (the service's blast radius). */
    GateImpact: {
      /** @description How many domains are affected in all. */
      domainCount: number;
      /** @description Affected domains (other than the service's own), worst first; at most 10. */
      domains: {
        domainRef: string;
        impact: components['schemas']['ImpactLevel'];
      }[];
      /** @description How many entities it takes down in all. */
      entityCount: number;
      users: components['schemas']['ImpactLevel'];
    };
    /** @description GET /can-i-deploy: may `service` at `version` go to `environment`? */
    CanIDeployResponse: {
      deployable: boolean;
      domainRef?: string;
      entityRef: string;
      environment: string;
      impact: components['schemas']['GateImpact'];
      /** @description The version of the service live in the environment now, if any. */
      liveVersion?: string;
      reasons: components['schemas']['GateReason'][];
      /** @description The version is lower than the live one. */
      rollback: boolean;
      service: string;
      titles: {
        [key: string]: string;
      };
      /** @description The id under which the backend recorded this answer. */
      verdictId?: string;
      version: string;
    };
    /** @description A recorded gate answer, as the service's history lists it. */
    RecordedVerdict: {
      askedAt: string;
      /** @description Who asked — a user entity ref or a service principal's subject. */
      askedBy: string;
      deployable: boolean;
      /** @description The verdict was "no", and that version was deployed to that environment afterwards anyway (no later "yes" in between). */
      deployedAfterRefusal?: {
        eventId: string;
        occurredAt: string;
      };
      entityRef?: string;
      environment: string;
      id: string;
      liveVersion?: string;
      reasons: components['schemas']['GateReason'][];
      rollback: boolean;
      service: string;
      version: string;
    };
    /** @description An accepted event whose service is not in the catalog. */
    UnmatchedEvent: {
      environment?: string;
      eventId: string;
      occurredAt: string;
      receivedAt: string;
      service: string;
      type: string;
      version?: string;
    };
    /** @description A problem with an annotation (or a reference) on one entity. Reported, never thrown. */
    AnnotationProblem: {
      annotation: string;
      entityRef: string;
      message: string;
      value?: string;
    };
    /** @description GET /migration/domain/:namespace/:name: one domain's status (entity cards) */
    DomainMigrationResponse: {
      /** @description Entities left out because the catalog does not show them to the caller (counted, never named). */
      hiddenEntities?: number;
      annotationProblems: components['schemas']['AnnotationProblem'][];
      domain: components['schemas']['DomainMigrationStatus'];
      generatedAt: string;
    };
    DomainMigrationStatus: {
      /** @description Entities left out because the catalog does not show them to the caller (counted, never named). */
      hiddenEntities?: number;
      domainRef: string;
      /** @description What blocks the next phase or step, in words a manager reads. */
      nextBlockers: string[];
      /** @description Sentences of `nextBlockers` left out of a bounded answer (absent when none were). */
      moreNextBlockers?: number;
      phase: components['schemas']['MigrationPhase'];
      /** @description Criteria of phases 1 and 2. */
      phaseCriteria: {
        criteria: components['schemas']['MigrationCriterion'][];
        met: boolean;
        /** @enum {number} */
        phase: 1 | 2;
      }[];
      /** @description 0..1, share of all criteria met (for progress bars). */
      progress: number;
      /**
       * @description on-track | at-risk (target date near, phase below target) | late | done | no-target
       * @enum {string}
       */
      schedule: 'on-track' | 'at-risk' | 'late' | 'done' | 'no-target';
      /** @description Playbook steps 1-4 (phase 3 is reached when all are met). */
      steps: components['schemas']['PlaybookStep'][];
      targetDate?: string;
      targetPhase?: components['schemas']['MigrationPhase'];
      title: string;
    };
    /** @description One criterion of a phase or playbook step, with the evidence that meets it or what blocks it. */
    MigrationCriterion: {
      blockers: {
        /** @description Entities of this blocker the caller may not see. */
        hiddenEntities?: number;
        entityRefs: string[];
        message: string;
        /** @description Links to the evidence (e.g. the failed CI run). */
        url?: string;
      }[];
      evidence: string[];
      id: string;
      label: string;
      met: boolean;
      /** @description Evidence lines left out of a bounded answer (absent when none were). */
      moreEvidence?: number;
      /** @description Blockers left out of a bounded answer (absent when none were). */
      moreBlockers?: number;
    };
    /** @enum {number} */
    MigrationPhase: 0 | 1 | 2 | 3;
    PlaybookStep: {
      criteria: components['schemas']['MigrationCriterion'][];
      label: string;
      met: boolean;
      /** @enum {number} */
      step: 1 | 2 | 3 | 4;
    };
    OwnershipComponent: {
      /** @description Entities left out because the catalog does not show them to the caller (counted, never named). */
      hiddenEntities?: number;
      apis: string[];
      entityRef: string;
      ownerRef?: string;
      resources: string[];
      systemRef?: string;
      title: string;
      type?: string;
    };
    OwnershipDomain: {
      /** @description Entities left out because the catalog does not show them to the caller (counted, never named). */
      hiddenEntities?: number;
      /** @description APIs (contracts) published by the domain's components. */
      apis: string[];
      components: components['schemas']['OwnershipComponent'][];
      entityRef: string;
      ownerRefs: string[];
      systems: string[];
      title: string;
    };
    /** @description A domain or component of an Ownership row that the search matched. */
    OwnershipPageMatch: {
      entityRef: string;
      /** @enum {string} */
      kind: 'domain' | 'component';
      /** @description The domain holding a matched component; none for a component outside any domain. */
      domainRef?: string;
    };
    /** @description One row of the Ownership tab's team list: counts and the first names (titles in the page's `titles`); GET /ownership?team= gives what it owns. */
    OwnershipPageRow: {
      entityRef: string;
      title: string;
      /**
       * @description `group`: owns nothing itself, has domains through the groups below it.
       * @enum {string}
       */
      kind: 'team' | 'group';
      parentRef?: string;
      memberCount: number;
      domainCount: number;
      componentCount: number;
      childCount: number;
      rolledUpDomainCount: number;
      rolledUpComponentCount: number;
      /** @description Its first domains. */
      domains: string[];
      /** @description Its first groups below, by title. */
      children: string[];
      /** @description The ownership problems of the group and its domains (messages). */
      problems: string[];
      /** @description The first of what the search matched in what it owns. */
      matches: components['schemas']['OwnershipPageMatch'][];
      /** @description How many it matched in all. */
      matchCount: number;
      /** @description The row lists only the services the search matched (it did not match the group's name). */
      filtered: boolean;
      /** @description How many services the row lists when opened. */
      services: number;
      /** @description Entities left out because the catalog does not show them to the caller (counted, never named). */
      hiddenEntities?: number;
    };
    /** @description GET /ownership: a page of the team list matching the search, and what the tab shows around it. */
    OwnershipPageResponse: {
      /** @description Counts of the whole catalog (the caller sees). */
      summary: {
        teams: number;
        /** @description Groups above the teams (they own nothing themselves). */
        groups: number;
        domains: number;
        componentsInDomains: number;
        unassigned: number;
        problems: number;
      };
      /** @description Every group of the list (the team picker). */
      groups: {
        entityRef: string;
        title: string;
      }[];
      rows: components['schemas']['OwnershipPageRow'][];
      /** @description Titles of the refs the rows and problems name. */
      titles: {
        [key: string]: string;
      };
      /** @description How many rows match in all. */
      totalItems: number;
      offset: number;
      limit: number;
      /** @description The first ownership problems, and how many there are. */
      problems: {
        items: components['schemas']['OwnershipProblem'][];
        total: number;
      };
      /** @description The first domains no team owns (matching the search), and how many. */
      unownedDomains: {
        items: components['schemas']['OwnershipDomain'][];
        total: number;
      };
      /** @description The first entities outside any domain (matching the search, or of the chosen group), and how many. */
      unassigned: {
        items: components['schemas']['OwnershipComponent'][];
        total: number;
      };
      /** @description The first annotation problems, and how many. */
      annotationProblems: {
        items: components['schemas']['AnnotationProblem'][];
        total: number;
      };
      /** @description Entities left out because the catalog does not show them to the caller (counted, never named). */
      hiddenEntities?: number;
    };
    OwnershipProblem: {
      /** @description Entities left out because the catalog does not show them to the caller (counted, never named). */
      hiddenEntities?: number;
      entityRefs: string[];
      /** @enum {string} */
      kind:
        | 'domain-without-owner'
        | 'domain-with-several-owners'
        | 'component-owner-mismatch'
        | 'orphan';
      message: string;
    };
    /** @description GET /ownership */
    OwnershipResponse: {
      /** @description Entities left out because the catalog does not show them to the caller (counted, never named). */
      hiddenEntities?: number;
      annotationProblems: components['schemas']['AnnotationProblem'][];
      domains: components['schemas']['OwnershipDomain'][];
      problems: components['schemas']['OwnershipProblem'][];
      teams: components['schemas']['OwnershipTeam'][];
      /** @description Components, APIs and resources that belong to no domain. */
      unassigned: components['schemas']['OwnershipComponent'][];
    };
    OwnershipTeam: {
      /** @description The Group above it (`spec.parent`, or a Group listing it in `spec.children`). */
      parentRef?: string;
      /** @description The Groups directly below it. */
      childRefs: string[];
      /** @description Domains owned by this Group or any Group below it. */
      rolledUpDomains: string[];
      /** @description Components owned by this Group or any Group below it. */
      rolledUpComponents: string[];
      /** @description Entities left out because the catalog does not show them to the caller (counted, never named). */
      hiddenEntities?: number;
      components: string[];
      domains: string[];
      entityRef: string;
      /** @description Members with their roles (org role from the User's/Group's metadata). */
      members: {
        entityRef: string;
        role?: string;
        title: string;
      }[];
      title: string;
    };
    /** @description Entities the caller may not see, summarised - impact is computed on the whole catalog, so on-call learns that something is blocked without learning its name. */
    HiddenImpact: {
      /** @description How many entities were left out. */
      count: number;
      /** @description The worst impact on (or from) them. */
      impact: components['schemas']['ImpactLevel'];
    };
    /** @description One step of a path that explains an impact: `consumer` depends on `provider` with `impact`. */
    ImpactEdge: {
      consumer: string;
      impact: components['schemas']['ImpactLevel'];
      /** @description The impact came from a `domain-split/dependency-impact` override. */
      overridden: boolean;
      provider: string;
      /** @description How the dependency is declared: `dependsOn`, or the API consumed. */
      via: string;
    };
    /**
     * @description How badly a failure reaches something, ordered from harmless to worst.
     * @enum {string}
     */
    ImpactLevel: 'none' | 'degraded' | 'waits' | 'blocked';
    /** @description GET /impact-path?failing=&affected=[&direction=upstream]: one cell with its path, and the titles of the refs it mentions. */
    ImpactPathResponse: {
      affected: string;
      failing: string;
      impact: components['schemas']['ImpactLevel'];
      /** @description The path (failing → ... → affected, as edges) whose bottleneck gives `impact`. */
      path: components['schemas']['ImpactEdge'][];
      titles: {
        [key: string]: string;
      };
    };
    /** @description GET /impact/:kind/:namespace/:name */
    BlastRadiusResponse: {
      /** @description What it takes down that the caller may not see. */
      hiddenTakesDown?: components['schemas']['HiddenImpact'];
      /** @description What can take it down that the caller may not see. */
      hiddenTakenDownBy?: components['schemas']['HiddenImpact'];
      /** @description Entities left out because the catalog does not show them to the caller (counted, never named). */
      hiddenEntities?: number;
      entityRef: string;
      /** @description Entries of `takesDown` left out by the asked `limit` (absent when none). */
      moreTakesDown?: number;
      /** @description Entries of `takenDownBy` left out by the asked `limit` (absent when none). */
      moreTakenDownBy?: number;
      /** @description Set when the cells were served without their paths (see FailureMatrixPageResponse). */
      pathsOmitted?: boolean;
      /** @description What can take this entity down, and how badly. */
      takenDownBy: components['schemas']['MatrixCell'][];
      /** @description What fails when this entity fails, and how badly (with the explaining path). */
      takesDown: components['schemas']['MatrixCell'][];
      /** @description Impact on user-facing entry points. */
      users: components['schemas']['MatrixCell'];
    };
    /** @description How many entities of one side of a blast radius are affected at each impact level. */
    ImpactCounts: {
      none: number;
      degraded: number;
      waits: number;
      blocked: number;
    };
    /** @description One side of a blast radius (what it takes down, or what takes it down) in a few numbers and its worst entries. */
    ImpactListSummary: {
      /** @description How many entries the side lists in all (what the caller sees; the hidden ones are in `hidden`). */
      total: number;
      /** @description `total` per impact level. */
      byImpact: components['schemas']['ImpactCounts'];
      /** @description `total` per entity kind (`component`, `resource`, ...). */
      byKind: {
        [key: string]: number;
      };
      /** @description The worst entries: most severe first, then by ref (the order of the full blast radius); at most the asked limit. Served without paths (`path: []`): GET /impact-path gives one. */
      worst: components['schemas']['MatrixCell'][];
      /** @description Entries the caller may not see, how many, and how badly at worst. */
      hidden?: components['schemas']['HiddenImpact'];
    };
    /** @description An affected Domain, the worst impact on any of its entities the failure reaches, and how many of them it reaches. */
    AffectedDomain: {
      domainRef: string;
      impact: components['schemas']['ImpactLevel'];
      /** @description How many of its entities the failure reaches. */
      count: number;
    };
    /** @description GET /impact/:kind/:namespace/:name/summary */
    BlastRadiusSummaryResponse: {
      entityRef: string;
      /** @description Impact on user-facing entry points (served without its path). */
      users: components['schemas']['MatrixCell'];
      /** @description What fails when this entity fails. */
      takesDown: components['schemas']['ImpactListSummary'];
      /** @description What can take this entity down. */
      takenDownBy: components['schemas']['ImpactListSummary'];
      /** @description Affected domains, worst first, then by ref; at most the asked limit. */
      domains: components['schemas']['AffectedDomain'][];
      /** @description How many domains are affected in all (those the caller may not see included). */
      domainCount: number;
      /** @description Titles of the refs this answer names. */
      titles: {
        [key: string]: string;
      };
      /** @description Entities left out because the catalog does not show them to the caller (counted, never named). */
      hiddenEntities?: number;
    };
    /** @description GET /impact/:kind/:namespace/:name/entries */
    BlastRadiusPageResponse: {
      entityRef: string;
      /**
       * @description `downstream`: what it takes down; `upstream`: what can take it down.
       * @enum {string}
       */
      direction: 'downstream' | 'upstream';
      /** @description Only entries of this impact level (when asked). */
      impact?: components['schemas']['ImpactLevel'];
      /** @description The entries of the page (`path: []`: GET /impact-path gives one cell's path). */
      items: components['schemas']['MatrixCell'][];
      /** @description How many entries match in all (the caller sees). */
      totalItems: number;
      offset: number;
      limit: number;
      /** @description Titles of the refs the page names. */
      titles: {
        [key: string]: string;
      };
      /** @description Entries of this side the caller may not see (of every level), how many, and how badly at worst. */
      hidden?: components['schemas']['HiddenImpact'];
    };
    MatrixCell: {
      affected: string;
      failing: string;
      impact: components['schemas']['ImpactLevel'];
      /** @description The path (failing → ... → affected, as edges) whose bottleneck gives `impact`. */
      path: components['schemas']['ImpactEdge'][];
    };
    /** @enum {string} */
    TestResult: 'passed' | 'failed';
    /** @enum {string} */
    TestSuite: 'domain' | 'contract';
    /**
     * @description on-track | at-risk (target date near, phase below target) | late | done | no-target
     * @enum {string}
     */
    MigrationSchedule: 'on-track' | 'at-risk' | 'late' | 'done' | 'no-target';
    /** @description One domain's row of the Migration tab, without the per-component evidence. */
    DomainMigrationSummary: {
      domainRef: string;
      title: string;
      phase: components['schemas']['MigrationPhase'];
      /** @description 0..1, share of all criteria met. */
      progress: number;
      targetPhase?: components['schemas']['MigrationPhase'];
      targetDate?: string;
      schedule: components['schemas']['MigrationSchedule'];
      /** @description Playbook steps 1-4, met or not. */
      steps: {
        /** @enum {number} */
        step: 1 | 2 | 3 | 4;
        label: string;
        met: boolean;
      }[];
      /** @description How many sentences block the next phase or step. */
      blockerCount: number;
      /** @description The first three of them. */
      nextBlockers: string[];
      /** @description Entities left out because the catalog does not show them to the caller (counted, never named). */
      hiddenEntities?: number;
    };
    /** @description Counts over every domain the caller sees (unfiltered). */
    MigrationAggregates: {
      domainCount: number;
      /** @description Domains per phase, phases 0-3 in order. */
      phases: {
        phase: components['schemas']['MigrationPhase'];
        domains: number;
      }[];
      /** @description Domains per schedule state (late, at-risk, on-track, done, no-target). */
      schedules: {
        schedule: components['schemas']['MigrationSchedule'];
        domains: number;
      }[];
      /** @description Each target date (earliest first), how many domains aim for it, and the first five (title order). */
      targetDates: {
        targetDate: string;
        domainCount: number;
        domains: {
          title: string;
          targetPhase?: components['schemas']['MigrationPhase'];
        }[];
      }[];
    };
    /** @description GET /migration */
    MigrationOverviewResponse: {
      generatedAt: string;
      /** @description The page of domain summaries (title order). */
      domains: components['schemas']['DomainMigrationSummary'][];
      /** @description How many domains match the filters in all (the caller sees). */
      totalItems: number;
      offset: number;
      limit: number;
      aggregates: components['schemas']['MigrationAggregates'];
      annotationProblems: components['schemas']['AnnotationProblem'][];
      /** @description Entities left out because the catalog does not show them to the caller (counted, never named). */
      hiddenEntities?: number;
    };
    /** @description GET /migration/history */
    MigrationHistoryResponse: {
      projection?: components['schemas']['MigrationProjection'];
      snapshots: components['schemas']['MigrationSnapshot'][];
    };
    /** @description Where the phase burn-up is heading at the recent pace. */
    MigrationProjection: {
      /** @description The days the pace was measured over. */
      paceDays: number;
      /** @description The day every domain reaches phase 3 at this pace; absent when the pace is not positive. */
      phase3On?: string;
      /** @description Phase points now (the sum of the domains' phases). */
      points: number;
      pointsPerDay: number;
      /** @description In words: `at this pace: phase 3 on 2027-05-02`, or why there is no date. */
      summary: string;
      /** @description Phase points needed (3 × domains). */
      target: number;
    };
    MigrationSnapshot: {
      /** @description Entities left out because the catalog does not show them to the caller (counted, never named). */
      hiddenEntities?: number;
      domains: {
        domainRef: string;
        phase: components['schemas']['MigrationPhase'];
        progress: number;
        stepsMet: number;
      }[];
      /** @description Open rule violations when the snapshot was taken (absent before 2026-11-28). */
      openViolations?: {
        /** @description Domain ref → open violations naming one of its entities. */
        byDomain: {
          [key: string]: number;
        };
        byRule: {
          'contract-tests-before-deploy'?: number;
          'events-only-between-domains'?: number;
          'independent-deploys'?: number;
          'no-cross-domain-db'?: number;
          'no-shared-business-library'?: number;
          'no-shared-cache'?: number;
          'one-owner-per-domain'?: number;
        };
      };
      takenAt: string;
    };
    /** @description GET /failure-matrix?level=domain|service&limit&offset&failing */
    FailureMatrixPageResponse: {
      /** @description How many rows match in all (the caller sees). */
      totalItems: number;
      offset: number;
      limit: number;
      /** @description Entities left out because the catalog does not show them to the caller (counted, never named). */
      hiddenEntities?: number;
      annotationProblems: components['schemas']['AnnotationProblem'][];
      /** @description The affected entities, in the order of each row's `impacts`: every Domain at `level=domain`; at `level=service` the Components this page's rows reach. */
      columns: string[];
      /** @enum {string} */
      level: 'domain' | 'service';
      /** @description Set when the cells were served without their paths (every `path` is `[]`, the result is large): GET /impact-path gives the path of one cell. */
      pathsOmitted?: boolean;
      /** @description The rows of the page, in the compact form. */
      rows: components['schemas']['MatrixPageRow'][];
      /** @description Titles of the columns and of the refs the page's rows name. */
      titles: {
        [key: string]: string;
      };
    };
    /** @description A row of the failure matrix in the compact form - the impact on every column as one letter per column, in the columns' order, instead of one MatrixCell per affected column. */
    MatrixPageRow: {
      /** @description Entities reached that the caller may not see - how many, and the worst impact on them. */
      hiddenAffected?: components['schemas']['HiddenImpact'];
      /** @description Cells of this row the page left out (asked with `cells` - it keeps the worst), none worse than the least bad cell kept. */
      moreCells?: number;
      /** @description One letter per column, in the columns' order: `n` none, `d` degraded, `w` waits, `b` blocked, `.` not reached. */
      impacts: string;
      /** @description The path that explains each reached cell, by affected ref (absent when the response says `pathsOmitted`; GET /impact-path gives one cell's path). */
      paths?: {
        [key: string]: components['schemas']['ImpactEdge'][];
      };
      declared?: components['schemas']['ImpactLevel'];
      /** @description Declared differs from computed users impact. */
      drift: boolean;
      failing: string;
      /** @description Impact on user-facing entry points. */
      users: components['schemas']['MatrixCell'];
    };
    /** @description GET /events/unmatched */
    UnmatchedEventsResponse: {
      items: components['schemas']['UnmatchedEvent'][];
    };
    RuleDescription: {
      description: string;
      id: components['schemas']['RuleId'];
      title: string;
    };
    /** @enum {string} */
    RuleId:
      | 'no-cross-domain-db'
      | 'no-shared-cache'
      | 'no-shared-business-library'
      | 'events-only-between-domains'
      | 'one-owner-per-domain'
      | 'independent-deploys'
      | 'contract-tests-before-deploy';
    RuleViolation: {
      /** @description The Domains of the entities named (for the split debt per domain). */
      domainRefs: string[];
      /** @description Entities left out because the catalog does not show them to the caller (counted, never named). */
      hiddenEntities?: number;
      entityRefs: string[];
      /** @description ISO 8601: when an analysis first found it. */
      firstSeenAt?: string;
      /** @description Stable identity across analyses (rule + what it is about). */
      key: string;
      /** @description ISO 8601: the last analysis that found it. */
      lastSeenAt?: string;
      message: string;
      /** @description ISO 8601: the first analysis that no longer found it (resolved only). */
      resolvedAt?: string;
      rule: components['schemas']['RuleId'];
      status?: components['schemas']['ViolationStatus'];
    };
    /** @enum {string} */
    ViolationStatus: 'open' | 'resolved';
    /** @description GET /rules/violations[?entityRef=][&status=open|resolved|all] */
    RuleViolationsResponse: {
      /** @description Entities left out because the catalog does not show them to the caller (counted, never named). */
      hiddenEntities?: number;
      annotationProblems: components['schemas']['AnnotationProblem'][];
      rules: components['schemas']['RuleDescription'][];
      violations: components['schemas']['RuleViolation'][];
    };
    /** @description GET /rules/violations[?entityRef=][&status=][&rule=][&q=][&limit=&offset=] */
    RuleViolationsPageResponse: {
      /** @description Entities left out because the catalog does not show them to the caller (counted, never named). */
      hiddenEntities?: number;
      annotationProblems: components['schemas']['AnnotationProblem'][];
      rules: components['schemas']['RuleDescription'][];
      /** @description The violations of the page. */
      violations: components['schemas']['RuleViolation'][];
      /** @description How many violations match in all (of `rule` when asked). */
      totalItems: number;
      offset: number;
      limit: number;
      /** @description Violations per rule of the same status, entity and `q` (whatever `rule` is); every rule of `rules` has one. */
      counts: {
        'contract-tests-before-deploy'?: number;
        'events-only-between-domains'?: number;
        'independent-deploys'?: number;
        'no-cross-domain-db'?: number;
        'no-shared-business-library'?: number;
        'no-shared-cache'?: number;
        'one-owner-per-domain'?: number;
      };
    };
    /**
     * @description How two domains are tied on the context map.
     * @enum {string}
     */
    ContextMapEdgeKind:
      | 'events'
      | 'sync'
      | 'shared-database'
      | 'shared-cache'
      | 'shared-library';
    /** @description One service-level dependency behind a context-map edge. */
    ContextMapLink: {
      consumer: string;
      provider: string;
      via: string;
      rules: components['schemas']['RuleId'][];
    };
    /** @description An edge between two domains, downstream (from) to upstream (to). */
    ContextMapEdge: {
      id: string;
      from: string;
      to: string;
      kind: components['schemas']['ContextMapEdgeKind'];
      count: number;
      links: components['schemas']['ContextMapLink'][];
      moreLinks: number;
      rules: components['schemas']['RuleId'][];
      /** @description Indexes into the response's `violations`. */
      violations: number[];
    };
    /** @description A domain on the context map. */
    ContextMapNode: {
      domainRef: string;
      title: string;
      ownerRef?: string;
      ownerDomainCount: number;
      components: string[];
      serviceCount: number;
      apis: string[];
      phase?: components['schemas']['MigrationPhase'];
    };
    ContextMapTeam: {
      entityRef: string;
      title: string;
      domains: string[];
    };
    /** @description GET /context-map[?domain=|team=] */
    ContextMapResponse: {
      nodes: components['schemas']['ContextMapNode'][];
      edges: components['schemas']['ContextMapEdge'][];
      teams: components['schemas']['ContextMapTeam'][];
      focus?: {
        domain?: string;
        team?: string;
        domains: string[];
        /** @description With `?neighbours=`, the domains tied to the focused ones that were left out. */
        moreNeighbours?: number;
        /** @description With `?neighbours=` and a team owning more domains than that, its domains left out (the most tied are drawn; `domains` lists them all). */
        moreDomains?: number;
      };
      titles: {
        [key: string]: string;
      };
      violations: components['schemas']['RuleViolation'][];
      /** @description Entities left out because the catalog does not show them to the caller (counted, never named). */
      hiddenEntities?: number;
      /** @description Set on an outline (`?details=false`) - nodes' components and apis, edges' links and violations, and violations are left empty, titles name the domains and teams. */
      detailsOmitted?: boolean;
    };
    /** @description GET /context-map/view - the drawn part of the context map. */
    ContextMapViewResponse: {
      nodes: components['schemas']['ContextMapNode'][];
      edges: components['schemas']['ContextMapEdge'][];
      /** @description Owners of the drawn nodes, with their drawn domains. */
      teams: components['schemas']['ContextMapTeam'][];
      titles: {
        [key: string]: string;
      };
      /** @description The selected domain's violations `selected` points at (edges' `violations` are empty). */
      violations: components['schemas']['RuleViolation'][];
      /** @description Entities left out because the catalog does not show them to the caller (counted, never named). */
      hiddenEntities?: number;
      view: {
        /**
         * @description `all` - the whole map; `team` - a team's neighbourhood; `neighbourhood` - a large map drawn around `around`.
         * @enum {string}
         */
        mode: 'all' | 'team' | 'neighbourhood';
        around?: string;
        /** @description Ties that match the filters but were left out (at most 60 are drawn). */
        notDrawn: number;
        /** @description Domains of the whole map. */
        domains: number;
        /** @description Teams of the whole map. */
        teams: number;
        /** @description Ties of the whole map. */
        ties: number;
        /** @description Ties of the whole map that break a rule. */
        violatingTies: number;
        /** @description Each drawn team's place among all the map's teams (its colour). */
        teamOrder: {
          [key: string]: number;
        };
      };
      /** @description With `domain` - what its side panel lists beside its node. */
      selected?: {
        domainRef: string;
        /** @description Every domain its owner owns, itself included. */
        ownerDomains: string[];
        /** @description The violations of all its ties (indexes into `violations`), at most 10. */
        violations: number[];
        moreViolations: number;
      };
    };
    ContextMapChoice: {
      entityRef: string;
      title: string;
    };
    /** @description GET /context-map/domains and /context-map/teams - a page of picker choices. */
    ContextMapChoicesResponse: {
      items: components['schemas']['ContextMapChoice'][];
      totalItems: number;
      offset: number;
      limit: number;
    };
  };
  responses: {
    /** @description Malformed JSON, unknown event type, or a missing or invalid field (named in the message). */
    BadRequest: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description Missing or invalid credentials, signature, or an expired webhook timestamp. */
    Unauthorized: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description The permission policy denies the caller (`domain-split.analysis.read` on read routes, `domain-split.ci-event.create` on the CI webhook), or a user token on the CI webhook (only service tokens are accepted there). The message names the permission. */
    Forbidden: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description Not found. */
    NotFound: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description The body exceeds domainSplit.webhooks.maxBodyBytes (default 1 MiB). */
    PayloadTooLarge: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description The body is not application/json (or is compressed). */
    UnsupportedMediaType: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description A database or other server error; nothing was stored, the sender should retry. */
    ServerError: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description The catalog is still loading at start-up (the backend answers once two reads in a row agree); try again in a few seconds. */
    CatalogLoading: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
  };
  parameters: {
    /** @description Part of a title or ref (case-insensitive). */
    ChoiceText: string;
    /** @description Choices per page (0 - only `totalItems`). */
    ChoiceLimit: number;
    ChoiceOffset: number;
  };
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  PostCiEvent: {
    parameters: {
      query?: never;
      header?: {
        'webhook-id'?: string;
        'webhook-timestamp'?: string;
        'webhook-signature'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CiEventV1'];
      };
    };
    responses: {
      /** @description A delivery with this id was stored before; nothing changed. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookAccepted'];
        };
      };
      /** @description Stored. */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookAccepted'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      500: components['responses']['ServerError'];
      /** @description No Standard Webhooks secret is configured and the request has no service token. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  PostGithubDelivery: {
    parameters: {
      query?: never;
      header: {
        'X-GitHub-Event': string;
        'X-GitHub-Delivery': string;
        'X-Hub-Signature-256': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': Record<string, never>;
      };
    };
    responses: {
      /** @description Duplicate, ping, or ignored event. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json':
            | components['schemas']['WebhookAccepted']
            | {
                /** @enum {string} */
                status: 'pong' | 'ignored';
                zen?: string;
                reason?: string;
              };
        };
      };
      /** @description Stored. */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookAccepted'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      500: components['responses']['ServerError'];
      /** @description No GitHub secret is configured. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  GetReleases: {
    parameters: {
      query?: {
        /** @description Only the releases of this Component (full or short ref): the answer for an entity card. */
        entityRef?: string;
        /** @description Only services whose name, Component ref or domain name contains this (case-insensitive). */
        q?: string;
        /** @description Only services with a mark (rollback, no contract tests, lockstep) or a failed deploy in a shown environment. */
        marked?: 'true' | 'false';
        /** @description Also show the environments that are not tracked (`otherEnvironments`). */
        untracked?: 'true' | 'false';
        /** @description Services per page. */
        limit?: number;
        offset?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description ReleasesPageResponse */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReleasesPageResponse'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      503: components['responses']['CatalogLoading'];
    };
  };
  GetReleaseHistory: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        service: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description ReleaseHistoryResponse */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReleaseHistoryResponse'];
        };
      };
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      503: components['responses']['CatalogLoading'];
    };
  };
  GetCanIDeploy: {
    parameters: {
      query: {
        /** @description CI service name or Component name. */
        service: string;
        version: string;
        environment: string;
        /** @description The pipeline run id that would deploy (lockstep check). */
        pipeline?: string;
        /** @description The repository of that pipeline run. */
        repository?: string;
        /** @description The commit that would be deployed (lockstep check). */
        commit?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description CanIDeployResponse */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CanIDeployResponse'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      /** @description No Component in the catalog for the service (or one the reader may not see) (named in the message); nothing recorded. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      503: components['responses']['CatalogLoading'];
    };
  };
  GetUnmatchedEvents: {
    parameters: {
      query?: {
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description UnmatchedEventsResponse */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UnmatchedEventsResponse'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      503: components['responses']['CatalogLoading'];
    };
  };
  GetOwnership: {
    parameters: {
      query?: {
        /** @description Only this team (a Group ref), its domains and the components it owns: the answer for a team card. */
        team?: string;
        /** @description Only the groups whose name, or the name or ref of a domain or component they own, contains this (case-insensitive). */
        q?: string;
        /** @description Only this group's row (a Group ref; the tab's team filter). */
        group?: string;
        /** @description Rows per page. */
        limit?: number;
        offset?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OwnershipPageResponse, or OwnershipResponse with `team` */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json':
            | components['schemas']['OwnershipPageResponse']
            | components['schemas']['OwnershipResponse'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      503: components['responses']['CatalogLoading'];
    };
  };
  GetFailureMatrix: {
    parameters: {
      query?: {
        /** @description Only the row of this failing entity (a Domain at `level=domain`, a Component at `level=service`); 404 when the matrix has no such row or the caller may not see it. */
        failing?: string;
        /** @description Only the rows whose failing entity's ref or title contains this text (any case); `totalItems` counts them. The Services level's filter box asks it. */
        q?: string;
        /** @description At most this many cells per row, the worst (then by affected ref); a row with more says how many it left out in `moreCells`, and the page's columns and titles are of the cells kept. The Services level asks the 12 it lists per service, so a page stays small however much of the catalog its services reach. Default - every cell. */
        cells?: number;
        limit?: number;
        offset?: number;
        level?: 'domain' | 'service';
        /** @description Whether cells carry their explaining paths. Default: only when the result has at most 1,000 cells (users cells included); otherwise every `path` is `[]` and the response has `pathsOmitted: true` (GET /impact-path gives one cell's path). */
        paths?: 'true' | 'false';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description FailureMatrixPageResponse */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FailureMatrixPageResponse'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      503: components['responses']['CatalogLoading'];
    };
  };
  GetBlastRadius: {
    parameters: {
      query?: {
        /** @description Whether cells carry their explaining paths. Default: only when the result has at most 1,000 cells (users cells included); otherwise every `path` is `[]` and the response has `pathsOmitted: true` (GET /impact-path gives one cell's path). */
        paths?: 'true' | 'false';
        /** @description At most this many entries of each side, the most severe. */
        limit?: number;
      };
      header?: never;
      path: {
        kind: string;
        namespace: string;
        name: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description BlastRadiusResponse */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BlastRadiusResponse'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      503: components['responses']['CatalogLoading'];
    };
  };
  GetBlastRadiusSummary: {
    parameters: {
      query?: {
        /** @description How many worst entries of each side, and how many domains, to list. */
        limit?: number;
      };
      header?: never;
      path: {
        kind: string;
        namespace: string;
        name: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description BlastRadiusSummaryResponse */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BlastRadiusSummaryResponse'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      503: components['responses']['CatalogLoading'];
    };
  };
  GetBlastRadiusEntries: {
    parameters: {
      query?: {
        /** @description `downstream` (default): what it takes down; `upstream`: what can take it down. */
        direction?: 'downstream' | 'upstream';
        /** @description Only the entries of this impact level. */
        impact?: components['schemas']['ImpactLevel'];
        limit?: number;
        offset?: number;
      };
      header?: never;
      path: {
        kind: string;
        namespace: string;
        name: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description BlastRadiusPageResponse */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BlastRadiusPageResponse'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      503: components['responses']['CatalogLoading'];
    };
  };
  GetImpactPath: {
    parameters: {
      query: {
        /** @description The failing entity (Component, Resource, API, System, Domain, Group). */
        failing: string;
        /** @description A reached entity, a Domain (the worst impact on any of its Components, as in the domain matrix) or `users` (the users cell). */
        affected: string;
        /** @description `upstream`: the cell of the affected entity's `takenDownBy` (its path is walked from the affected end). Default `downstream`: the matrix cell and `takesDown` entry. */
        direction?: 'downstream' | 'upstream';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description ImpactPathResponse */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ImpactPathResponse'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      503: components['responses']['CatalogLoading'];
    };
  };
  GetMigrationStatus: {
    parameters: {
      query?: {
        /** @description Only domains whose title or ref contains this text (any case). */
        q?: string;
        /** @description Only domains in this phase. */
        phase?: components['schemas']['MigrationPhase'];
        /** @description Only domains in this schedule state. */
        schedule?: components['schemas']['MigrationSchedule'];
        /** @description How many summaries at most (0 answers only the counts). */
        limit?: number;
        offset?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description MigrationOverviewResponse */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MigrationOverviewResponse'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      503: components['responses']['CatalogLoading'];
    };
  };
  GetMigrationHistory: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description MigrationHistoryResponse */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MigrationHistoryResponse'];
        };
      };
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      503: components['responses']['CatalogLoading'];
    };
  };
  GetDomainMigrationStatus: {
    parameters: {
      query?: {
        /** @description Evidence lines and blockers per criterion, and next-blocker sentences, at most. */
        limit?: number;
      };
      header?: never;
      path: {
        /** @description Always `domain`. */
        kind: string;
        namespace: string;
        name: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description DomainMigrationResponse */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DomainMigrationResponse'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      503: components['responses']['CatalogLoading'];
    };
  };
  GetRuleViolations: {
    parameters: {
      query?: {
        /** @description Only violations that name this entity (full or short ref). */
        entityRef?: string;
        /** @description open (default), resolved (resolved inside the evidence window), or all. */
        status?: 'open' | 'resolved' | 'all';
        /** @description Only violations of this rule (a rule id, e.g. no-shared-cache; 400 for an unknown one). `counts` ignore it. */
        rule?: string;
        /** @description Only violations whose entity refs or message contain this text (case-insensitive). */
        q?: string;
        /** @description How many violations at most (0 to 500, default 100; 0 gives only the counts). */
        limit?: number;
        /** @description How many matching violations to skip (default 0). */
        offset?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description RuleViolationsPageResponse */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RuleViolationsPageResponse'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      503: components['responses']['CatalogLoading'];
    };
  };
  GetContextMap: {
    parameters: {
      query?: {
        /** @description A Domain (`payments`, `domain:payments` or `domain:default/payments`). */
        domain?: string;
        /** @description A Group; a department includes the domains of the groups below it. */
        team?: string;
        /** @description With `domain` or `team`, at most this many domains around the focused ones (the most tied first - an edge that breaks a rule, then the number of dependencies); the others are counted in `focus.moreNeighbours`; a team owning more domains than this keeps its most tied ones (`focus.moreDomains`). For entity cards. */
        neighbours?: number;
        /** @description `false`: the outline an entity card draws (`detailsOmitted`): the nodes without their components and contracts, the edges without their links and violations (`moreLinks` = `count`), no violations, titles of the domains and teams only. */
        details?: 'true' | 'false';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description ContextMapResponse */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ContextMapResponse'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
      503: components['responses']['CatalogLoading'];
    };
  };
  GetContextMapView: {
    parameters: {
      query?: {
        /** @description The selected Domain (`payments`, `domain:payments` or `domain:default/payments`). */
        domain?: string;
        /** @description A Group owning domains (its own, not those of the groups below it). */
        team?: string;
        /** @description Edge kinds to draw, separated by commas (all when absent). */
        kinds?: string;
        /** @description `true`: only ties that break a rule, and the domains they tie. */
        violationsOnly?: 'true' | 'false';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description ContextMapViewResponse */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ContextMapViewResponse'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
      503: components['responses']['CatalogLoading'];
    };
  };
  GetContextMapDomains: {
    parameters: {
      query?: {
        /** @description Part of a title or ref (case-insensitive). */
        q?: components['parameters']['ChoiceText'];
        /** @description Choices per page (0 - only `totalItems`). */
        limit?: components['parameters']['ChoiceLimit'];
        offset?: components['parameters']['ChoiceOffset'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description ContextMapChoicesResponse */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ContextMapChoicesResponse'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      503: components['responses']['CatalogLoading'];
    };
  };
  GetContextMapTeams: {
    parameters: {
      query?: {
        /** @description Part of a title or ref (case-insensitive). */
        q?: components['parameters']['ChoiceText'];
        /** @description Choices per page (0 - only `totalItems`). */
        limit?: components['parameters']['ChoiceLimit'];
        offset?: components['parameters']['ChoiceOffset'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description ContextMapChoicesResponse */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ContextMapChoicesResponse'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      503: components['responses']['CatalogLoading'];
    };
  };
}
