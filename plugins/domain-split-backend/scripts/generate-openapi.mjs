#!/usr/bin/env node
// Generates the code that comes from the REST contract, src/schema/openapi.yaml:
//   - plugins/domain-split-backend/src/schema/openapi.generated.ts: the spec as a `const`, which
//     the router is built and validated from (@backstage/backend-openapi-utils);
//   - plugins/domain-split-common/src/schema/openapi.generated.ts: the TypeScript types of every
//     schema and route (openapi-typescript), which common's types are checked against at compile
//     time (common src/schema/contract.ts), so the spec cannot drift from the code.
// Usage: node scripts/generate-openapi.mjs [--check]
//   --check: write nothing; exit 1 when a generated file is not what the spec gives.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import prettier from 'prettier';
import YAML from 'yaml';

const backendDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
);
const specFile = path.join(backendDir, 'src/schema/openapi.yaml');
const targets = {
  spec: path.join(backendDir, 'src/schema/openapi.generated.ts'),
  types: path.resolve(
    backendDir,
    '../domain-split-common/src/schema/openapi.generated.ts',
  ),
};

const HEADER = `// GENERATED from plugins/domain-split-backend/src/schema/openapi.yaml by
// \`yarn workspace @internal/plugin-domain-split-backend openapi:generate\`. Do not edit.
/* eslint-disable */
`;

async function format(source, file) {
  const options = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(source, { ...options, parser: 'typescript' });
}

export async function generate() {
  const spec = YAML.parse(fs.readFileSync(specFile, 'utf8'));
  const specSource = `${HEADER}
/** The Domain Split REST contract (openapi.yaml) as a value. @internal */
export const spec = ${JSON.stringify(spec, null, 2)} as const;
`;
  const ast = await openapiTS(spec, { exportType: false });
  const typesSource = `${HEADER}
${astToString(ast)}`;
  return {
    [targets.spec]: await format(specSource, targets.spec),
    [targets.types]: await format(typesSource, targets.types),
  };
}

const isMain = process.argv[1] === fileURLToPath(import.meta.url);
if (isMain) {
  const check = process.argv.includes('--check');
  const files = await generate();
  let stale = 0;
  for (const [file, content] of Object.entries(files)) {
    const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    if (current === content) continue;
    if (check) {
      stale++;
      console.error(`${path.relative(process.cwd(), file)} is out of date`);
    } else {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
      console.log(`wrote ${path.relative(process.cwd(), file)}`);
    }
  }
  if (stale > 0) {
    console.error(
      'Run `yarn workspace @internal/plugin-domain-split-backend openapi:generate`.',
    );
    process.exit(1);
  }
}
