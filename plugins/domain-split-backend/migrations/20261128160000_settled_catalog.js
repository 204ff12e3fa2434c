/*
 * The fingerprint of the last settled catalog read: after a restart, a first read that finds
 * the same catalog is settled at once instead of waiting for a second read to agree (see the
 * backend's CatalogReader).
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('settled_catalog', table => {
    table.comment('One row: the last settled catalog read');
    table
      .integer('id')
      .primary()
      .notNullable()
      .comment('Always 1 (a single-row table)');
    table
      .string('fingerprint', 100)
      .notNullable()
      .comment('Entity count and SHA-256 of the entities read');
    table
      .string('settled_at', 30)
      .notNullable()
      .comment('ISO 8601: when a replica settled or changed to it');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('settled_catalog');
};
