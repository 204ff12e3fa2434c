/*
 * Every open violation was found by the latest rule check, so its `lastSeenAt` is the time of
 * that check: kept once here instead of rewriting every open violation's row per check (tens of
 * thousands of rows after each CI event at 10,000 services). `rule_violations.last_seen_at`
 * keeps, for a resolved violation, the last check that found it.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('rule_checks', table => {
    table.comment('One row: the time of the latest rule check');
    table
      .integer('id')
      .primary()
      .notNullable()
      .comment('Always 1 (a single-row table)');
    table
      .string('checked_at', 30)
      .notNullable()
      .comment("ISO 8601: the latest check; every open violation's lastSeenAt");
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('rule_checks');
};
