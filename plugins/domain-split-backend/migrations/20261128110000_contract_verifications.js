/*
 * Pairwise contract evidence for the deploy gate: a contract test run that names the
 * counterpart versions it verified (`verifiedAgainst`) is stored as one row per ordered pair,
 * both ways round (A@1 ↔ B@2 gives A→B and B→A), so "every verification of S at V" is one
 * index range whichever side reported it.
 *
 * Version keys are common's `versionKey` (`v3.2.1` = `3.2.1` = `3.2.1.0`), computed at ingest.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('contract_verifications', table => {
    table.comment(
      'Pairwise contract verifications from contract test runs (verifiedAgainst), stored both ways round',
    );
    table.bigIncrements('id').primary().comment('Surrogate key');
    table
      .string('event_id', 255)
      .notNullable()
      .comment('The delivery id of the contract test run it came from');
    table
      .string('service', 255)
      .notNullable()
      .comment('This side: service name as CI reported it');
    table
      .string('service_key', 255)
      .notNullable()
      .comment('This side: lower-case service name');
    table.string('version', 255).notNullable().comment('This side: version');
    table
      .string('version_key', 255)
      .notNullable()
      .comment('This side: normalised version key (common versionKey)');
    table
      .string('counterpart_service', 255)
      .notNullable()
      .comment('Other side: service name as CI reported it');
    table
      .string('counterpart_key', 255)
      .notNullable()
      .comment('Other side: lower-case service name');
    table
      .string('counterpart_version', 255)
      .notNullable()
      .comment('Other side: version');
    table
      .string('counterpart_version_key', 255)
      .notNullable()
      .comment('Other side: normalised version key (common versionKey)');
    table
      .string('result', 32)
      .notNullable()
      .comment('passed | failed (the result of the run)');
    table
      .string('occurred_at', 30)
      .notNullable()
      .comment('The run’s own time (ISO 8601 UTC)');
    table.text('pipeline_url').nullable().comment('Link to the pipeline run');
    table.unique(
      [
        'event_id',
        'service_key',
        'version_key',
        'counterpart_key',
        'counterpart_version_key',
      ],
      { indexName: 'contract_verifications_pair_uq' },
    );
    // The gate's lookup: every verification of one service at one version (either side, since
    // each pair is stored both ways).
    table.index(
      ['service_key', 'version_key', 'counterpart_key'],
      'contract_verifications_side_idx',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('contract_verifications');
};
