import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Configuration of the Domain Split plugins. */
  domainSplit?: {
    monorepo?: {
      /**
       * The monorepo the split starts from. A Component whose `backstage.io/source-location`
       * does not start with this URL counts as extracted into its own repository.
       * @visibility frontend
       */
      url?: string;
    };

    /**
     * The environments whose deployments count as evidence, in delivery order: the columns of
     * the Releases grid, and what the rules (contract tests before deploy, lockstep), playbook
     * step 4, phase 2's live version and the release flags judge. Deployments to other
     * environments are stored and shown (service history, the grid's "Other environments"
     * toggle) but never counted. Each entry is a name or `{ name, production }`;
     * `production: true` marks the environment whose live version phase 2's domain suite must
     * have passed (default: the last listed). Names are compared case-insensitively and must be
     * unique. Without this key every environment counts, ordered local < dev < test < qa < uat
     * < staging < preprod < canary < prod < production, then by name.
     * @visibility frontend
     */
    environments?: Array<string | { name: string; production?: boolean }>;

    /** How CI evidence ages. */
    evidence?: {
      /**
       * Deploy-based verdicts judge what is live now in the tracked environments plus the
       * deploys inside this window; older deploys that are no longer live stop counting (their
       * violations resolve). At least 1 day. Default 30 days.
       */
      window?: HumanDuration | string;
      /**
       * Deploys of services of different domains from the same commit to the same environment
       * are lockstep only when at most this far apart (a shared pipeline run is lockstep
       * however long it took). Not negative. Default 30 minutes.
       */
      lockstepInterval?: HumanDuration | string;
    };

    /** The CI webhooks `POST /api/domain-split/webhooks/ci` and `/webhooks/github`. */
    webhooks?: {
      /**
       * The largest request body accepted, in bytes; larger ones get 413 before they are read
       * whole. Default 1048576 (1 MiB).
       */
      maxBodyBytes?: number;

      /** Standard Webhooks signatures on `POST /webhooks/ci`. */
      standardWebhooks?: {
        /**
         * `whsec_<base64>` secrets. Every one of them is accepted, so a new secret can be added
         * before the old one is removed (rotation). Without any, signed deliveries are refused
         * (503) and only Backstage service tokens are accepted.
         * @visibility secret
         */
        secrets?: string[];
      };

      /** GitHub `X-Hub-Signature-256` on `POST /webhooks/github`. */
      github?: {
        /**
         * The webhook secrets set on GitHub; every one is accepted (rotation). Without any, the
         * GitHub webhook is closed (503).
         * @visibility secret
         */
        secrets?: string[];
      };
    };

    /** Pruning of raw CI events (derived deployments, test runs and releases are kept). */
    retention?: {
      /**
       * Raw events received longer ago than this are deleted. Never less than 3 days, so that
       * retried deliveries are still recognised by their delivery id. Default 90 days.
       */
      maxAge?: HumanDuration | string;
      /** How often the pruning runs (one replica at a time). Default 24 hours. */
      frequency?: HumanDuration | string;
    };

    catalog?: {
      /**
       * How old the catalog read behind the analysis may get (counted from the start of the
       * read) before a request starts a refresh in the background (requests never wait for
       * it: they get the previous read meanwhile). Default 30 seconds.
       */
      cacheTtl?: HumanDuration | string;
      /**
       * The pause between the catalog reads at start-up: Domain Split answers "still loading"
       * (503) until two reads in a row return the same catalog, so that it never computes on a
       * catalog that is still being processed. Default 2 seconds.
       */
      settleInterval?: HumanDuration | string;
    };

    snapshot?: {
      /**
       * How often the migration status is stored for the burn-up history: a duration or
       * `{ cron: '0 3 * * *' }`. Default 24 hours. Shortly after start-up (and every 5 minutes
       * after) a snapshot is also taken when today has none.
       */
      frequency?: HumanDuration | string | { cron: string };
    };

    /**
     * Notifications to the owning groups (Backstage notifications plugin), sent by a scheduled
     * task (one replica at a time) that compares the analysis with its previous run.
     */
    notifications?: {
      /** Run the task at all. Default true; without the notifications plugin it logs and retries. */
      enabled?: boolean;
      /** How often the task compares and sends. Default 15 minutes. */
      frequency?: HumanDuration | string;
      /** Each kind on (true, the default) or off (false). An unknown kind is a start-up error. */
      kinds?: {
        /** A domain's phase went down, or a step it had met is unmet again. */
        phaseRegression?: boolean;
        /** A new open rule violation on one of the group's entities (one per violation). */
        newViolation?: boolean;
        /** The target date is 14 days away or less and the target phase is not reached (weekly). */
        targetDateNear?: boolean;
        /** A version went live without a passing contract-test run. */
        untestedDeploy?: boolean;
        /** A version was deployed although the deploy gate had answered "no" for it. */
        deployAfterRefusal?: boolean;
        /** Declared and computed failure impact of a domain drifted apart. */
        impactDrift?: boolean;
      };
    };
  };
}
