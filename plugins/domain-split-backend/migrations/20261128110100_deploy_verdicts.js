/*
 * Every answer of the deploy gate (GET /can-i-deploy), for the service's history and to flag a
 * deployment that went out after a "no".
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('deploy_verdicts', table => {
    table.comment(
      'Answers of the deploy gate (GET /can-i-deploy), one per request',
    );
    table
      .string('id', 64)
      .primary()
      .notNullable()
      .comment('Random id of the verdict');
    table.string('service', 255).notNullable().comment('Service name as asked');
    table
      .string('service_key', 255)
      .notNullable()
      .comment('Lower-case service name');
    table
      .string('entity_ref', 255)
      .nullable()
      .comment('The catalog Component the service matched when asked');
    table.string('version', 255).notNullable().comment('Version asked about');
    table
      .string('version_key', 255)
      .notNullable()
      .comment('Normalised version key (common versionKey)');
    table
      .string('environment', 255)
      .notNullable()
      .comment('Target environment asked about');
    table
      .boolean('deployable')
      .notNullable()
      .comment('The verdict: true = yes, false = no');
    table
      .boolean('rollback')
      .notNullable()
      .comment('The version was lower than the live one');
    table
      .string('live_version', 255)
      .nullable()
      .comment('The version live in the environment when asked');
    table
      .text('reasons')
      .notNullable()
      .comment('The reasons (GateReason[] of common types.ts) as JSON');
    table
      .string('asked_by', 255)
      .notNullable()
      .comment('Who asked: user entity ref, or service principal subject');
    table
      .string('asked_at', 30)
      .notNullable()
      .comment('When it was asked (ISO 8601 UTC)');
    table.index(['service_key', 'asked_at'], 'deploy_verdicts_service_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('deploy_verdicts');
};
