/*
 * What the notification task remembers between runs and across replicas: the notifications it
 * sent (so no run and no replica sends one twice) and the analysis snapshot of its last run
 * (what the next run compares with).
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('notifications_sent', table => {
    table.comment(
      'Notifications the scheduled task sent, one row per key: claimed before sending, so that two runs or replicas never send the same one',
    );
    table
      .string('key', 512)
      .primary()
      .notNullable()
      .comment(
        'The notification key (common notifications.ts), also its scope in the notifications plugin',
      );
    table
      .string('kind', 32)
      .notNullable()
      .comment(
        'phaseRegression, newViolation, targetDateNear, untestedDeploy or impactDrift',
      );
    table
      .string('recipient', 255)
      .notNullable()
      .comment('The owning group it went to, e.g. group:default/orders-team');
    table
      .string('sent_at', 30)
      .notNullable()
      .comment('When it was claimed for sending (ISO 8601 UTC)');
  });
  await knex.schema.createTable('notification_state', table => {
    table.comment(
      'The analysis snapshot of the last notification run, which the next run compares with',
    );
    table
      .string('id', 32)
      .primary()
      .notNullable()
      .comment('Always "last": one row');
    table
      .string('taken_at', 30)
      .notNullable()
      .comment('When the snapshot was taken (ISO 8601 UTC)');
    table
      .text('snapshot')
      .notNullable()
      .comment('The NotificationSnapshot (common notifications.ts) as JSON');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('notification_state');
  await knex.schema.dropTable('notifications_sent');
};
