/*
 * Daily snapshots of the migration status, for the burn-up history.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('migration_snapshots', table => {
    table.comment(
      'One migration-status snapshot per day (UTC), for the burn-up history',
    );
    table
      .string('day', 10)
      .primary()
      .notNullable()
      .comment(
        'The UTC day the snapshot belongs to (YYYY-MM-DD); a later one that day replaces it',
      );
    table
      .string('taken_at', 30)
      .notNullable()
      .comment('When the snapshot was taken (ISO 8601 UTC)');
    table
      .text('snapshot')
      .notNullable()
      .comment('The MigrationSnapshot (common types.ts) as JSON');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('migration_snapshots');
};
