/*
 * A counter of evidence changes: every ingest transaction that writes CI evidence bumps it, so
 * every replica can tell with one primary-key read whether its computed results are still
 * current.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('evidence_generation', table => {
    table.comment(
      'One row: a counter bumped by every transaction that writes CI evidence',
    );
    table
      .integer('id')
      .primary()
      .notNullable()
      .comment('Always 1 (a single-row table)');
    table
      .bigInteger('generation')
      .notNullable()
      .comment(
        'Grows by one with every ingest transaction that wrote evidence',
      );
  });
  await knex('evidence_generation').insert({ id: 1, generation: 1 });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('evidence_generation');
};
