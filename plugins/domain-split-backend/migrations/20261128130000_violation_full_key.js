/*
 * A violation's key is made of entity refs (a shared database used by hundreds of services
 * gives a key of many kilobytes), too long for the primary key column (and for a PostgreSQL
 * btree index). The full key moves to a text column; `violation_key` keeps the key when it is
 * short and `sha256:<hex>` of it when it is not (see DatabaseStore's storedViolationKey).
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('rule_violations', table => {
    table
      .text('full_key')
      .nullable()
      .comment(
        'The violation key as the analysis gives it; violation_key is its bounded form',
      );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('rule_violations', table => {
    table.dropColumn('full_key');
  });
};
