// A real Backstage backend with only the catalog plugin: the floor of the analysis benchmark
// reads the synthetic catalog through it exactly as the Domain Split backend plugin does.
const { createBackend } = require('@backstage/backend-defaults');

const backend = createBackend();
backend.add(require('@backstage/plugin-catalog-backend'));

backend.start();
