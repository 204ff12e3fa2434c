/*
 * CI events: the raw accepted events (for replay and audit) and the state derived from them.
 *
 * Times are stored as ISO 8601 UTC strings of fixed width (`2026-11-25T12:00:00.000Z`), so that
 * string order is time order on every engine (SQLite and PostgreSQL) and values read back
 * unchanged.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('ci_events', table => {
    table.comment(
      'Raw CI events accepted by the webhooks, kept for replay and audit',
    );
    table
      .string('delivery_id', 255)
      .primary()
      .notNullable()
      .comment(
        'Idempotency key: the generic event id, or github:<X-GitHub-Delivery>',
      );
    table.string('source', 32).notNullable().comment('ci | github');
    table
      .string('type', 32)
      .notNullable()
      .comment('deployment | release | test_run');
    table
      .string('service', 255)
      .notNullable()
      .comment('Service name as CI reported it');
    table
      .string('occurred_at', 30)
      .notNullable()
      .comment('The event’s own time (ISO 8601 UTC)');
    table
      .string('received_at', 30)
      .notNullable()
      .comment('Arrival time (ISO 8601 UTC)');
    table
      .string('authenticated_by', 32)
      .notNullable()
      .comment('standard-webhooks | service-token | github-signature');
    table
      .text('headers')
      .notNullable()
      .comment('The delivery headers kept for audit (JSON)');
    table
      .text('payload')
      .notNullable()
      .comment('The raw request body as received');
    table
      .string('payload_sha256', 64)
      .notNullable()
      .comment('SHA-256 of the raw body (hex)');
    table.index(['received_at'], 'ci_events_received_at_idx');
  });

  await knex.schema.createTable('deployments', table => {
    table.comment('Deployment history: one row per accepted deployment event');
    table.bigIncrements('id').primary().comment('Surrogate key');
    table
      .string('event_id', 255)
      .notNullable()
      .unique()
      .comment('The delivery id of the event it came from');
    table
      .string('service', 255)
      .notNullable()
      .comment('Service name as CI reported it');
    table
      .string('service_key', 255)
      .notNullable()
      .comment('Lower-case service name');
    table
      .string('environment', 255)
      .notNullable()
      .comment('Target environment');
    table.string('version', 255).notNullable().comment('Deployed version');
    table
      .string('status', 32)
      .notNullable()
      .comment('success | failure | in_progress | rolled_back');
    table
      .boolean('explicit_rollback')
      .notNullable()
      .defaultTo(false)
      .comment('The event said it was a rollback');
    table
      .string('occurred_at', 30)
      .notNullable()
      .comment('The event’s own time (ISO 8601 UTC)');
    table
      .string('received_at', 30)
      .notNullable()
      .comment('Arrival time (ISO 8601 UTC)');
    table.string('commit_sha', 255).nullable().comment('Commit SHA');
    table.string('pipeline_id', 255).nullable().comment('CI pipeline run id');
    table.text('pipeline_url').nullable().comment('Link to the pipeline run');
    table
      .string('repository', 255)
      .nullable()
      .comment('Repository the pipeline ran for');
    table.index(
      ['service_key', 'environment', 'occurred_at'],
      'deployments_service_env_idx',
    );
    table.index(['pipeline_id'], 'deployments_pipeline_idx');
    table.index(['commit_sha'], 'deployments_commit_idx');
  });

  await knex.schema.createTable('current_versions', table => {
    table.comment(
      'The live version per service and environment: the latest successful deployment by occurred_at',
    );
    table
      .string('service_key', 255)
      .notNullable()
      .comment('Lower-case service name');
    table
      .string('environment', 255)
      .notNullable()
      .comment('Target environment');
    table
      .string('service', 255)
      .notNullable()
      .comment('Service name as CI reported it');
    table.string('version', 255).notNullable().comment('Live version');
    table.string('status', 32).notNullable().comment('success | rolled_back');
    table
      .boolean('explicit_rollback')
      .notNullable()
      .defaultTo(false)
      .comment('The event said it was a rollback');
    table
      .string('previous_version', 255)
      .nullable()
      .comment('The version live before it, by occurred_at');
    table.string('event_id', 255).notNullable().comment('The deployment event');
    table
      .string('occurred_at', 30)
      .notNullable()
      .comment('The event’s own time (ISO 8601 UTC)');
    table.string('commit_sha', 255).nullable().comment('Commit SHA');
    table.string('pipeline_id', 255).nullable().comment('CI pipeline run id');
    table.text('pipeline_url').nullable().comment('Link to the pipeline run');
    table
      .string('repository', 255)
      .nullable()
      .comment('Repository the pipeline ran for');
    table.primary(['service_key', 'environment']);
  });

  await knex.schema.createTable('test_runs', table => {
    table.comment('Domain and contract test-suite runs reported by CI');
    table.bigIncrements('id').primary().comment('Surrogate key');
    table
      .string('event_id', 255)
      .notNullable()
      .unique()
      .comment('The delivery id of the event it came from');
    table
      .string('service', 255)
      .notNullable()
      .comment('Service name as CI reported it');
    table
      .string('service_key', 255)
      .notNullable()
      .comment('Lower-case service name');
    table.string('version', 255).notNullable().comment('Tested version');
    table.string('suite', 32).notNullable().comment('domain | contract');
    table.string('result', 32).notNullable().comment('passed | failed');
    table
      .string('occurred_at', 30)
      .notNullable()
      .comment('The event’s own time (ISO 8601 UTC)');
    table
      .string('received_at', 30)
      .notNullable()
      .comment('Arrival time (ISO 8601 UTC)');
    table.string('commit_sha', 255).nullable().comment('Commit SHA');
    table.string('pipeline_id', 255).nullable().comment('CI pipeline run id');
    table.text('pipeline_url').nullable().comment('Link to the pipeline run');
    table.index(['service_key', 'version'], 'test_runs_service_version_idx');
  });

  await knex.schema.createTable('releases', table => {
    table.comment(
      'Versions released (published) by CI, before or without a deployment',
    );
    table.bigIncrements('id').primary().comment('Surrogate key');
    table
      .string('event_id', 255)
      .notNullable()
      .unique()
      .comment('The delivery id of the event it came from');
    table
      .string('service', 255)
      .notNullable()
      .comment('Service name as CI reported it');
    table
      .string('service_key', 255)
      .notNullable()
      .comment('Lower-case service name');
    table.string('version', 255).notNullable().comment('Released version');
    table
      .string('occurred_at', 30)
      .notNullable()
      .comment('The event’s own time (ISO 8601 UTC)');
    table
      .string('received_at', 30)
      .notNullable()
      .comment('Arrival time (ISO 8601 UTC)');
    table.string('commit_sha', 255).nullable().comment('Commit SHA');
    table.string('pipeline_id', 255).nullable().comment('CI pipeline run id');
    table.text('pipeline_url').nullable().comment('Link to the pipeline run');
    table
      .string('repository', 255)
      .nullable()
      .comment('Repository the pipeline ran for');
    table.index(['service_key'], 'releases_service_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('releases');
  await knex.schema.dropTable('test_runs');
  await knex.schema.dropTable('current_versions');
  await knex.schema.dropTable('deployments');
  await knex.schema.dropTable('ci_events');
};
