/*
 * Evidence over time (docs/architecture.md "Evidence over time"):
 * - `version_key` on every CI row: the normalised version (common's `versionKey`), stored at
 *   ingest and matched by everywhere; existing rows are backfilled here.
 * - test runs keep the repository and the GitHub workflow they came from (monorepo mapping).
 * - `rule_violations`: the open/resolved lifecycle of rule violations.
 */

/**
 * A copy of common's `versionKey` (plugins/domain-split-common/src/versions.ts) as it was when
 * this migration was written: a migration must not change meaning when the code does. The
 * migrations test checks it against the live function.
 * @param {string} version
 * @returns {string}
 */
function versionKeyAtMigration(version) {
  const match =
    /^[vV]?(\d+(?:\.\d+)*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z.-]+)?$/.exec(
      version.trim(),
    );
  if (!match) {
    return `=${version}`;
  }
  const release = match[1].split('.').map(part => String(Number(part)));
  while (release.length > 0 && release[release.length - 1] === '0') {
    release.pop();
  }
  const prerelease = match[2]
    ? match[2]
        .split('.')
        .map(id => (/^\d+$/.test(id) ? String(Number(id)) : id))
    : [];
  return `v${release.join('.')}${
    prerelease.length > 0 ? `-${prerelease.join('.')}` : ''
  }`;
}
exports.versionKeyAtMigration = versionKeyAtMigration;

const VERSIONED_TABLES = [
  'deployments',
  'test_runs',
  'releases',
  'current_versions',
];

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  for (const table of VERSIONED_TABLES) {
    await knex.schema.alterTable(table, t => {
      t.string('version_key', 255)
        .nullable()
        .comment(
          'Normalised version (common versionKey: v3.2.1 = 3.2.1, 2.1 = 2.1.0); what versions are matched by',
        );
    });
    // Backfill, one distinct version at a time (a handful per service, not one per row).
    const versions = await knex(table).distinct('version');
    for (const { version } of versions) {
      await knex(table)
        .where({ version })
        .update({ version_key: versionKeyAtMigration(version) });
    }
  }
  await knex.schema.alterTable('test_runs', t => {
    t.string('repository', 255)
      .nullable()
      .comment('Repository the pipeline ran for');
    t.string('workflow', 512)
      .nullable()
      .comment(
        'GitHub workflow <owner>/<repo>:<path>; a Component claims it with domain-split/github-workflow',
      );
    t.index(
      ['service_key', 'version_key'],
      'test_runs_service_version_key_idx',
    );
    t.index(['version_key'], 'test_runs_version_key_idx');
  });

  await knex.schema.createTable('rule_violations', table => {
    table.comment(
      'Rule violations with their lifecycle: open while the analysis finds them, resolved when it no longer does',
    );
    table
      .string('violation_key', 1024)
      .primary()
      .notNullable()
      .comment(
        'Stable identity: rule + what it is about (common RuleViolation.key)',
      );
    table.string('rule', 64).notNullable().comment('The rule id');
    table.string('status', 16).notNullable().comment('open | resolved');
    table
      .text('entity_refs')
      .notNullable()
      .comment('The entities named (JSON array)');
    table
      .text('domain_refs')
      .notNullable()
      .comment('The domains of those entities (JSON array)');
    table.text('message').notNullable().comment('Why, as last found');
    table
      .string('first_seen_at', 30)
      .notNullable()
      .comment('First analysis that found it (ISO 8601 UTC)');
    table
      .string('last_seen_at', 30)
      .notNullable()
      .comment('Last analysis that found it (ISO 8601 UTC)');
    table
      .string('resolved_at', 30)
      .nullable()
      .comment(
        'First analysis that no longer found it (ISO 8601 UTC); null while open',
      );
    table.index(['status'], 'rule_violations_status_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('rule_violations');
  await knex.schema.alterTable('test_runs', t => {
    t.dropIndex(['version_key'], 'test_runs_version_key_idx');
    t.dropIndex(
      ['service_key', 'version_key'],
      'test_runs_service_version_key_idx',
    );
    t.dropColumn('workflow');
    t.dropColumn('repository');
  });
  for (const table of [...VERSIONED_TABLES].reverse()) {
    await knex.schema.alterTable(table, t => {
      t.dropColumn('version_key');
    });
  }
};
