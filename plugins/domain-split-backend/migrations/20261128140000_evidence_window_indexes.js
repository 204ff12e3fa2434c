/*
 * Indexes for the windowed evidence reads (DatabaseStore.getEvidence): deployments inside the
 * evidence window; test runs of the versions and commits put live (the commit compared
 * lower-case); the latest domain-suite run per service; and the deploy gate's verdicts since a
 * time (listVerdictsSince). The newest live deployments before the window per service ×
 * environment use deployments_service_env_idx (service_key, environment, occurred_at).
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('deployments', table => {
    table.index(['occurred_at'], 'deployments_occurred_at_idx');
  });
  await knex.schema.alterTable('test_runs', table => {
    table.index(['suite', 'version_key'], 'test_runs_suite_version_key_idx');
    table.index(
      ['suite', 'service_key', 'occurred_at'],
      'test_runs_suite_service_idx',
    );
  });
  // An expression index (SQLite and PostgreSQL both have them; knex's builder does not).
  await knex.raw(
    'CREATE INDEX test_runs_suite_commit_idx ON test_runs (suite, lower(commit_sha))',
  );
  await knex.schema.alterTable('deploy_verdicts', table => {
    table.index(['asked_at'], 'deploy_verdicts_asked_at_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('deploy_verdicts', table => {
    table.dropIndex(['asked_at'], 'deploy_verdicts_asked_at_idx');
  });
  await knex.raw('DROP INDEX test_runs_suite_commit_idx');
  await knex.schema.alterTable('test_runs', table => {
    table.dropIndex(
      ['suite', 'service_key', 'occurred_at'],
      'test_runs_suite_service_idx',
    );
    table.dropIndex(
      ['suite', 'version_key'],
      'test_runs_suite_version_key_idx',
    );
  });
  await knex.schema.alterTable('deployments', table => {
    table.dropIndex(['occurred_at'], 'deployments_occurred_at_idx');
  });
};
