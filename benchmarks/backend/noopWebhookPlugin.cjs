// Benchmark-only backend plugin (never part of the product): POST /api/bench-noop/webhooks/ci
// does the same HTTP work as the Domain Split CI webhook — raw JSON body, Standard Webhooks
// signature check with the same library, JSON parse, a 202 answer — and writes nothing.
// It is the floor of the ingest benchmark.
const {
  coreServices,
  createBackendPlugin,
} = require('@backstage/backend-plugin-api');
const express = require('express');
const { Webhook } = require('standardwebhooks');

module.exports = createBackendPlugin({
  pluginId: 'bench-noop',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        config: coreServices.rootConfig,
      },
      async init({ httpRouter, config }) {
        const secrets = config.getStringArray(
          'domainSplit.webhooks.standardWebhooks.secrets',
        );
        const webhooks = secrets.map(s => new Webhook(s));
        const router = express.Router();
        router.post(
          '/webhooks/ci',
          express.raw({ type: 'application/json', limit: '1mb' }),
          (req, res) => {
            const body = req.body.toString('utf8');
            const ok = webhooks.some(w => {
              try {
                w.verify(body, req.headers);
                return true;
              } catch {
                return false;
              }
            });
            if (!ok) return res.status(401).json({ error: 'bad signature' });
            const event = JSON.parse(body);
            return res.status(202).json({ id: event.id, status: 'accepted' });
          },
        );
        httpRouter.use(router);
        httpRouter.addAuthPolicy({
          path: '/webhooks/ci',
          allow: 'unauthenticated',
        });
      },
    });
  },
});
