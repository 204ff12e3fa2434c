// GENERATED from plugins/domain-split-backend/src/schema/openapi.yaml by
// `yarn workspace @internal/plugin-domain-split-backend openapi:generate`. Do not edit.
/* eslint-disable */

/** The Domain Split REST contract (openapi.yaml) as a value. @internal */
export const spec = {
  openapi: '3.1.0',
  info: {
    title: 'domain-split',
    version: '1',
    description:
      "The Domain Split backend: CI webhooks in, release versions and the analysis of the catalog\n(ownership, failure isolation, migration status, rules) out. Base path `/api/domain-split`.\n\nRead routes need Backstage credentials (a user token, or a service token such as the\nstatic tokens of `backend.auth.externalAccess`). The webhooks are reachable without\nBackstage credentials and verify each request themselves: a Standard Webhooks signature or\na Backstage service token (`/webhooks/ci`), or GitHub's `X-Hub-Signature-256`\n(`/webhooks/github`). Every response has a full schema below (`components.schemas`); the TypeScript types of\n`@internal/plugin-domain-split-common` (`src/types.ts`) are checked against the types generated\nfrom this file (`yarn workspace @internal/plugin-domain-split-backend openapi:generate`), and\nthe backend's tests validate every route's responses against it.\n\nPermissions (Backstage permission framework): every read route needs\n`domain-split.analysis.read`; `/webhooks/ci` with a service token needs\n`domain-split.ci-event.create` (a token's externalAccess `accessRestrictions` can limit it\nto that permission alone). Denied → 403 with a message naming the permission.\n\nNo leak: answers name only the entities the catalog shows the caller (asked of the catalog\nwith the caller's credentials). Impact is still computed on the whole catalog; hidden\nentities are left out and counted (`hiddenEntities` on the object that lost them;\n`hiddenAffected` on a matrix row, `hiddenTakesDown` / `hiddenTakenDownBy` on a blast radius:\nhow many and the worst impact), a run of hidden entities in an explaining path becomes one\nplaceholder ref `hidden:<count>` (titled \"N entities you cannot see\"), and their names are\nscrubbed from sentences. An entity the caller may not see is answered like one that does\nnot exist (404, or an empty answer for a filter).\n\nCaching: analysis answers carry an `ETag`; a GET with a matching `If-None-Match` answers\n304 Not Modified with no body. Answers of 1 KB or more are sent `Content-Encoding: gzip`\nto clients that accept it.\n",
    license: {
      name: 'UNLICENSED',
    },
  },
  servers: [
    {
      url: '/',
    },
  ],
  security: [
    {
      BackstageToken: [],
    },
  ],
  tags: [
    {
      name: 'webhooks',
    },
    {
      name: 'releases',
    },
    {
      name: 'analysis',
    },
  ],
  paths: {
    '/webhooks/ci': {
      post: {
        tags: ['webhooks'],
        operationId: 'PostCiEvent',
        summary: 'Receive a generic CI event (v1)',
        description:
          "Authenticity: a Standard Webhooks signature (`webhook-id`, `webhook-timestamp`,\n`webhook-signature`; HMAC-SHA256 over `<webhook-id>.<webhook-timestamp>.<raw body>` with\nany of `domainSplit.webhooks.standardWebhooks.secrets`; the timestamp within ±5 minutes),\nor `Authorization: Bearer <Backstage service token>`. A bearer token that is present is\nalways checked, and never falls back to the signature.\n\nIdempotency: the event `id` is the delivery id. A repeated id is answered 200\n`duplicate` and changes nothing, also when two copies arrive at once. Ordering: by the\nevent's `occurredAt`; an older event arriving late goes to the history only.\n\nNothing is written unless the answer is 2xx; raw event and derived state are stored in\none transaction before the answer.\n",
        security: [
          {},
          {
            BackstageToken: [],
          },
        ],
        parameters: [
          {
            in: 'header',
            name: 'webhook-id',
            schema: {
              type: 'string',
            },
          },
          {
            in: 'header',
            name: 'webhook-timestamp',
            schema: {
              type: 'string',
              description: 'Unix time in seconds',
            },
          },
          {
            in: 'header',
            name: 'webhook-signature',
            schema: {
              type: 'string',
              example: 'v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=',
            },
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/CiEventV1',
              },
            },
          },
        },
        responses: {
          '200': {
            description:
              'A delivery with this id was stored before; nothing changed.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/WebhookAccepted',
                },
              },
            },
          },
          '202': {
            description: 'Stored.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/WebhookAccepted',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '413': {
            $ref: '#/components/responses/PayloadTooLarge',
          },
          '415': {
            $ref: '#/components/responses/UnsupportedMediaType',
          },
          '500': {
            $ref: '#/components/responses/ServerError',
          },
          '503': {
            description:
              'No Standard Webhooks secret is configured and the request has no service token.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Error',
                },
              },
            },
          },
        },
      },
    },
    '/webhooks/github': {
      post: {
        tags: ['webhooks'],
        operationId: 'PostGithubDelivery',
        summary: 'Receive a GitHub webhook delivery',
        description:
          "Set the webhook's content type to `application/json` and its secret to one of\n`domainSplit.webhooks.github.secrets`. Mapped events:\n\n- `deployment_status` → deployment (service: `deployment.payload.service`, else the\n  repository name; version: `deployment.payload.version`, else `deployment.ref`;\n  `inactive` is ignored; rollback: `deployment.payload.rollback: true`; pipeline id:\n  the workflow run id).\n- `workflow_run` (action `completed`) → test run, when the workflow name says\n  `contract` (suite contract) or `domain` + `test` (suite domain); the service is a name\n  in brackets or parentheses in the workflow name, else the repository name; the\n  version is the head branch when it is a version tag, else the head commit.\n- `repository_dispatch` with event type (`action`) `domain-split-contract-verification`\n  → a contract test run with `verifiedAgainst`, from a Pact-style verification in\n  `client_payload`: `{ consumer: { name, version }, provider: { name, version },\n  success, verifiedAt?, verificationResultUrl? }` (the consumer's run verified against\n  the provider; validated like the generic event). Other dispatch types → `ignored`.\n- `ping` → 200 `pong`. Every other event → 200 `ignored` with the reason; nothing stored.\n\nThe delivery id is `github:<X-GitHub-Delivery>`.\n",
        security: [{}],
        parameters: [
          {
            in: 'header',
            name: 'X-GitHub-Event',
            required: true,
            schema: {
              type: 'string',
            },
          },
          {
            in: 'header',
            name: 'X-GitHub-Delivery',
            required: true,
            schema: {
              type: 'string',
            },
          },
          {
            in: 'header',
            name: 'X-Hub-Signature-256',
            required: true,
            schema: {
              type: 'string',
              example:
                'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
            },
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'Duplicate, ping, or ignored event.',
            content: {
              'application/json': {
                schema: {
                  oneOf: [
                    {
                      $ref: '#/components/schemas/WebhookAccepted',
                    },
                    {
                      type: 'object',
                      required: ['status'],
                      properties: {
                        status: {
                          type: 'string',
                          enum: ['pong', 'ignored'],
                        },
                        zen: {
                          type: 'string',
                        },
                        reason: {
                          type: 'string',
                        },
                      },
                    },
                  ],
                },
              },
            },
          },
          '202': {
            description: 'Stored.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/WebhookAccepted',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '413': {
            $ref: '#/components/responses/PayloadTooLarge',
          },
          '415': {
            $ref: '#/components/responses/UnsupportedMediaType',
          },
          '500': {
            $ref: '#/components/responses/ServerError',
          },
          '503': {
            description: 'No GitHub secret is configured.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Error',
                },
              },
            },
          },
        },
      },
    },
    '/releases': {
      get: {
        tags: ['releases'],
        operationId: 'GetReleases',
        summary:
          'The live version of every service in every environment, with flags',
        description:
          "One row per service (catalog entity with its `ci-service-name` aliases merged, else the\nCI name) and environment: the newest live deployment, and `previousVersion` the one\nbefore it (the same identity as the history's rollback flags).\n`rollback`: explicit (`status: rolled_back` / `rollback: true`) or a lower version\nreplacing a higher one. `withoutContractTests`: no passing contract-test run for this\nservice and version (normalised version key: `v2.1` = `2.1.0`) or commit at or before\nthe deploy. `lockstepWith`: services of other domains deployed to the same environment\nby the same pipeline run (same repository), or from the same commit within\n`domainSplit.evidence.lockstepInterval`, among deploys inside the evidence window or\nlive now. `environments`: the tracked environments (`domainSplit.environments`, in\norder; without it every environment in the built-in order); `otherEnvironments`: the\nothers CI deployed to, whose rows carry `untracked: true`.\nPaged by service (the Releases tab's rows): services grouped by domain (domains by name,\nservices outside any domain last), by name within a domain; `current` holds the releases\nof the page's services in the shown environments, `domains` the headers of the page's\ndomains counted over every matching service, `totalItems` how many services match.\nA service with no release in a shown environment is not listed.\n",
        responses: {
          '200': {
            description: 'ReleasesPageResponse',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ReleasesPageResponse',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '503': {
            $ref: '#/components/responses/CatalogLoading',
          },
        },
        parameters: [
          {
            in: 'query',
            name: 'entityRef',
            allowReserved: true,
            description:
              'Only the releases of this Component (full or short ref): the answer for an entity card.',
            schema: {
              type: 'string',
            },
          },
          {
            in: 'query',
            name: 'q',
            description:
              'Only services whose name, Component ref or domain name contains this (case-insensitive).',
            schema: {
              type: 'string',
            },
          },
          {
            in: 'query',
            name: 'marked',
            description:
              'Only services with a mark (rollback, no contract tests, lockstep) or a failed deploy in a shown environment.',
            schema: {
              type: 'string',
              enum: ['true', 'false'],
            },
          },
          {
            in: 'query',
            name: 'untracked',
            description:
              'Also show the environments that are not tracked (`otherEnvironments`).',
            schema: {
              type: 'string',
              enum: ['true', 'false'],
            },
          },
          {
            in: 'query',
            name: 'limit',
            description: 'Services per page.',
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 100,
              default: 25,
            },
          },
          {
            in: 'query',
            name: 'offset',
            schema: {
              type: 'integer',
              minimum: 0,
              default: 0,
            },
          },
        ],
      },
    },
    '/releases/{service}/history': {
      get: {
        tags: ['releases'],
        operationId: 'GetReleaseHistory',
        summary:
          'Deployments, test runs and releases of one service, newest first',
        description:
          "`service` is a CI service name or a Component name; a Component's history includes the\nevents sent under the names it claims with `domain-split/ci-service-name`.\n",
        parameters: [
          {
            in: 'path',
            name: 'service',
            required: true,
            schema: {
              type: 'string',
            },
          },
        ],
        responses: {
          '200': {
            description: 'ReleaseHistoryResponse',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ReleaseHistoryResponse',
                },
              },
            },
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
          '503': {
            $ref: '#/components/responses/CatalogLoading',
          },
        },
      },
    },
    '/can-i-deploy': {
      get: {
        tags: ['releases'],
        operationId: 'GetCanIDeploy',
        summary:
          'The deploy gate — may this service version go to this environment?',
        description:
          "Checks, each one or more `reasons` (`status`: passed, failed, unknown, skipped; `ok` is\nfalse for failed and unknown — missing evidence is never passing evidence):\n- `domain-tests`: the latest domain-suite run of the service at `version` passed;\n- `provider-contract`: per Component the service consumes (synchronous or event API,\n  or `dependsOn`), the version live in `environment` has a passing contract\n  verification (`verifiedAgainst`) with the service at `version`; a provider with\n  nothing live there is unknown;\n- `consumer-contract`: the same for each consumer live in `environment` (a consumer not\n  live there is skipped: nothing to break);\n- `lockstep` (when `pipeline` or `commit` is given): that pipeline run or commit did not\n  deploy services of another domain to `environment` (the rules' lockstep definition).\n`deployable` = every reason ok. `rollback` = `version` is lower than the live one.\n`impact` = the service's failure impact (users, worst affected domains). Versions match\nas in the rest of the API (`v3.2.1` = `3.2.1`). Every answer is recorded with the asker\nand listed in `GET /releases/{service}/history` (`verdicts`). The verdict is computed on\nthe whole catalog; entities the reader may not see leave the reasons, titles and\naffected domains (their reasons stay, so a hidden counterpart still says no).\n",
        parameters: [
          {
            in: 'query',
            name: 'service',
            allowReserved: true,
            required: true,
            description: 'CI service name or Component name.',
            schema: {
              type: 'string',
              minLength: 1,
              maxLength: 255,
            },
          },
          {
            in: 'query',
            name: 'version',
            allowReserved: true,
            required: true,
            schema: {
              type: 'string',
              minLength: 1,
              maxLength: 255,
            },
          },
          {
            in: 'query',
            name: 'environment',
            allowReserved: true,
            required: true,
            schema: {
              type: 'string',
              minLength: 1,
              maxLength: 255,
            },
          },
          {
            in: 'query',
            name: 'pipeline',
            allowReserved: true,
            description:
              'The pipeline run id that would deploy (lockstep check).',
            schema: {
              type: 'string',
              minLength: 1,
              maxLength: 255,
            },
          },
          {
            in: 'query',
            name: 'repository',
            allowReserved: true,
            description: 'The repository of that pipeline run.',
            schema: {
              type: 'string',
              minLength: 1,
              maxLength: 255,
            },
          },
          {
            in: 'query',
            name: 'commit',
            allowReserved: true,
            description: 'The commit that would be deployed (lockstep check).',
            schema: {
              type: 'string',
              minLength: 1,
              maxLength: 255,
            },
          },
        ],
        responses: {
          '200': {
            description: 'CanIDeployResponse',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/CanIDeployResponse',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            description:
              'No Component in the catalog for the service (or one the reader may not see) (named in the message); nothing recorded.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Error',
                },
              },
            },
          },
          '503': {
            $ref: '#/components/responses/CatalogLoading',
          },
        },
      },
    },
    '/events/unmatched': {
      get: {
        tags: ['releases'],
        operationId: 'GetUnmatchedEvents',
        summary:
          'Recorded events of services the catalog does not know, newest first',
        parameters: [
          {
            in: 'query',
            name: 'limit',
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 1000,
              default: 200,
            },
          },
        ],
        responses: {
          '200': {
            description: 'UnmatchedEventsResponse',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/UnmatchedEventsResponse',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '503': {
            $ref: '#/components/responses/CatalogLoading',
          },
        },
      },
    },
    '/ownership': {
      get: {
        tags: ['analysis'],
        operationId: 'GetOwnership',
        summary:
          'Teams, the domains and components they own, and ownership problems',
        description:
          "Without `team`: a page of the Ownership tab's team list (`OwnershipPageResponse`): the\ngroups above the teams (they own nothing themselves, have domains below them), then the\nteams, each by title; with `q`, only the groups whose name, or the name or ref of a\ndomain or component they own, contains it (case-insensitive), each with what it matched.\nA row carries counts and its first names; `?team=` gives what it owns. Around the rows:\nthe catalog's counts, every group (ref and title), and the first ownership problems,\ndomains without an owning team, entities outside any domain (both matching `q`) and\nannotation problems, each with its total.\nWith `team`: that Group (`OwnershipResponse`), the domains it owns, those of the groups\nbelow it and those holding components it owns, and the problems that concern it.\n",
        responses: {
          '200': {
            description:
              'OwnershipPageResponse, or OwnershipResponse with `team`',
            content: {
              'application/json': {
                schema: {
                  oneOf: [
                    {
                      $ref: '#/components/schemas/OwnershipPageResponse',
                    },
                    {
                      $ref: '#/components/schemas/OwnershipResponse',
                    },
                  ],
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
          '503': {
            $ref: '#/components/responses/CatalogLoading',
          },
        },
        parameters: [
          {
            in: 'query',
            name: 'team',
            allowReserved: true,
            description:
              'Only this team (a Group ref), its domains and the components it owns: the answer for a team card.',
            schema: {
              type: 'string',
            },
          },
          {
            in: 'query',
            name: 'q',
            description:
              'Only the groups whose name, or the name or ref of a domain or component they own, contains this (case-insensitive).',
            schema: {
              type: 'string',
            },
          },
          {
            in: 'query',
            name: 'group',
            allowReserved: true,
            description:
              "Only this group's row (a Group ref; the tab's team filter).",
            schema: {
              type: 'string',
            },
          },
          {
            in: 'query',
            name: 'limit',
            description: 'Rows per page.',
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 100,
              default: 25,
            },
          },
          {
            in: 'query',
            name: 'offset',
            schema: {
              type: 'integer',
              minimum: 0,
              default: 0,
            },
          },
        ],
      },
    },
    '/failure-matrix': {
      get: {
        tags: ['analysis'],
        operationId: 'GetFailureMatrix',
        summary:
          'Failure-isolation matrix at domain or service level, a page of rows at a time',
        description:
          "One page of the matrix's rows (`limit` from `offset`, in the matrix's order), or the one row of `failing`, with its columns, the titles of the columns and of what the page's rows name, and `totalItems` (how many rows in all). At `level=domain` the page is cut from the matrix computed once per catalog generation and its columns are every Domain; at `level=service` its rows are computed for the page and kept per catalog generation (the whole service matrix has a cell per pair of services reached, about 10,000² at 10,000 services), its columns are only the Components its rows reach (in ref order; each page has its own, so a page stays small however many services the catalog has), and `hiddenEntities` counts the hidden entities its rows reach (with `cells`, the ones left out too) and what they name. Rows come in a compact form (MatrixPageRow - one letter per column instead of one MatrixCell per affected column; at 10,000 services a domain row is ~0.5 KiB instead of ~31 KiB), so the default page of 50 rows stays small. A page carries its cells' paths only when the matrix does and the page has at most 150 cells (users cells included); otherwise it says `pathsOmitted` (GET /impact-path gives one cell's path).",
        parameters: [
          {
            in: 'query',
            name: 'failing',
            allowReserved: true,
            description:
              'Only the row of this failing entity (a Domain at `level=domain`, a Component at `level=service`); 404 when the matrix has no such row or the caller may not see it.',
            schema: {
              type: 'string',
            },
          },
          {
            in: 'query',
            name: 'q',
            allowReserved: true,
            description:
              "Only the rows whose failing entity's ref or title contains this text (any case); `totalItems` counts them. The Services level's filter box asks it.",
            schema: {
              type: 'string',
            },
          },
          {
            in: 'query',
            name: 'cells',
            description:
              "At most this many cells per row, the worst (then by affected ref); a row with more says how many it left out in `moreCells`, and the page's columns and titles are of the cells kept. The Services level asks the 12 it lists per service, so a page stays small however much of the catalog its services reach. Default - every cell.",
            schema: {
              type: 'integer',
              minimum: 1,
            },
          },
          {
            in: 'query',
            name: 'limit',
            schema: {
              type: 'integer',
              minimum: 0,
              maximum: 500,
              default: 50,
            },
          },
          {
            in: 'query',
            name: 'offset',
            schema: {
              type: 'integer',
              minimum: 0,
              default: 0,
            },
          },
          {
            in: 'query',
            name: 'level',
            schema: {
              type: 'string',
              enum: ['domain', 'service'],
              default: 'domain',
            },
          },
          {
            in: 'query',
            name: 'paths',
            description:
              "Whether cells carry their explaining paths. Default: only when the result has at most 1,000 cells (users cells included); otherwise every `path` is `[]` and the response has `pathsOmitted: true` (GET /impact-path gives one cell's path).",
            schema: {
              type: 'string',
              enum: ['true', 'false'],
            },
          },
        ],
        responses: {
          '200': {
            description: 'FailureMatrixPageResponse',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/FailureMatrixPageResponse',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
          '503': {
            $ref: '#/components/responses/CatalogLoading',
          },
        },
      },
    },
    '/impact/{kind}/{namespace}/{name}': {
      get: {
        tags: ['analysis'],
        operationId: 'GetBlastRadius',
        summary:
          'What this entity takes down when it fails, and what takes it down',
        description:
          "Each side most severe first, then by ref, at most `limit` entries of each; the rest are counted in `moreTakesDown` and `moreTakenDownBy` (GET /impact/{kind}/{namespace}/{name}/entries pages either side). A `limit` at least the radius's size gives the whole radius (about 3 MiB at 10,000 services).",
        parameters: [
          {
            in: 'path',
            name: 'kind',
            required: true,
            schema: {
              type: 'string',
            },
          },
          {
            in: 'path',
            name: 'namespace',
            required: true,
            schema: {
              type: 'string',
            },
          },
          {
            in: 'path',
            name: 'name',
            required: true,
            schema: {
              type: 'string',
            },
          },
          {
            in: 'query',
            name: 'paths',
            description:
              "Whether cells carry their explaining paths. Default: only when the result has at most 1,000 cells (users cells included); otherwise every `path` is `[]` and the response has `pathsOmitted: true` (GET /impact-path gives one cell's path).",
            schema: {
              type: 'string',
              enum: ['true', 'false'],
            },
          },
          {
            in: 'query',
            name: 'limit',
            description:
              'At most this many entries of each side, the most severe.',
            schema: {
              type: 'integer',
              minimum: 0,
              default: 500,
            },
          },
        ],
        responses: {
          '200': {
            description: 'BlastRadiusResponse',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/BlastRadiusResponse',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
          '503': {
            $ref: '#/components/responses/CatalogLoading',
          },
        },
      },
    },
    '/impact/{kind}/{namespace}/{name}/summary': {
      get: {
        tags: ['analysis'],
        operationId: 'GetBlastRadiusSummary',
        summary:
          'The blast radius of this entity in a bounded answer (the entity card)',
        description:
          "Counts per impact level and kind of what it takes down and of what can take it down, the users impact, the affected domains (worst first) and the `limit` worst entries of each side, in the order of GET /impact/{kind}/{namespace}/{name}, without paths (GET /impact-path gives one cell's path). Its size does not grow with the blast radius: a few KiB at 10,000 services, where the whole blast radius is 3.1 MiB.",
        parameters: [
          {
            in: 'path',
            name: 'kind',
            required: true,
            schema: {
              type: 'string',
            },
          },
          {
            in: 'path',
            name: 'namespace',
            required: true,
            schema: {
              type: 'string',
            },
          },
          {
            in: 'path',
            name: 'name',
            required: true,
            schema: {
              type: 'string',
            },
          },
          {
            in: 'query',
            name: 'limit',
            description:
              'How many worst entries of each side, and how many domains, to list.',
            schema: {
              type: 'integer',
              minimum: 0,
              maximum: 50,
              default: 10,
            },
          },
        ],
        responses: {
          '200': {
            description: 'BlastRadiusSummaryResponse',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/BlastRadiusSummaryResponse',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
          '503': {
            $ref: '#/components/responses/CatalogLoading',
          },
        },
      },
    },
    '/impact/{kind}/{namespace}/{name}/entries': {
      get: {
        tags: ['analysis'],
        operationId: 'GetBlastRadiusEntries',
        summary:
          'One page of what this entity takes down, or of what can take it down',
        description:
          "The entries of one side of GET /impact/{kind}/{namespace}/{name}, in its order (most severe first, then by ref), `limit` from `offset`, optionally of one impact level, without paths (GET /impact-path gives one cell's path); `totalItems` counts the entries that match.",
        parameters: [
          {
            in: 'path',
            name: 'kind',
            required: true,
            schema: {
              type: 'string',
            },
          },
          {
            in: 'path',
            name: 'namespace',
            required: true,
            schema: {
              type: 'string',
            },
          },
          {
            in: 'path',
            name: 'name',
            required: true,
            schema: {
              type: 'string',
            },
          },
          {
            in: 'query',
            name: 'direction',
            description:
              '`downstream` (default): what it takes down; `upstream`: what can take it down.',
            schema: {
              type: 'string',
              enum: ['downstream', 'upstream'],
              default: 'downstream',
            },
          },
          {
            in: 'query',
            name: 'impact',
            description: 'Only the entries of this impact level.',
            schema: {
              $ref: '#/components/schemas/ImpactLevel',
            },
          },
          {
            in: 'query',
            name: 'limit',
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 200,
              default: 50,
            },
          },
          {
            in: 'query',
            name: 'offset',
            schema: {
              type: 'integer',
              minimum: 0,
              default: 0,
            },
          },
        ],
        responses: {
          '200': {
            description: 'BlastRadiusPageResponse',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/BlastRadiusPageResponse',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
          '503': {
            $ref: '#/components/responses/CatalogLoading',
          },
        },
      },
    },
    '/impact-path': {
      get: {
        tags: ['analysis'],
        operationId: 'GetImpactPath',
        summary:
          'One cell of the failure matrix or of a blast radius, with its explaining path',
        description:
          'For results served with `pathsOmitted`: the impact of `failing` on `affected` and the path that explains it, exactly as the full matrix or blast radius would give it, with the titles of the refs it mentions.',
        parameters: [
          {
            in: 'query',
            name: 'failing',
            allowReserved: true,
            required: true,
            description:
              'The failing entity (Component, Resource, API, System, Domain, Group).',
            schema: {
              type: 'string',
              example: 'domain:default/payments',
            },
          },
          {
            in: 'query',
            name: 'affected',
            allowReserved: true,
            required: true,
            description:
              'A reached entity, a Domain (the worst impact on any of its Components, as in the domain matrix) or `users` (the users cell).',
            schema: {
              type: 'string',
              example: 'domain:default/orders',
            },
          },
          {
            in: 'query',
            name: 'direction',
            description:
              "`upstream`: the cell of the affected entity's `takenDownBy` (its path is walked from the affected end). Default `downstream`: the matrix cell and `takesDown` entry.",
            schema: {
              type: 'string',
              enum: ['downstream', 'upstream'],
              default: 'downstream',
            },
          },
        ],
        responses: {
          '200': {
            description: 'ImpactPathResponse',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ImpactPathResponse',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
          '503': {
            $ref: '#/components/responses/CatalogLoading',
          },
        },
      },
    },
    '/migration': {
      get: {
        tags: ['analysis'],
        operationId: 'GetMigrationStatus',
        summary:
          'A page of domain migration summaries, with counts over every domain',
        description:
          "The domains (title order) that match `q`, `phase` and `schedule`, one page of them\n(`limit`, `offset`), each as a summary: phase, progress, target, schedule, step states,\n`blockerCount` and the first three blockers, without the per-component evidence\n(GET /migration/{kind}/{namespace}/{name} has one domain's). `aggregates` count every\ndomain the caller sees, unfiltered (domains per phase, per schedule state, the target\ndates): what the Migration tab's tiles and charts draw. Cut from the status computed\nonce per catalog × evidence generation. (Before 2026-11-28 this answered every domain's\nwhole status, 10.6 MiB at 10,000 services.)\n",
        parameters: [
          {
            in: 'query',
            name: 'q',
            allowReserved: true,
            description:
              'Only domains whose title or ref contains this text (any case).',
            schema: {
              type: 'string',
            },
          },
          {
            in: 'query',
            name: 'phase',
            description: 'Only domains in this phase.',
            schema: {
              $ref: '#/components/schemas/MigrationPhase',
            },
          },
          {
            in: 'query',
            name: 'schedule',
            description: 'Only domains in this schedule state.',
            schema: {
              $ref: '#/components/schemas/MigrationSchedule',
            },
          },
          {
            in: 'query',
            name: 'limit',
            description:
              'How many summaries at most (0 answers only the counts).',
            schema: {
              type: 'integer',
              minimum: 0,
              maximum: 500,
              default: 50,
            },
          },
          {
            in: 'query',
            name: 'offset',
            schema: {
              type: 'integer',
              minimum: 0,
              default: 0,
            },
          },
        ],
        responses: {
          '200': {
            description: 'MigrationOverviewResponse',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/MigrationOverviewResponse',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '503': {
            $ref: '#/components/responses/CatalogLoading',
          },
        },
      },
    },
    '/migration/history': {
      get: {
        tags: ['analysis'],
        operationId: 'GetMigrationHistory',
        summary:
          'Daily snapshots of the migration status (for a burn-up), oldest first',
        description:
          'Each snapshot keeps every domain\'s phase and, from 2026-11-28 on, `openViolations`\n(open rule violations per rule and per domain: the split debt). `projection` (with two\nor more snapshots): phase points gained per day between the latest snapshot and the\nlast one at least 28 days before it, extended to every domain in phase 3 (`phase3On`,\n`summary` such as "at this pace: phase 3 on 2027-05-02").\n',
        responses: {
          '200': {
            description: 'MigrationHistoryResponse',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/MigrationHistoryResponse',
                },
              },
            },
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '503': {
            $ref: '#/components/responses/CatalogLoading',
          },
        },
      },
    },
    '/migration/{kind}/{namespace}/{name}': {
      get: {
        tags: ['analysis'],
        operationId: 'GetDomainMigrationStatus',
        summary:
          "One domain's migration status (the answer for a Domain's entity card)",
        description:
          'Every criterion lists at most `limit` evidence lines and `limit` blockers (the rest counted in `moreEvidence`, `moreBlockers`), and `nextBlockers` at most `limit` sentences (`moreNextBlockers`); a domain of hundreds of components names each of them in several criteria.',
        parameters: [
          {
            in: 'path',
            name: 'kind',
            required: true,
            description: 'Always `domain`.',
            schema: {
              type: 'string',
            },
          },
          {
            in: 'path',
            name: 'namespace',
            required: true,
            schema: {
              type: 'string',
            },
          },
          {
            in: 'path',
            name: 'name',
            required: true,
            schema: {
              type: 'string',
            },
          },
          {
            in: 'query',
            name: 'limit',
            description:
              'Evidence lines and blockers per criterion, and next-blocker sentences, at most.',
            schema: {
              type: 'integer',
              minimum: 0,
              maximum: 10000,
              default: 10,
            },
          },
        ],
        responses: {
          '200': {
            description: 'DomainMigrationResponse',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/DomainMigrationResponse',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
          '503': {
            $ref: '#/components/responses/CatalogLoading',
          },
        },
      },
    },
    '/rules/violations': {
      get: {
        tags: ['analysis'],
        operationId: 'GetRuleViolations',
        summary:
          'Violations of the principal-level rules, with their lifecycle',
        description:
          'Checking the rules (once per catalog × evidence change, and by the daily snapshot task)\nadvances the lifecycle kept in the store: a violation found is `open` (`firstSeenAt`\nfrom its first sighting, `lastSeenAt` the latest check); an open one no longer found\nbecomes `resolved` with `resolvedAt`. Each has a stable `key` and the `domainRefs` it\nconcerns. Deployment rules judge what is live now plus deploys inside\n`domainSplit.evidence.window`, in tracked environments only.\n\nThe answer is one page (default 100, at most 500 violations; `totalItems` says how many\nmatch) with `counts`, the violations per rule of the same status, entity and `q`\n(whatever `rule` is): `limit=0` gives the counts alone. Before paging (2026-11-28) it\nlisted every violation (11 MiB at 10,000 services).\n',
        parameters: [
          {
            in: 'query',
            name: 'entityRef',
            allowReserved: true,
            description:
              'Only violations that name this entity (full or short ref).',
            schema: {
              type: 'string',
            },
          },
          {
            in: 'query',
            name: 'status',
            description:
              'open (default), resolved (resolved inside the evidence window), or all.',
            schema: {
              type: 'string',
              enum: ['open', 'resolved', 'all'],
            },
          },
          {
            in: 'query',
            name: 'rule',
            description:
              'Only violations of this rule (a rule id, e.g. no-shared-cache; 400 for an unknown one). `counts` ignore it.',
            schema: {
              type: 'string',
            },
          },
          {
            in: 'query',
            name: 'q',
            description:
              'Only violations whose entity refs or message contain this text (case-insensitive).',
            schema: {
              type: 'string',
            },
          },
          {
            in: 'query',
            name: 'limit',
            description:
              'How many violations at most (0 to 500, default 100; 0 gives only the counts).',
            schema: {
              type: 'integer',
              minimum: 0,
              maximum: 500,
            },
          },
          {
            in: 'query',
            name: 'offset',
            description: 'How many matching violations to skip (default 0).',
            schema: {
              type: 'integer',
              minimum: 0,
            },
          },
        ],
        responses: {
          '200': {
            description: 'RuleViolationsPageResponse',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/RuleViolationsPageResponse',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '403': {
            $ref: '#/components/responses/Forbidden',
          },
          '503': {
            $ref: '#/components/responses/CatalogLoading',
          },
        },
      },
    },
    '/context-map': {
      get: {
        tags: ['analysis'],
        operationId: 'GetContextMap',
        summary:
          'The split as a context map (domains by team, edges by kind with their rules)',
        description:
          'Nodes are Domains (owner, how many domains the owner has, components, services count, contracts, migration phase). Edges go from the downstream domain (consumer, user of a shared thing) to the upstream one, one per pair of domains and kind, with the count of dependencies behind it (at most 10 listed, `moreLinks` for the rest) and indexes into the violations of the rule check that concern them. With `domain` or `team`, only those domains, their edges and the domains at the other ends are returned (`focus`).',
        parameters: [
          {
            in: 'query',
            name: 'domain',
            allowReserved: true,
            description:
              'A Domain (`payments`, `domain:payments` or `domain:default/payments`).',
            schema: {
              type: 'string',
            },
          },
          {
            in: 'query',
            name: 'team',
            allowReserved: true,
            description:
              'A Group; a department includes the domains of the groups below it.',
            schema: {
              type: 'string',
            },
          },
          {
            in: 'query',
            name: 'neighbours',
            description:
              'With `domain` or `team`, at most this many domains around the focused ones (the most tied first - an edge that breaks a rule, then the number of dependencies); the others are counted in `focus.moreNeighbours`; a team owning more domains than this keeps its most tied ones (`focus.moreDomains`). For entity cards.',
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 500,
            },
          },
          {
            in: 'query',
            name: 'details',
            description:
              '`false`: the outline an entity card draws (`detailsOmitted`): the nodes without their components and contracts, the edges without their links and violations (`moreLinks` = `count`), no violations, titles of the domains and teams only.',
            schema: {
              type: 'string',
              enum: ['true', 'false'],
              default: 'true',
            },
          },
        ],
        responses: {
          '200': {
            description: 'ContextMapResponse',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ContextMapResponse',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
          '503': {
            $ref: '#/components/responses/CatalogLoading',
          },
        },
      },
    },
    '/context-map/view': {
      get: {
        tags: ['analysis'],
        operationId: 'GetContextMapView',
        summary:
          'What the Map tab draws (a small map whole, a large one as a neighbourhood)',
        description:
          "The part of the context map the Map tab draws, cut on the server from the whole map of this catalog and evidence (the ties with their links; only the selected domain with its components and APIs; edges' `violations` empty, their `rules` name what they break): ties of the chosen `kinds` (only rule-breaking ones with `violationsOnly`); with `team`, the domains that team owns and the ties touching them; else, on a map of more than 40 domains or with more than 60 matching ties, the ties of the selected `domain` (of the domain with the most ties when none is selected); at most 60 ties, rule breaks first, then the heaviest (`view.notDrawn` counts the others). `view` also counts the whole map; with `domain`, `selected` lists its owner's domains and the violations of all its ties (at most 10 in `violations`, `moreViolations` for the rest).",
        parameters: [
          {
            in: 'query',
            name: 'domain',
            allowReserved: true,
            description:
              'The selected Domain (`payments`, `domain:payments` or `domain:default/payments`).',
            schema: {
              type: 'string',
            },
          },
          {
            in: 'query',
            name: 'team',
            allowReserved: true,
            description:
              'A Group owning domains (its own, not those of the groups below it).',
            schema: {
              type: 'string',
            },
          },
          {
            in: 'query',
            name: 'kinds',
            allowReserved: true,
            description:
              'Edge kinds to draw, separated by commas (all when absent).',
            schema: {
              type: 'string',
            },
          },
          {
            in: 'query',
            name: 'violationsOnly',
            description:
              '`true`: only ties that break a rule, and the domains they tie.',
            schema: {
              type: 'string',
              enum: ['true', 'false'],
              default: 'false',
            },
          },
        ],
        responses: {
          '200': {
            description: 'ContextMapViewResponse',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ContextMapViewResponse',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '404': {
            $ref: '#/components/responses/NotFound',
          },
          '503': {
            $ref: '#/components/responses/CatalogLoading',
          },
        },
      },
    },
    '/context-map/domains': {
      get: {
        tags: ['analysis'],
        operationId: 'GetContextMapDomains',
        summary:
          "A page of the context map's domains (the Map tab's domain picker)",
        description:
          'The domains the caller sees, in ref order, those whose title or ref contains `q`.',
        parameters: [
          {
            $ref: '#/components/parameters/ChoiceText',
          },
          {
            $ref: '#/components/parameters/ChoiceLimit',
          },
          {
            $ref: '#/components/parameters/ChoiceOffset',
          },
        ],
        responses: {
          '200': {
            description: 'ContextMapChoicesResponse',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ContextMapChoicesResponse',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '503': {
            $ref: '#/components/responses/CatalogLoading',
          },
        },
      },
    },
    '/context-map/teams': {
      get: {
        tags: ['analysis'],
        operationId: 'GetContextMapTeams',
        summary:
          "A page of the teams owning the context map's domains (the Map tab's team picker)",
        description:
          'The teams the caller sees, in ref order, those whose title or ref contains `q`.',
        parameters: [
          {
            $ref: '#/components/parameters/ChoiceText',
          },
          {
            $ref: '#/components/parameters/ChoiceLimit',
          },
          {
            $ref: '#/components/parameters/ChoiceOffset',
          },
        ],
        responses: {
          '200': {
            description: 'ContextMapChoicesResponse',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ContextMapChoicesResponse',
                },
              },
            },
          },
          '400': {
            $ref: '#/components/responses/BadRequest',
          },
          '401': {
            $ref: '#/components/responses/Unauthorized',
          },
          '503': {
            $ref: '#/components/responses/CatalogLoading',
          },
        },
      },
    },
  },
  components: {
    parameters: {
      ChoiceText: {
        in: 'query',
        name: 'q',
        description: 'Part of a title or ref (case-insensitive).',
        schema: {
          type: 'string',
        },
      },
      ChoiceLimit: {
        in: 'query',
        name: 'limit',
        description: 'Choices per page (0 - only `totalItems`).',
        schema: {
          type: 'integer',
          minimum: 0,
          maximum: 500,
          default: 50,
        },
      },
      ChoiceOffset: {
        in: 'query',
        name: 'offset',
        schema: {
          type: 'integer',
          minimum: 0,
          default: 0,
        },
      },
    },
    securitySchemes: {
      BackstageToken: {
        type: 'http',
        scheme: 'bearer',
        description:
          'A Backstage user token or service token (backend.auth.externalAccess).',
      },
    },
    responses: {
      BadRequest: {
        description:
          'Malformed JSON, unknown event type, or a missing or invalid field (named in the message).',
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/Error',
            },
          },
        },
      },
      Unauthorized: {
        description:
          'Missing or invalid credentials, signature, or an expired webhook timestamp.',
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/Error',
            },
          },
        },
      },
      Forbidden: {
        description:
          'The permission policy denies the caller (`domain-split.analysis.read` on read routes, `domain-split.ci-event.create` on the CI webhook), or a user token on the CI webhook (only service tokens are accepted there). The message names the permission.',
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/Error',
            },
          },
        },
      },
      NotFound: {
        description: 'Not found.',
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/Error',
            },
          },
        },
      },
      PayloadTooLarge: {
        description:
          'The body exceeds domainSplit.webhooks.maxBodyBytes (default 1 MiB).',
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/Error',
            },
          },
        },
      },
      UnsupportedMediaType: {
        description: 'The body is not application/json (or is compressed).',
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/Error',
            },
          },
        },
      },
      ServerError: {
        description:
          'A database or other server error; nothing was stored, the sender should retry.',
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/Error',
            },
          },
        },
      },
      CatalogLoading: {
        description:
          'The catalog is still loading at start-up (the backend answers once two reads in a row agree); try again in a few seconds.',
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/Error',
            },
          },
        },
      },
    },
    schemas: {
      Error: {
        type: 'object',
        required: ['error'],
        properties: {
          error: {
            type: 'object',
            required: ['name', 'message'],
            properties: {
              name: {
                type: 'string',
              },
              message: {
                type: 'string',
              },
            },
          },
          request: {
            type: 'object',
            properties: {
              method: {
                type: 'string',
              },
              url: {
                type: 'string',
              },
            },
          },
          response: {
            type: 'object',
            properties: {
              statusCode: {
                type: 'integer',
              },
            },
          },
        },
      },
      WebhookAccepted: {
        type: 'object',
        required: ['id', 'status'],
        properties: {
          id: {
            type: 'string',
            description: 'The delivery id under which the event is stored.',
          },
          status: {
            type: 'string',
            enum: ['accepted', 'duplicate'],
          },
        },
      },
      Pipeline: {
        type: 'object',
        additionalProperties: false,
        properties: {
          id: {
            type: 'string',
            maxLength: 255,
            description:
              'The pipeline run id (deployments sharing it are seen as deployed together).',
          },
          url: {
            type: 'string',
            format: 'uri',
            maxLength: 2000,
          },
          repository: {
            type: 'string',
            maxLength: 255,
          },
        },
      },
      CiEventV1: {
        description:
          'The generic CI event, version 1. Unknown fields are rejected (400), so that a typo\nnever goes unnoticed. `occurredAt` may lie at most one hour in the future.\n',
        type: 'object',
        additionalProperties: false,
        required: ['id', 'type', 'occurredAt', 'service', 'version'],
        properties: {
          specVersion: {
            type: 'integer',
            enum: [1],
            default: 1,
          },
          id: {
            type: 'string',
            maxLength: 200,
            description: 'Unique per event; the idempotency key.',
          },
          type: {
            type: 'string',
            enum: ['deployment', 'release', 'test_run'],
          },
          occurredAt: {
            type: 'string',
            format: 'date-time',
            description: 'With a time zone; the order of events.',
          },
          service: {
            type: 'string',
            maxLength: 200,
            pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$',
            description:
              "Matches component:default/<service lower-case>, or a Component's domain-split/ci-service-name.",
          },
          version: {
            type: 'string',
            maxLength: 100,
          },
          environment: {
            type: 'string',
            maxLength: 200,
            description:
              'Required for deployment; ignored for release and test_run.',
          },
          status: {
            type: 'string',
            enum: ['success', 'failure', 'in_progress', 'rolled_back'],
            description:
              'Required for deployment. `rolled_back` means this deployment rolled the environment back to `version`.',
          },
          rollback: {
            type: 'boolean',
            description: 'deployment only; marks it as a rollback.',
          },
          suite: {
            type: 'string',
            enum: ['domain', 'contract'],
            description: 'Required for test_run.',
          },
          result: {
            type: 'string',
            enum: ['passed', 'failed'],
            description: 'Required for test_run.',
          },
          verifiedAgainst: {
            type: 'array',
            minItems: 1,
            maxItems: 100,
            description:
              "test_run with suite contract only. The counterparts whose contract with this service\nat this version the run checked, with the run's `result`. Symmetric: a consumer's\nrun naming its providers and a provider's verification naming consumer versions mean\nthe same. An entry without service or version, an unknown field, or the service\nitself → 400.\n",
            items: {
              $ref: '#/components/schemas/VerifiedCounterpart',
            },
          },
          pipeline: {
            $ref: '#/components/schemas/Pipeline',
          },
          commit: {
            type: 'string',
            maxLength: 255,
          },
        },
        example: {
          id: 'orders-3.2.1-production-42',
          type: 'deployment',
          occurredAt: '2026-11-25T12:00:00Z',
          service: 'orders-service',
          version: '3.2.1',
          environment: 'production',
          status: 'success',
          pipeline: {
            id: '42',
            url: 'https://ci.example.com/pipelines/42',
            repository: 'aliexpress-platform/aliexpress-platform',
          },
          commit: '9f2c1e7',
        },
      },
      DeploymentStatus: {
        enum: ['success', 'failure', 'in_progress', 'rolled_back'],
        type: 'string',
      },
      CurrentRelease: {
        additionalProperties: false,
        description:
          'The version currently live for one service in one environment.',
        properties: {
          hiddenEntities: {
            description:
              'Entities left out because the catalog does not show them to the caller (counted, never named).',
            type: 'integer',
          },
          deployedAt: {
            type: 'string',
          },
          domainRef: {
            type: 'string',
          },
          entityRef: {
            type: 'string',
          },
          environment: {
            type: 'string',
          },
          lockstepWith: {
            description:
              'Services of other domains deployed by the same pipeline run or commit.',
            items: {
              type: 'string',
            },
            type: 'array',
          },
          pipelineUrl: {
            type: 'string',
          },
          previousVersion: {
            description: 'The version it replaced, when known.',
            type: 'string',
          },
          untracked: {
            description:
              'The environment is not tracked (`domainSplit.environments`): shown, never counted.',
            type: 'boolean',
          },
          rollback: {
            type: 'boolean',
          },
          service: {
            type: 'string',
          },
          status: {
            $ref: '#/components/schemas/DeploymentStatus',
          },
          version: {
            type: 'string',
          },
          withoutContractTests: {
            description:
              'No passing contract-test run for this version before the deploy.',
            type: 'boolean',
          },
        },
        required: [
          'service',
          'environment',
          'version',
          'status',
          'deployedAt',
          'rollback',
          'withoutContractTests',
          'lockstepWith',
        ],
        type: 'object',
      },
      ReleasesResponse: {
        additionalProperties: false,
        description: 'GET /releases',
        properties: {
          hiddenEntities: {
            description:
              'Entities left out because the catalog does not show them to the caller (counted, never named).',
            type: 'integer',
          },
          current: {
            items: {
              $ref: '#/components/schemas/CurrentRelease',
            },
            type: 'array',
          },
          environments: {
            description:
              "The tracked environments, ordered (the grid's columns).",
            items: {
              type: 'string',
            },
            type: 'array',
          },
          otherEnvironments: {
            description:
              'Environments CI deployed to that are not tracked (shown behind a toggle, never counted).',
            items: {
              type: 'string',
            },
            type: 'array',
          },
        },
        required: ['environments', 'otherEnvironments', 'current'],
        type: 'object',
      },
      ReleaseDomainSummary: {
        additionalProperties: false,
        description:
          "The counts of one domain's header in the release grid, over every service of the domain the search and switches match (not only those of the page).",
        properties: {
          domainRef: {
            description: 'Absent: the services outside any domain.',
            type: 'string',
          },
          services: {
            type: 'integer',
          },
          rollbacks: {
            type: 'integer',
          },
          withoutContractTests: {
            type: 'integer',
          },
          lockstep: {
            type: 'integer',
          },
        },
        required: ['services', 'rollbacks', 'withoutContractTests', 'lockstep'],
        type: 'object',
      },
      ReleasesPageResponse: {
        additionalProperties: false,
        description:
          "GET /releases: a page of service rows, the releases of its services in `current` (in grid order), the headers of the page's domains.",
        properties: {
          environments: {
            description:
              "The tracked environments, ordered (the grid's columns).",
            items: {
              type: 'string',
            },
            type: 'array',
          },
          otherEnvironments: {
            description:
              'Environments CI deployed to that are not tracked (shown behind a toggle, never counted).',
            items: {
              type: 'string',
            },
            type: 'array',
          },
          current: {
            items: {
              $ref: '#/components/schemas/CurrentRelease',
            },
            type: 'array',
          },
          domains: {
            items: {
              $ref: '#/components/schemas/ReleaseDomainSummary',
            },
            type: 'array',
          },
          totalItems: {
            description: 'How many services match in all (the caller sees).',
            type: 'integer',
          },
          offset: {
            type: 'integer',
          },
          limit: {
            type: 'integer',
          },
          hiddenEntities: {
            description:
              'Entities left out because the catalog does not show them to the caller (counted, never named).',
            type: 'integer',
          },
        },
        required: [
          'environments',
          'otherEnvironments',
          'current',
          'domains',
          'totalItems',
          'offset',
          'limit',
        ],
        type: 'object',
      },
      DeploymentRecord: {
        additionalProperties: false,
        description:
          'One deployment of a service version to an environment, as reported by CI.',
        properties: {
          commit: {
            type: 'string',
          },
          entityRef: {
            description: 'The catalog entity it matched, if any.',
            type: 'string',
          },
          environment: {
            type: 'string',
          },
          eventId: {
            description:
              'The id of the accepted event this came from (the delivery id).',
            type: 'string',
          },
          occurredAt: {
            description:
              "ISO 8601, the event's own time (not the arrival time).",
            type: 'string',
          },
          pipelineId: {
            type: 'string',
          },
          pipelineUrl: {
            type: 'string',
          },
          repository: {
            type: 'string',
          },
          rollback: {
            description:
              'Explicitly marked as a rollback, or a lower version replacing a higher one.',
            type: 'boolean',
          },
          service: {
            description: 'The service name as CI reported it.',
            type: 'string',
          },
          status: {
            $ref: '#/components/schemas/DeploymentStatus',
          },
          untracked: {
            description:
              'The environment is not tracked (`domainSplit.environments`): shown, never counted.',
            type: 'boolean',
          },
          version: {
            type: 'string',
          },
        },
        required: [
          'eventId',
          'service',
          'version',
          'environment',
          'status',
          'rollback',
          'occurredAt',
        ],
        type: 'object',
      },
      TestRunRecord: {
        additionalProperties: false,
        description:
          'One run of a domain or contract test suite for a service version.',
        properties: {
          commit: {
            description:
              'The commit tested; a run covers a deployment of the same commit as well as the same version.',
            type: 'string',
          },
          entityRef: {
            type: 'string',
          },
          eventId: {
            type: 'string',
          },
          occurredAt: {
            type: 'string',
          },
          pipelineId: {
            type: 'string',
          },
          pipelineUrl: {
            type: 'string',
          },
          repository: {
            type: 'string',
          },
          workflow: {
            description:
              'The GitHub workflow that ran it, `<owner>/<repo>:<path>`: a Component claims it with `domain-split/github-workflow`.',
            type: 'string',
          },
          result: {
            $ref: '#/components/schemas/TestResult',
          },
          service: {
            type: 'string',
          },
          suite: {
            $ref: '#/components/schemas/TestSuite',
          },
          version: {
            type: 'string',
          },
        },
        required: [
          'eventId',
          'service',
          'version',
          'suite',
          'result',
          'occurredAt',
        ],
        type: 'object',
      },
      ReleaseRecord: {
        additionalProperties: false,
        description:
          'A version released (published: tagged, built, pushed) by CI, independent of any deployment.',
        properties: {
          commit: {
            type: 'string',
          },
          entityRef: {
            type: 'string',
          },
          eventId: {
            type: 'string',
          },
          occurredAt: {
            type: 'string',
          },
          pipelineId: {
            type: 'string',
          },
          pipelineUrl: {
            type: 'string',
          },
          repository: {
            type: 'string',
          },
          service: {
            type: 'string',
          },
          version: {
            type: 'string',
          },
        },
        required: ['eventId', 'service', 'version', 'occurredAt'],
        type: 'object',
      },
      ReleaseHistoryResponse: {
        additionalProperties: false,
        description: 'GET /releases/:service/history',
        properties: {
          deployments: {
            items: {
              $ref: '#/components/schemas/DeploymentRecord',
            },
            type: 'array',
          },
          entityRef: {
            type: 'string',
          },
          releases: {
            items: {
              $ref: '#/components/schemas/ReleaseRecord',
            },
            type: 'array',
          },
          service: {
            type: 'string',
          },
          testRuns: {
            items: {
              $ref: '#/components/schemas/TestRunRecord',
            },
            type: 'array',
          },
          verdicts: {
            description:
              "The deploy gate's recorded answers for the service, newest first.",
            items: {
              $ref: '#/components/schemas/RecordedVerdict',
            },
            type: 'array',
          },
        },
        required: ['service', 'deployments', 'testRuns', 'releases'],
        type: 'object',
      },
      VerifiedCounterpart: {
        additionalProperties: false,
        description: 'One counterpart a contract-test run verified.',
        properties: {
          service: {
            type: 'string',
            maxLength: 200,
            pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$',
          },
          version: {
            type: 'string',
            maxLength: 100,
          },
        },
        required: ['service', 'version'],
        type: 'object',
      },
      GateCheck: {
        description: "The deploy gate's checks.",
        enum: [
          'domain-tests',
          'provider-contract',
          'consumer-contract',
          'lockstep',
        ],
        type: 'string',
      },
      GateCheckStatus: {
        description:
          '`passed` and `skipped` are ok; `failed` and `unknown` (no evidence: missing evidence is never passing evidence) are not.',
        enum: ['passed', 'failed', 'unknown', 'skipped'],
        type: 'string',
      },
      GateReason: {
        additionalProperties: false,
        description: 'One reason of a gate verdict.',
        properties: {
          check: {
            $ref: '#/components/schemas/GateCheck',
          },
          detail: {
            description:
              'What was found, and when not ok, what to send or fix.',
            type: 'string',
          },
          entityRefs: {
            description: 'The entities the reason is about.',
            items: {
              type: 'string',
            },
            type: 'array',
          },
          ok: {
            type: 'boolean',
          },
          status: {
            $ref: '#/components/schemas/GateCheckStatus',
          },
        },
        required: ['check', 'ok', 'status', 'detail', 'entityRefs'],
        type: 'object',
      },
      GateImpact: {
        additionalProperties: false,
        description:
          "What is at stake if the deployed version fails (the service's blast radius).",
        properties: {
          domainCount: {
            description: 'How many domains are affected in all.',
            type: 'number',
          },
          domains: {
            description:
              "Affected domains (other than the service's own), worst first; at most 10.",
            items: {
              additionalProperties: false,
              properties: {
                domainRef: {
                  type: 'string',
                },
                impact: {
                  $ref: '#/components/schemas/ImpactLevel',
                },
              },
              required: ['domainRef', 'impact'],
              type: 'object',
            },
            type: 'array',
          },
          entityCount: {
            description: 'How many entities it takes down in all.',
            type: 'number',
          },
          users: {
            $ref: '#/components/schemas/ImpactLevel',
          },
        },
        required: ['users', 'domains', 'domainCount', 'entityCount'],
        type: 'object',
      },
      CanIDeployResponse: {
        additionalProperties: false,
        description:
          'GET /can-i-deploy: may `service` at `version` go to `environment`?',
        properties: {
          deployable: {
            type: 'boolean',
          },
          domainRef: {
            type: 'string',
          },
          entityRef: {
            type: 'string',
          },
          environment: {
            type: 'string',
          },
          impact: {
            $ref: '#/components/schemas/GateImpact',
          },
          liveVersion: {
            description:
              'The version of the service live in the environment now, if any.',
            type: 'string',
          },
          reasons: {
            items: {
              $ref: '#/components/schemas/GateReason',
            },
            type: 'array',
          },
          rollback: {
            description: 'The version is lower than the live one.',
            type: 'boolean',
          },
          service: {
            type: 'string',
          },
          titles: {
            additionalProperties: {
              type: 'string',
            },
            type: 'object',
          },
          verdictId: {
            description: 'The id under which the backend recorded this answer.',
            type: 'string',
          },
          version: {
            type: 'string',
          },
        },
        required: [
          'service',
          'entityRef',
          'version',
          'environment',
          'deployable',
          'rollback',
          'reasons',
          'impact',
          'titles',
        ],
        type: 'object',
      },
      RecordedVerdict: {
        additionalProperties: false,
        description:
          "A recorded gate answer, as the service's history lists it.",
        properties: {
          askedAt: {
            type: 'string',
          },
          askedBy: {
            description:
              "Who asked — a user entity ref or a service principal's subject.",
            type: 'string',
          },
          deployable: {
            type: 'boolean',
          },
          deployedAfterRefusal: {
            additionalProperties: false,
            description:
              'The verdict was "no", and that version was deployed to that environment afterwards anyway (no later "yes" in between).',
            properties: {
              eventId: {
                type: 'string',
              },
              occurredAt: {
                type: 'string',
              },
            },
            required: ['eventId', 'occurredAt'],
            type: 'object',
          },
          entityRef: {
            type: 'string',
          },
          environment: {
            type: 'string',
          },
          id: {
            type: 'string',
          },
          liveVersion: {
            type: 'string',
          },
          reasons: {
            items: {
              $ref: '#/components/schemas/GateReason',
            },
            type: 'array',
          },
          rollback: {
            type: 'boolean',
          },
          service: {
            type: 'string',
          },
          version: {
            type: 'string',
          },
        },
        required: [
          'id',
          'service',
          'version',
          'environment',
          'deployable',
          'rollback',
          'reasons',
          'askedBy',
          'askedAt',
        ],
        type: 'object',
      },
      UnmatchedEvent: {
        additionalProperties: false,
        description: 'An accepted event whose service is not in the catalog.',
        properties: {
          environment: {
            type: 'string',
          },
          eventId: {
            type: 'string',
          },
          occurredAt: {
            type: 'string',
          },
          receivedAt: {
            type: 'string',
          },
          service: {
            type: 'string',
          },
          type: {
            type: 'string',
          },
          version: {
            type: 'string',
          },
        },
        required: ['eventId', 'type', 'service', 'occurredAt', 'receivedAt'],
        type: 'object',
      },
      AnnotationProblem: {
        additionalProperties: false,
        description:
          'A problem with an annotation (or a reference) on one entity. Reported, never thrown.',
        properties: {
          annotation: {
            type: 'string',
          },
          entityRef: {
            type: 'string',
          },
          message: {
            type: 'string',
          },
          value: {
            type: 'string',
          },
        },
        required: ['entityRef', 'annotation', 'message'],
        type: 'object',
      },
      DomainMigrationResponse: {
        additionalProperties: false,
        description:
          "GET /migration/domain/:namespace/:name: one domain's status (entity cards)",
        properties: {
          hiddenEntities: {
            description:
              'Entities left out because the catalog does not show them to the caller (counted, never named).',
            type: 'integer',
          },
          annotationProblems: {
            items: {
              $ref: '#/components/schemas/AnnotationProblem',
            },
            type: 'array',
          },
          domain: {
            $ref: '#/components/schemas/DomainMigrationStatus',
          },
          generatedAt: {
            type: 'string',
          },
        },
        required: ['generatedAt', 'domain', 'annotationProblems'],
        type: 'object',
      },
      DomainMigrationStatus: {
        additionalProperties: false,
        properties: {
          hiddenEntities: {
            description:
              'Entities left out because the catalog does not show them to the caller (counted, never named).',
            type: 'integer',
          },
          domainRef: {
            type: 'string',
          },
          nextBlockers: {
            description:
              'What blocks the next phase or step, in words a manager reads.',
            items: {
              type: 'string',
            },
            type: 'array',
          },
          moreNextBlockers: {
            description:
              'Sentences of `nextBlockers` left out of a bounded answer (absent when none were).',
            type: 'integer',
          },
          phase: {
            $ref: '#/components/schemas/MigrationPhase',
          },
          phaseCriteria: {
            description: 'Criteria of phases 1 and 2.',
            items: {
              additionalProperties: false,
              properties: {
                criteria: {
                  items: {
                    $ref: '#/components/schemas/MigrationCriterion',
                  },
                  type: 'array',
                },
                met: {
                  type: 'boolean',
                },
                phase: {
                  enum: [1, 2],
                  type: 'number',
                },
              },
              required: ['phase', 'met', 'criteria'],
              type: 'object',
            },
            type: 'array',
          },
          progress: {
            description: '0..1, share of all criteria met (for progress bars).',
            type: 'number',
          },
          schedule: {
            description:
              'on-track | at-risk (target date near, phase below target) | late | done | no-target',
            enum: ['on-track', 'at-risk', 'late', 'done', 'no-target'],
            type: 'string',
          },
          steps: {
            description:
              'Playbook steps 1-4 (phase 3 is reached when all are met).',
            items: {
              $ref: '#/components/schemas/PlaybookStep',
            },
            type: 'array',
          },
          targetDate: {
            type: 'string',
          },
          targetPhase: {
            $ref: '#/components/schemas/MigrationPhase',
          },
          title: {
            type: 'string',
          },
        },
        required: [
          'domainRef',
          'title',
          'phase',
          'steps',
          'phaseCriteria',
          'progress',
          'schedule',
          'nextBlockers',
        ],
        type: 'object',
      },
      MigrationCriterion: {
        additionalProperties: false,
        description:
          'One criterion of a phase or playbook step, with the evidence that meets it or what blocks it.',
        properties: {
          blockers: {
            items: {
              additionalProperties: false,
              properties: {
                hiddenEntities: {
                  description:
                    'Entities of this blocker the caller may not see.',
                  type: 'integer',
                },
                entityRefs: {
                  items: {
                    type: 'string',
                  },
                  type: 'array',
                },
                message: {
                  type: 'string',
                },
                url: {
                  description:
                    'Links to the evidence (e.g. the failed CI run).',
                  type: 'string',
                },
              },
              required: ['entityRefs', 'message'],
              type: 'object',
            },
            type: 'array',
          },
          evidence: {
            items: {
              type: 'string',
            },
            type: 'array',
          },
          id: {
            type: 'string',
          },
          label: {
            type: 'string',
          },
          met: {
            type: 'boolean',
          },
          moreEvidence: {
            description:
              'Evidence lines left out of a bounded answer (absent when none were).',
            type: 'integer',
          },
          moreBlockers: {
            description:
              'Blockers left out of a bounded answer (absent when none were).',
            type: 'integer',
          },
        },
        required: ['id', 'label', 'met', 'evidence', 'blockers'],
        type: 'object',
      },
      MigrationPhase: {
        enum: [0, 1, 2, 3],
        type: 'number',
      },
      PlaybookStep: {
        additionalProperties: false,
        properties: {
          criteria: {
            items: {
              $ref: '#/components/schemas/MigrationCriterion',
            },
            type: 'array',
          },
          label: {
            type: 'string',
          },
          met: {
            type: 'boolean',
          },
          step: {
            enum: [1, 2, 3, 4],
            type: 'number',
          },
        },
        required: ['step', 'label', 'met', 'criteria'],
        type: 'object',
      },
      OwnershipComponent: {
        additionalProperties: false,
        properties: {
          hiddenEntities: {
            description:
              'Entities left out because the catalog does not show them to the caller (counted, never named).',
            type: 'integer',
          },
          apis: {
            items: {
              type: 'string',
            },
            type: 'array',
          },
          entityRef: {
            type: 'string',
          },
          ownerRef: {
            type: 'string',
          },
          resources: {
            items: {
              type: 'string',
            },
            type: 'array',
          },
          systemRef: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          type: {
            type: 'string',
          },
        },
        required: ['entityRef', 'title', 'apis', 'resources'],
        type: 'object',
      },
      OwnershipDomain: {
        additionalProperties: false,
        properties: {
          hiddenEntities: {
            description:
              'Entities left out because the catalog does not show them to the caller (counted, never named).',
            type: 'integer',
          },
          apis: {
            description:
              "APIs (contracts) published by the domain's components.",
            items: {
              type: 'string',
            },
            type: 'array',
          },
          components: {
            items: {
              $ref: '#/components/schemas/OwnershipComponent',
            },
            type: 'array',
          },
          entityRef: {
            type: 'string',
          },
          ownerRefs: {
            items: {
              type: 'string',
            },
            type: 'array',
          },
          systems: {
            items: {
              type: 'string',
            },
            type: 'array',
          },
          title: {
            type: 'string',
          },
        },
        required: [
          'entityRef',
          'title',
          'ownerRefs',
          'systems',
          'components',
          'apis',
        ],
        type: 'object',
      },
      OwnershipPageMatch: {
        additionalProperties: false,
        description:
          'A domain or component of an Ownership row that the search matched.',
        properties: {
          entityRef: {
            type: 'string',
          },
          kind: {
            enum: ['domain', 'component'],
            type: 'string',
          },
          domainRef: {
            description:
              'The domain holding a matched component; none for a component outside any domain.',
            type: 'string',
          },
        },
        required: ['entityRef', 'kind'],
        type: 'object',
      },
      OwnershipPageRow: {
        additionalProperties: false,
        description:
          "One row of the Ownership tab's team list: counts and the first names (titles in the page's `titles`); GET /ownership?team= gives what it owns.",
        properties: {
          entityRef: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          kind: {
            description:
              '`group`: owns nothing itself, has domains through the groups below it.',
            enum: ['team', 'group'],
            type: 'string',
          },
          parentRef: {
            type: 'string',
          },
          memberCount: {
            type: 'integer',
          },
          domainCount: {
            type: 'integer',
          },
          componentCount: {
            type: 'integer',
          },
          childCount: {
            type: 'integer',
          },
          rolledUpDomainCount: {
            type: 'integer',
          },
          rolledUpComponentCount: {
            type: 'integer',
          },
          domains: {
            description: 'Its first domains.',
            items: {
              type: 'string',
            },
            type: 'array',
          },
          children: {
            description: 'Its first groups below, by title.',
            items: {
              type: 'string',
            },
            type: 'array',
          },
          problems: {
            description:
              'The ownership problems of the group and its domains (messages).',
            items: {
              type: 'string',
            },
            type: 'array',
          },
          matches: {
            description:
              'The first of what the search matched in what it owns.',
            items: {
              $ref: '#/components/schemas/OwnershipPageMatch',
            },
            type: 'array',
          },
          matchCount: {
            description: 'How many it matched in all.',
            type: 'integer',
          },
          filtered: {
            description:
              "The row lists only the services the search matched (it did not match the group's name).",
            type: 'boolean',
          },
          services: {
            description: 'How many services the row lists when opened.',
            type: 'integer',
          },
          hiddenEntities: {
            description:
              'Entities left out because the catalog does not show them to the caller (counted, never named).',
            type: 'integer',
          },
        },
        required: [
          'entityRef',
          'title',
          'kind',
          'memberCount',
          'domainCount',
          'componentCount',
          'childCount',
          'rolledUpDomainCount',
          'rolledUpComponentCount',
          'domains',
          'children',
          'problems',
          'matches',
          'matchCount',
          'filtered',
          'services',
        ],
        type: 'object',
      },
      OwnershipPageResponse: {
        additionalProperties: false,
        description:
          'GET /ownership: a page of the team list matching the search, and what the tab shows around it.',
        properties: {
          summary: {
            additionalProperties: false,
            description: 'Counts of the whole catalog (the caller sees).',
            properties: {
              teams: {
                type: 'integer',
              },
              groups: {
                description:
                  'Groups above the teams (they own nothing themselves).',
                type: 'integer',
              },
              domains: {
                type: 'integer',
              },
              componentsInDomains: {
                type: 'integer',
              },
              unassigned: {
                type: 'integer',
              },
              problems: {
                type: 'integer',
              },
            },
            required: [
              'teams',
              'groups',
              'domains',
              'componentsInDomains',
              'unassigned',
              'problems',
            ],
            type: 'object',
          },
          groups: {
            description: 'Every group of the list (the team picker).',
            items: {
              additionalProperties: false,
              properties: {
                entityRef: {
                  type: 'string',
                },
                title: {
                  type: 'string',
                },
              },
              required: ['entityRef', 'title'],
              type: 'object',
            },
            type: 'array',
          },
          rows: {
            items: {
              $ref: '#/components/schemas/OwnershipPageRow',
            },
            type: 'array',
          },
          titles: {
            additionalProperties: {
              type: 'string',
            },
            description: 'Titles of the refs the rows and problems name.',
            type: 'object',
          },
          totalItems: {
            description: 'How many rows match in all.',
            type: 'integer',
          },
          offset: {
            type: 'integer',
          },
          limit: {
            type: 'integer',
          },
          problems: {
            additionalProperties: false,
            description:
              'The first ownership problems, and how many there are.',
            properties: {
              items: {
                items: {
                  $ref: '#/components/schemas/OwnershipProblem',
                },
                type: 'array',
              },
              total: {
                type: 'integer',
              },
            },
            required: ['items', 'total'],
            type: 'object',
          },
          unownedDomains: {
            additionalProperties: false,
            description:
              'The first domains no team owns (matching the search), and how many.',
            properties: {
              items: {
                items: {
                  $ref: '#/components/schemas/OwnershipDomain',
                },
                type: 'array',
              },
              total: {
                type: 'integer',
              },
            },
            required: ['items', 'total'],
            type: 'object',
          },
          unassigned: {
            additionalProperties: false,
            description:
              'The first entities outside any domain (matching the search, or of the chosen group), and how many.',
            properties: {
              items: {
                items: {
                  $ref: '#/components/schemas/OwnershipComponent',
                },
                type: 'array',
              },
              total: {
                type: 'integer',
              },
            },
            required: ['items', 'total'],
            type: 'object',
          },
          annotationProblems: {
            additionalProperties: false,
            description: 'The first annotation problems, and how many.',
            properties: {
              items: {
                items: {
                  $ref: '#/components/schemas/AnnotationProblem',
                },
                type: 'array',
              },
              total: {
                type: 'integer',
              },
            },
            required: ['items', 'total'],
            type: 'object',
          },
          hiddenEntities: {
            description:
              'Entities left out because the catalog does not show them to the caller (counted, never named).',
            type: 'integer',
          },
        },
        required: [
          'summary',
          'groups',
          'rows',
          'titles',
          'totalItems',
          'offset',
          'limit',
          'problems',
          'unownedDomains',
          'unassigned',
          'annotationProblems',
        ],
        type: 'object',
      },
      OwnershipProblem: {
        additionalProperties: false,
        properties: {
          hiddenEntities: {
            description:
              'Entities left out because the catalog does not show them to the caller (counted, never named).',
            type: 'integer',
          },
          entityRefs: {
            items: {
              type: 'string',
            },
            type: 'array',
          },
          kind: {
            enum: [
              'domain-without-owner',
              'domain-with-several-owners',
              'component-owner-mismatch',
              'orphan',
            ],
            type: 'string',
          },
          message: {
            type: 'string',
          },
        },
        required: ['kind', 'entityRefs', 'message'],
        type: 'object',
      },
      OwnershipResponse: {
        additionalProperties: false,
        description: 'GET /ownership',
        properties: {
          hiddenEntities: {
            description:
              'Entities left out because the catalog does not show them to the caller (counted, never named).',
            type: 'integer',
          },
          annotationProblems: {
            items: {
              $ref: '#/components/schemas/AnnotationProblem',
            },
            type: 'array',
          },
          domains: {
            items: {
              $ref: '#/components/schemas/OwnershipDomain',
            },
            type: 'array',
          },
          problems: {
            items: {
              $ref: '#/components/schemas/OwnershipProblem',
            },
            type: 'array',
          },
          teams: {
            items: {
              $ref: '#/components/schemas/OwnershipTeam',
            },
            type: 'array',
          },
          unassigned: {
            description:
              'Components, APIs and resources that belong to no domain.',
            items: {
              $ref: '#/components/schemas/OwnershipComponent',
            },
            type: 'array',
          },
        },
        required: [
          'teams',
          'domains',
          'unassigned',
          'problems',
          'annotationProblems',
        ],
        type: 'object',
      },
      OwnershipTeam: {
        additionalProperties: false,
        properties: {
          parentRef: {
            description:
              'The Group above it (`spec.parent`, or a Group listing it in `spec.children`).',
            type: 'string',
          },
          childRefs: {
            description: 'The Groups directly below it.',
            items: {
              type: 'string',
            },
            type: 'array',
          },
          rolledUpDomains: {
            description: 'Domains owned by this Group or any Group below it.',
            items: {
              type: 'string',
            },
            type: 'array',
          },
          rolledUpComponents: {
            description:
              'Components owned by this Group or any Group below it.',
            items: {
              type: 'string',
            },
            type: 'array',
          },
          hiddenEntities: {
            description:
              'Entities left out because the catalog does not show them to the caller (counted, never named).',
            type: 'integer',
          },
          components: {
            items: {
              type: 'string',
            },
            type: 'array',
          },
          domains: {
            items: {
              type: 'string',
            },
            type: 'array',
          },
          entityRef: {
            type: 'string',
          },
          members: {
            description:
              "Members with their roles (org role from the User's/Group's metadata).",
            items: {
              additionalProperties: false,
              properties: {
                entityRef: {
                  type: 'string',
                },
                role: {
                  type: 'string',
                },
                title: {
                  type: 'string',
                },
              },
              required: ['entityRef', 'title'],
              type: 'object',
            },
            type: 'array',
          },
          title: {
            type: 'string',
          },
        },
        required: [
          'entityRef',
          'title',
          'members',
          'domains',
          'components',
          'childRefs',
          'rolledUpDomains',
          'rolledUpComponents',
        ],
        type: 'object',
      },
      HiddenImpact: {
        additionalProperties: false,
        description:
          'Entities the caller may not see, summarised - impact is computed on the whole catalog, so on-call learns that something is blocked without learning its name.',
        properties: {
          count: {
            description: 'How many entities were left out.',
            type: 'integer',
          },
          impact: {
            $ref: '#/components/schemas/ImpactLevel',
            description: 'The worst impact on (or from) them.',
          },
        },
        required: ['count', 'impact'],
        type: 'object',
      },
      ImpactEdge: {
        additionalProperties: false,
        description:
          'One step of a path that explains an impact: `consumer` depends on `provider` with `impact`.',
        properties: {
          consumer: {
            type: 'string',
          },
          impact: {
            $ref: '#/components/schemas/ImpactLevel',
          },
          overridden: {
            description:
              'The impact came from a `domain-split/dependency-impact` override.',
            type: 'boolean',
          },
          provider: {
            type: 'string',
          },
          via: {
            description:
              'How the dependency is declared: `dependsOn`, or the API consumed.',
            type: 'string',
          },
        },
        required: ['consumer', 'provider', 'impact', 'via', 'overridden'],
        type: 'object',
      },
      ImpactLevel: {
        description:
          'How badly a failure reaches something, ordered from harmless to worst.',
        enum: ['none', 'degraded', 'waits', 'blocked'],
        type: 'string',
      },
      ImpactPathResponse: {
        additionalProperties: false,
        description:
          'GET /impact-path?failing=&affected=[&direction=upstream]: one cell with its path, and the titles of the refs it mentions.',
        properties: {
          affected: {
            type: 'string',
          },
          failing: {
            type: 'string',
          },
          impact: {
            $ref: '#/components/schemas/ImpactLevel',
          },
          path: {
            description:
              'The path (failing → ... → affected, as edges) whose bottleneck gives `impact`.',
            items: {
              $ref: '#/components/schemas/ImpactEdge',
            },
            type: 'array',
          },
          titles: {
            additionalProperties: {
              type: 'string',
            },
            type: 'object',
          },
        },
        required: ['affected', 'failing', 'impact', 'path', 'titles'],
        type: 'object',
      },
      BlastRadiusResponse: {
        additionalProperties: false,
        description: 'GET /impact/:kind/:namespace/:name',
        properties: {
          hiddenTakesDown: {
            $ref: '#/components/schemas/HiddenImpact',
            description: 'What it takes down that the caller may not see.',
          },
          hiddenTakenDownBy: {
            $ref: '#/components/schemas/HiddenImpact',
            description: 'What can take it down that the caller may not see.',
          },
          hiddenEntities: {
            description:
              'Entities left out because the catalog does not show them to the caller (counted, never named).',
            type: 'integer',
          },
          entityRef: {
            type: 'string',
          },
          moreTakesDown: {
            description:
              'Entries of `takesDown` left out by the asked `limit` (absent when none).',
            type: 'integer',
          },
          moreTakenDownBy: {
            description:
              'Entries of `takenDownBy` left out by the asked `limit` (absent when none).',
            type: 'integer',
          },
          pathsOmitted: {
            description:
              'Set when the cells were served without their paths (see FailureMatrixPageResponse).',
            type: 'boolean',
          },
          takenDownBy: {
            description: 'What can take this entity down, and how badly.',
            items: {
              $ref: '#/components/schemas/MatrixCell',
            },
            type: 'array',
          },
          takesDown: {
            description:
              'What fails when this entity fails, and how badly (with the explaining path).',
            items: {
              $ref: '#/components/schemas/MatrixCell',
            },
            type: 'array',
          },
          users: {
            $ref: '#/components/schemas/MatrixCell',
            description: 'Impact on user-facing entry points.',
          },
        },
        required: ['entityRef', 'takesDown', 'users', 'takenDownBy'],
        type: 'object',
      },
      ImpactCounts: {
        additionalProperties: false,
        description:
          'How many entities of one side of a blast radius are affected at each impact level.',
        properties: {
          none: {
            type: 'integer',
          },
          degraded: {
            type: 'integer',
          },
          waits: {
            type: 'integer',
          },
          blocked: {
            type: 'integer',
          },
        },
        required: ['none', 'degraded', 'waits', 'blocked'],
        type: 'object',
      },
      ImpactListSummary: {
        additionalProperties: false,
        description:
          'One side of a blast radius (what it takes down, or what takes it down) in a few numbers and its worst entries.',
        properties: {
          total: {
            description:
              'How many entries the side lists in all (what the caller sees; the hidden ones are in `hidden`).',
            type: 'integer',
          },
          byImpact: {
            $ref: '#/components/schemas/ImpactCounts',
            description: '`total` per impact level.',
          },
          byKind: {
            additionalProperties: {
              type: 'integer',
            },
            description:
              '`total` per entity kind (`component`, `resource`, ...).',
            type: 'object',
          },
          worst: {
            description:
              'The worst entries: most severe first, then by ref (the order of the full blast radius); at most the asked limit. Served without paths (`path: []`): GET /impact-path gives one.',
            items: {
              $ref: '#/components/schemas/MatrixCell',
            },
            type: 'array',
          },
          hidden: {
            $ref: '#/components/schemas/HiddenImpact',
            description:
              'Entries the caller may not see, how many, and how badly at worst.',
          },
        },
        required: ['total', 'byImpact', 'byKind', 'worst'],
        type: 'object',
      },
      AffectedDomain: {
        additionalProperties: false,
        description:
          'An affected Domain, the worst impact on any of its entities the failure reaches, and how many of them it reaches.',
        properties: {
          domainRef: {
            type: 'string',
          },
          impact: {
            $ref: '#/components/schemas/ImpactLevel',
          },
          count: {
            description: 'How many of its entities the failure reaches.',
            type: 'integer',
          },
        },
        required: ['domainRef', 'impact', 'count'],
        type: 'object',
      },
      BlastRadiusSummaryResponse: {
        additionalProperties: false,
        description: 'GET /impact/:kind/:namespace/:name/summary',
        properties: {
          entityRef: {
            type: 'string',
          },
          users: {
            $ref: '#/components/schemas/MatrixCell',
            description:
              'Impact on user-facing entry points (served without its path).',
          },
          takesDown: {
            $ref: '#/components/schemas/ImpactListSummary',
            description: 'What fails when this entity fails.',
          },
          takenDownBy: {
            $ref: '#/components/schemas/ImpactListSummary',
            description: 'What can take this entity down.',
          },
          domains: {
            description:
              'Affected domains, worst first, then by ref; at most the asked limit.',
            items: {
              $ref: '#/components/schemas/AffectedDomain',
            },
            type: 'array',
          },
          domainCount: {
            description:
              'How many domains are affected in all (those the caller may not see included).',
            type: 'integer',
          },
          titles: {
            additionalProperties: {
              type: 'string',
            },
            description: 'Titles of the refs this answer names.',
            type: 'object',
          },
          hiddenEntities: {
            description:
              'Entities left out because the catalog does not show them to the caller (counted, never named).',
            type: 'integer',
          },
        },
        required: [
          'entityRef',
          'users',
          'takesDown',
          'takenDownBy',
          'domains',
          'domainCount',
          'titles',
        ],
        type: 'object',
      },
      BlastRadiusPageResponse: {
        additionalProperties: false,
        description: 'GET /impact/:kind/:namespace/:name/entries',
        properties: {
          entityRef: {
            type: 'string',
          },
          direction: {
            description:
              '`downstream`: what it takes down; `upstream`: what can take it down.',
            enum: ['downstream', 'upstream'],
            type: 'string',
          },
          impact: {
            $ref: '#/components/schemas/ImpactLevel',
            description: 'Only entries of this impact level (when asked).',
          },
          items: {
            description:
              "The entries of the page (`path: []`: GET /impact-path gives one cell's path).",
            items: {
              $ref: '#/components/schemas/MatrixCell',
            },
            type: 'array',
          },
          totalItems: {
            description: 'How many entries match in all (the caller sees).',
            type: 'integer',
          },
          offset: {
            type: 'integer',
          },
          limit: {
            type: 'integer',
          },
          titles: {
            additionalProperties: {
              type: 'string',
            },
            description: 'Titles of the refs the page names.',
            type: 'object',
          },
          hidden: {
            $ref: '#/components/schemas/HiddenImpact',
            description:
              'Entries of this side the caller may not see (of every level), how many, and how badly at worst.',
          },
        },
        required: [
          'entityRef',
          'direction',
          'items',
          'totalItems',
          'offset',
          'limit',
          'titles',
        ],
        type: 'object',
      },
      MatrixCell: {
        additionalProperties: false,
        properties: {
          affected: {
            type: 'string',
          },
          failing: {
            type: 'string',
          },
          impact: {
            $ref: '#/components/schemas/ImpactLevel',
          },
          path: {
            description:
              'The path (failing → ... → affected, as edges) whose bottleneck gives `impact`.',
            items: {
              $ref: '#/components/schemas/ImpactEdge',
            },
            type: 'array',
          },
        },
        required: ['failing', 'affected', 'impact', 'path'],
        type: 'object',
      },
      TestResult: {
        enum: ['passed', 'failed'],
        type: 'string',
      },
      TestSuite: {
        enum: ['domain', 'contract'],
        type: 'string',
      },
      MigrationSchedule: {
        description:
          'on-track | at-risk (target date near, phase below target) | late | done | no-target',
        enum: ['on-track', 'at-risk', 'late', 'done', 'no-target'],
        type: 'string',
      },
      DomainMigrationSummary: {
        additionalProperties: false,
        description:
          "One domain's row of the Migration tab, without the per-component evidence.",
        properties: {
          domainRef: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          phase: {
            $ref: '#/components/schemas/MigrationPhase',
          },
          progress: {
            description: '0..1, share of all criteria met.',
            type: 'number',
          },
          targetPhase: {
            $ref: '#/components/schemas/MigrationPhase',
          },
          targetDate: {
            type: 'string',
          },
          schedule: {
            $ref: '#/components/schemas/MigrationSchedule',
          },
          steps: {
            description: 'Playbook steps 1-4, met or not.',
            items: {
              additionalProperties: false,
              properties: {
                step: {
                  enum: [1, 2, 3, 4],
                  type: 'number',
                },
                label: {
                  type: 'string',
                },
                met: {
                  type: 'boolean',
                },
              },
              required: ['step', 'label', 'met'],
              type: 'object',
            },
            type: 'array',
          },
          blockerCount: {
            description: 'How many sentences block the next phase or step.',
            type: 'integer',
          },
          nextBlockers: {
            description: 'The first three of them.',
            items: {
              type: 'string',
            },
            type: 'array',
          },
          hiddenEntities: {
            description:
              'Entities left out because the catalog does not show them to the caller (counted, never named).',
            type: 'integer',
          },
        },
        required: [
          'domainRef',
          'title',
          'phase',
          'progress',
          'schedule',
          'steps',
          'blockerCount',
          'nextBlockers',
        ],
        type: 'object',
      },
      MigrationAggregates: {
        additionalProperties: false,
        description: 'Counts over every domain the caller sees (unfiltered).',
        properties: {
          domainCount: {
            type: 'integer',
          },
          phases: {
            description: 'Domains per phase, phases 0-3 in order.',
            items: {
              additionalProperties: false,
              properties: {
                phase: {
                  $ref: '#/components/schemas/MigrationPhase',
                },
                domains: {
                  type: 'integer',
                },
              },
              required: ['phase', 'domains'],
              type: 'object',
            },
            type: 'array',
          },
          schedules: {
            description:
              'Domains per schedule state (late, at-risk, on-track, done, no-target).',
            items: {
              additionalProperties: false,
              properties: {
                schedule: {
                  $ref: '#/components/schemas/MigrationSchedule',
                },
                domains: {
                  type: 'integer',
                },
              },
              required: ['schedule', 'domains'],
              type: 'object',
            },
            type: 'array',
          },
          targetDates: {
            description:
              'Each target date (earliest first), how many domains aim for it, and the first five (title order).',
            items: {
              additionalProperties: false,
              properties: {
                targetDate: {
                  type: 'string',
                },
                domainCount: {
                  type: 'integer',
                },
                domains: {
                  items: {
                    additionalProperties: false,
                    properties: {
                      title: {
                        type: 'string',
                      },
                      targetPhase: {
                        $ref: '#/components/schemas/MigrationPhase',
                      },
                    },
                    required: ['title'],
                    type: 'object',
                  },
                  type: 'array',
                },
              },
              required: ['targetDate', 'domainCount', 'domains'],
              type: 'object',
            },
            type: 'array',
          },
        },
        required: ['domainCount', 'phases', 'schedules', 'targetDates'],
        type: 'object',
      },
      MigrationOverviewResponse: {
        additionalProperties: false,
        description: 'GET /migration',
        properties: {
          generatedAt: {
            type: 'string',
          },
          domains: {
            description: 'The page of domain summaries (title order).',
            items: {
              $ref: '#/components/schemas/DomainMigrationSummary',
            },
            type: 'array',
          },
          totalItems: {
            description:
              'How many domains match the filters in all (the caller sees).',
            type: 'integer',
          },
          offset: {
            type: 'integer',
          },
          limit: {
            type: 'integer',
          },
          aggregates: {
            $ref: '#/components/schemas/MigrationAggregates',
          },
          annotationProblems: {
            items: {
              $ref: '#/components/schemas/AnnotationProblem',
            },
            type: 'array',
          },
          hiddenEntities: {
            description:
              'Entities left out because the catalog does not show them to the caller (counted, never named).',
            type: 'integer',
          },
        },
        required: [
          'generatedAt',
          'domains',
          'totalItems',
          'offset',
          'limit',
          'aggregates',
          'annotationProblems',
        ],
        type: 'object',
      },
      MigrationHistoryResponse: {
        additionalProperties: false,
        description: 'GET /migration/history',
        properties: {
          projection: {
            $ref: '#/components/schemas/MigrationProjection',
          },
          snapshots: {
            items: {
              $ref: '#/components/schemas/MigrationSnapshot',
            },
            type: 'array',
          },
        },
        required: ['snapshots'],
        type: 'object',
      },
      MigrationProjection: {
        additionalProperties: false,
        description: 'Where the phase burn-up is heading at the recent pace.',
        properties: {
          paceDays: {
            description: 'The days the pace was measured over.',
            type: 'number',
          },
          phase3On: {
            description:
              'The day every domain reaches phase 3 at this pace; absent when the pace is not positive.',
            type: 'string',
          },
          points: {
            description: "Phase points now (the sum of the domains' phases).",
            type: 'number',
          },
          pointsPerDay: {
            type: 'number',
          },
          summary: {
            description:
              'In words: `at this pace: phase 3 on 2027-05-02`, or why there is no date.',
            type: 'string',
          },
          target: {
            description: 'Phase points needed (3 × domains).',
            type: 'number',
          },
        },
        required: ['pointsPerDay', 'paceDays', 'points', 'target', 'summary'],
        type: 'object',
      },
      MigrationSnapshot: {
        additionalProperties: false,
        properties: {
          hiddenEntities: {
            description:
              'Entities left out because the catalog does not show them to the caller (counted, never named).',
            type: 'integer',
          },
          domains: {
            items: {
              additionalProperties: false,
              properties: {
                domainRef: {
                  type: 'string',
                },
                phase: {
                  $ref: '#/components/schemas/MigrationPhase',
                },
                progress: {
                  type: 'number',
                },
                stepsMet: {
                  type: 'number',
                },
              },
              required: ['domainRef', 'phase', 'stepsMet', 'progress'],
              type: 'object',
            },
            type: 'array',
          },
          openViolations: {
            additionalProperties: false,
            description:
              'Open rule violations when the snapshot was taken (absent before 2026-11-28).',
            properties: {
              byDomain: {
                additionalProperties: {
                  type: 'number',
                },
                description:
                  'Domain ref → open violations naming one of its entities.',
                type: 'object',
              },
              byRule: {
                additionalProperties: false,
                properties: {
                  'contract-tests-before-deploy': {
                    type: 'number',
                  },
                  'events-only-between-domains': {
                    type: 'number',
                  },
                  'independent-deploys': {
                    type: 'number',
                  },
                  'no-cross-domain-db': {
                    type: 'number',
                  },
                  'no-shared-business-library': {
                    type: 'number',
                  },
                  'no-shared-cache': {
                    type: 'number',
                  },
                  'one-owner-per-domain': {
                    type: 'number',
                  },
                },
                type: 'object',
              },
            },
            required: ['byRule', 'byDomain'],
            type: 'object',
          },
          takenAt: {
            type: 'string',
          },
        },
        required: ['takenAt', 'domains'],
        type: 'object',
      },
      FailureMatrixPageResponse: {
        additionalProperties: false,
        description:
          'GET /failure-matrix?level=domain|service&limit&offset&failing',
        properties: {
          totalItems: {
            description: 'How many rows match in all (the caller sees).',
            type: 'integer',
          },
          offset: {
            type: 'integer',
          },
          limit: {
            type: 'integer',
          },
          hiddenEntities: {
            description:
              'Entities left out because the catalog does not show them to the caller (counted, never named).',
            type: 'integer',
          },
          annotationProblems: {
            items: {
              $ref: '#/components/schemas/AnnotationProblem',
            },
            type: 'array',
          },
          columns: {
            description:
              "The affected entities, in the order of each row's `impacts`: every Domain at `level=domain`; at `level=service` the Components this page's rows reach.",
            items: {
              type: 'string',
            },
            type: 'array',
          },
          level: {
            enum: ['domain', 'service'],
            type: 'string',
          },
          pathsOmitted: {
            description:
              'Set when the cells were served without their paths (every `path` is `[]`, the result is large): GET /impact-path gives the path of one cell.',
            type: 'boolean',
          },
          rows: {
            description: 'The rows of the page, in the compact form.',
            items: {
              $ref: '#/components/schemas/MatrixPageRow',
            },
            type: 'array',
          },
          titles: {
            additionalProperties: {
              type: 'string',
            },
            description:
              "Titles of the columns and of the refs the page's rows name.",
            type: 'object',
          },
        },
        required: [
          'level',
          'columns',
          'rows',
          'titles',
          'annotationProblems',
          'totalItems',
          'offset',
          'limit',
        ],
        type: 'object',
      },
      MatrixPageRow: {
        additionalProperties: false,
        description:
          "A row of the failure matrix in the compact form - the impact on every column as one letter per column, in the columns' order, instead of one MatrixCell per affected column.",
        properties: {
          hiddenAffected: {
            $ref: '#/components/schemas/HiddenImpact',
            description:
              'Entities reached that the caller may not see - how many, and the worst impact on them.',
          },
          moreCells: {
            description:
              'Cells of this row the page left out (asked with `cells` - it keeps the worst), none worse than the least bad cell kept.',
            type: 'integer',
          },
          impacts: {
            description:
              "One letter per column, in the columns' order: `n` none, `d` degraded, `w` waits, `b` blocked, `.` not reached.",
            pattern: '^[ndwb.]*$',
            type: 'string',
          },
          paths: {
            additionalProperties: {
              items: {
                $ref: '#/components/schemas/ImpactEdge',
              },
              type: 'array',
            },
            description:
              "The path that explains each reached cell, by affected ref (absent when the response says `pathsOmitted`; GET /impact-path gives one cell's path).",
            type: 'object',
          },
          declared: {
            $ref: '#/components/schemas/ImpactLevel',
          },
          drift: {
            description: 'Declared differs from computed users impact.',
            type: 'boolean',
          },
          failing: {
            type: 'string',
          },
          users: {
            $ref: '#/components/schemas/MatrixCell',
            description: 'Impact on user-facing entry points.',
          },
        },
        required: ['failing', 'impacts', 'users', 'drift'],
        type: 'object',
      },
      UnmatchedEventsResponse: {
        additionalProperties: false,
        description: 'GET /events/unmatched',
        properties: {
          items: {
            items: {
              $ref: '#/components/schemas/UnmatchedEvent',
            },
            type: 'array',
          },
        },
        required: ['items'],
        type: 'object',
      },
      RuleDescription: {
        additionalProperties: false,
        properties: {
          description: {
            type: 'string',
          },
          id: {
            $ref: '#/components/schemas/RuleId',
          },
          title: {
            type: 'string',
          },
        },
        required: ['id', 'title', 'description'],
        type: 'object',
      },
      RuleId: {
        enum: [
          'no-cross-domain-db',
          'no-shared-cache',
          'no-shared-business-library',
          'events-only-between-domains',
          'one-owner-per-domain',
          'independent-deploys',
          'contract-tests-before-deploy',
        ],
        type: 'string',
      },
      RuleViolation: {
        additionalProperties: false,
        properties: {
          domainRefs: {
            description:
              'The Domains of the entities named (for the split debt per domain).',
            items: {
              type: 'string',
            },
            type: 'array',
          },
          hiddenEntities: {
            description:
              'Entities left out because the catalog does not show them to the caller (counted, never named).',
            type: 'integer',
          },
          entityRefs: {
            items: {
              type: 'string',
            },
            type: 'array',
          },
          firstSeenAt: {
            description: 'ISO 8601: when an analysis first found it.',
            type: 'string',
          },
          key: {
            description:
              'Stable identity across analyses (rule + what it is about).',
            type: 'string',
          },
          lastSeenAt: {
            description: 'ISO 8601: the last analysis that found it.',
            type: 'string',
          },
          message: {
            type: 'string',
          },
          resolvedAt: {
            description:
              'ISO 8601: the first analysis that no longer found it (resolved only).',
            type: 'string',
          },
          rule: {
            $ref: '#/components/schemas/RuleId',
          },
          status: {
            $ref: '#/components/schemas/ViolationStatus',
          },
        },
        required: ['rule', 'key', 'entityRefs', 'domainRefs', 'message'],
        type: 'object',
      },
      ViolationStatus: {
        enum: ['open', 'resolved'],
        type: 'string',
      },
      RuleViolationsResponse: {
        additionalProperties: false,
        description:
          'GET /rules/violations[?entityRef=][&status=open|resolved|all]',
        properties: {
          hiddenEntities: {
            description:
              'Entities left out because the catalog does not show them to the caller (counted, never named).',
            type: 'integer',
          },
          annotationProblems: {
            items: {
              $ref: '#/components/schemas/AnnotationProblem',
            },
            type: 'array',
          },
          rules: {
            items: {
              $ref: '#/components/schemas/RuleDescription',
            },
            type: 'array',
          },
          violations: {
            items: {
              $ref: '#/components/schemas/RuleViolation',
            },
            type: 'array',
          },
        },
        required: ['rules', 'violations', 'annotationProblems'],
        type: 'object',
      },
      RuleViolationsPageResponse: {
        additionalProperties: false,
        description:
          'GET /rules/violations[?entityRef=][&status=][&rule=][&q=][&limit=&offset=]',
        properties: {
          hiddenEntities: {
            description:
              'Entities left out because the catalog does not show them to the caller (counted, never named).',
            type: 'integer',
          },
          annotationProblems: {
            items: {
              $ref: '#/components/schemas/AnnotationProblem',
            },
            type: 'array',
          },
          rules: {
            items: {
              $ref: '#/components/schemas/RuleDescription',
            },
            type: 'array',
          },
          violations: {
            description: 'The violations of the page.',
            items: {
              $ref: '#/components/schemas/RuleViolation',
            },
            type: 'array',
          },
          totalItems: {
            description:
              'How many violations match in all (of `rule` when asked).',
            type: 'integer',
          },
          offset: {
            type: 'integer',
          },
          limit: {
            type: 'integer',
          },
          counts: {
            additionalProperties: false,
            description:
              'Violations per rule of the same status, entity and `q` (whatever `rule` is); every rule of `rules` has one.',
            properties: {
              'contract-tests-before-deploy': {
                type: 'number',
              },
              'events-only-between-domains': {
                type: 'number',
              },
              'independent-deploys': {
                type: 'number',
              },
              'no-cross-domain-db': {
                type: 'number',
              },
              'no-shared-business-library': {
                type: 'number',
              },
              'no-shared-cache': {
                type: 'number',
              },
              'one-owner-per-domain': {
                type: 'number',
              },
            },
            type: 'object',
          },
        },
        required: [
          'rules',
          'violations',
          'annotationProblems',
          'totalItems',
          'offset',
          'limit',
          'counts',
        ],
        type: 'object',
      },
      ContextMapEdgeKind: {
        description: 'How two domains are tied on the context map.',
        enum: [
          'events',
          'sync',
          'shared-database',
          'shared-cache',
          'shared-library',
        ],
        type: 'string',
      },
      ContextMapLink: {
        additionalProperties: false,
        description: 'One service-level dependency behind a context-map edge.',
        properties: {
          consumer: {
            type: 'string',
          },
          provider: {
            type: 'string',
          },
          via: {
            type: 'string',
          },
          rules: {
            items: {
              $ref: '#/components/schemas/RuleId',
            },
            type: 'array',
          },
        },
        required: ['consumer', 'provider', 'via', 'rules'],
        type: 'object',
      },
      ContextMapEdge: {
        additionalProperties: false,
        description:
          'An edge between two domains, downstream (from) to upstream (to).',
        properties: {
          id: {
            type: 'string',
          },
          from: {
            type: 'string',
          },
          to: {
            type: 'string',
          },
          kind: {
            $ref: '#/components/schemas/ContextMapEdgeKind',
          },
          count: {
            type: 'number',
          },
          links: {
            items: {
              $ref: '#/components/schemas/ContextMapLink',
            },
            type: 'array',
          },
          moreLinks: {
            type: 'number',
          },
          rules: {
            items: {
              $ref: '#/components/schemas/RuleId',
            },
            type: 'array',
          },
          violations: {
            description: "Indexes into the response's `violations`.",
            items: {
              type: 'number',
            },
            type: 'array',
          },
        },
        required: [
          'id',
          'from',
          'to',
          'kind',
          'count',
          'links',
          'moreLinks',
          'rules',
          'violations',
        ],
        type: 'object',
      },
      ContextMapNode: {
        additionalProperties: false,
        description: 'A domain on the context map.',
        properties: {
          domainRef: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          ownerRef: {
            type: 'string',
          },
          ownerDomainCount: {
            type: 'number',
          },
          components: {
            items: {
              type: 'string',
            },
            type: 'array',
          },
          serviceCount: {
            type: 'number',
          },
          apis: {
            items: {
              type: 'string',
            },
            type: 'array',
          },
          phase: {
            $ref: '#/components/schemas/MigrationPhase',
          },
        },
        required: [
          'domainRef',
          'title',
          'ownerDomainCount',
          'components',
          'serviceCount',
          'apis',
        ],
        type: 'object',
      },
      ContextMapTeam: {
        additionalProperties: false,
        properties: {
          entityRef: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          domains: {
            items: {
              type: 'string',
            },
            type: 'array',
          },
        },
        required: ['entityRef', 'title', 'domains'],
        type: 'object',
      },
      ContextMapResponse: {
        additionalProperties: false,
        description: 'GET /context-map[?domain=|team=]',
        properties: {
          nodes: {
            items: {
              $ref: '#/components/schemas/ContextMapNode',
            },
            type: 'array',
          },
          edges: {
            items: {
              $ref: '#/components/schemas/ContextMapEdge',
            },
            type: 'array',
          },
          teams: {
            items: {
              $ref: '#/components/schemas/ContextMapTeam',
            },
            type: 'array',
          },
          focus: {
            additionalProperties: false,
            properties: {
              domain: {
                type: 'string',
              },
              team: {
                type: 'string',
              },
              domains: {
                items: {
                  type: 'string',
                },
                type: 'array',
              },
              moreNeighbours: {
                description:
                  'With `?neighbours=`, the domains tied to the focused ones that were left out.',
                type: 'integer',
              },
              moreDomains: {
                description:
                  'With `?neighbours=` and a team owning more domains than that, its domains left out (the most tied are drawn; `domains` lists them all).',
                type: 'integer',
              },
            },
            required: ['domains'],
            type: 'object',
          },
          titles: {
            additionalProperties: {
              type: 'string',
            },
            type: 'object',
          },
          violations: {
            items: {
              $ref: '#/components/schemas/RuleViolation',
            },
            type: 'array',
          },
          hiddenEntities: {
            description:
              'Entities left out because the catalog does not show them to the caller (counted, never named).',
            type: 'integer',
          },
          detailsOmitted: {
            description:
              "Set on an outline (`?details=false`) - nodes' components and apis, edges' links and violations, and violations are left empty, titles name the domains and teams.",
            type: 'boolean',
          },
        },
        required: ['nodes', 'edges', 'teams', 'titles', 'violations'],
        type: 'object',
      },
      ContextMapViewResponse: {
        additionalProperties: false,
        description:
          'GET /context-map/view - the drawn part of the context map.',
        properties: {
          nodes: {
            items: {
              $ref: '#/components/schemas/ContextMapNode',
            },
            type: 'array',
          },
          edges: {
            items: {
              $ref: '#/components/schemas/ContextMapEdge',
            },
            type: 'array',
          },
          teams: {
            description: 'Owners of the drawn nodes, with their drawn domains.',
            items: {
              $ref: '#/components/schemas/ContextMapTeam',
            },
            type: 'array',
          },
          titles: {
            additionalProperties: {
              type: 'string',
            },
            type: 'object',
          },
          violations: {
            description:
              "The selected domain's violations `selected` points at (edges' `violations` are empty).",
            items: {
              $ref: '#/components/schemas/RuleViolation',
            },
            type: 'array',
          },
          hiddenEntities: {
            description:
              'Entities left out because the catalog does not show them to the caller (counted, never named).',
            type: 'integer',
          },
          view: {
            additionalProperties: false,
            properties: {
              mode: {
                description:
                  "`all` - the whole map; `team` - a team's neighbourhood; `neighbourhood` - a large map drawn around `around`.",
                enum: ['all', 'team', 'neighbourhood'],
                type: 'string',
              },
              around: {
                type: 'string',
              },
              notDrawn: {
                description:
                  'Ties that match the filters but were left out (at most 60 are drawn).',
                type: 'integer',
              },
              domains: {
                description: 'Domains of the whole map.',
                type: 'integer',
              },
              teams: {
                description: 'Teams of the whole map.',
                type: 'integer',
              },
              ties: {
                description: 'Ties of the whole map.',
                type: 'integer',
              },
              violatingTies: {
                description: 'Ties of the whole map that break a rule.',
                type: 'integer',
              },
              teamOrder: {
                description:
                  "Each drawn team's place among all the map's teams (its colour).",
                additionalProperties: {
                  type: 'integer',
                },
                type: 'object',
              },
            },
            required: [
              'mode',
              'notDrawn',
              'domains',
              'teams',
              'ties',
              'violatingTies',
              'teamOrder',
            ],
            type: 'object',
          },
          selected: {
            additionalProperties: false,
            description:
              'With `domain` - what its side panel lists beside its node.',
            properties: {
              domainRef: {
                type: 'string',
              },
              ownerDomains: {
                description: 'Every domain its owner owns, itself included.',
                items: {
                  type: 'string',
                },
                type: 'array',
              },
              violations: {
                description:
                  'The violations of all its ties (indexes into `violations`), at most 10.',
                items: {
                  type: 'integer',
                },
                type: 'array',
              },
              moreViolations: {
                type: 'integer',
              },
            },
            required: [
              'domainRef',
              'ownerDomains',
              'violations',
              'moreViolations',
            ],
            type: 'object',
          },
        },
        required: ['nodes', 'edges', 'teams', 'titles', 'violations', 'view'],
        type: 'object',
      },
      ContextMapChoice: {
        additionalProperties: false,
        properties: {
          entityRef: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
        },
        required: ['entityRef', 'title'],
        type: 'object',
      },
      ContextMapChoicesResponse: {
        additionalProperties: false,
        description:
          'GET /context-map/domains and /context-map/teams - a page of picker choices.',
        properties: {
          items: {
            items: {
              $ref: '#/components/schemas/ContextMapChoice',
            },
            type: 'array',
          },
          totalItems: {
            type: 'integer',
          },
          offset: {
            type: 'integer',
          },
          limit: {
            type: 'integer',
          },
        },
        required: ['items', 'totalItems', 'offset', 'limit'],
        type: 'object',
      },
    },
  },
} as const;
