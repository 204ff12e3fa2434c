/*
 * `yarn bench`: runs every benchmark one after the other, each in its own process, and prints
 * their figures. Arguments are passed to each (for example `yarn bench --sizes 100,1000`);
 * `--only analysis,ingest` picks some.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { machine, parseArgs } from './lib/args';

const ALL = ['analysis', 'ingest', 'frontend', 'serving', 'gate', 'evidence'];
const argv = process.argv.slice(2);
const args = parseArgs(argv);
const only = typeof args.only === 'string' ? args.only.split(',') : ALL;
const passOn = argv.filter(
  (a, i) =>
    a !== '--only' && argv[i - 1] !== '--only' && !a.startsWith('--only='),
);

console.log(`Domain Split benchmarks on ${machine()}\n`);
let failed = 0;
for (const name of ALL.filter(n => only.includes(n))) {
  console.log(`\n==================== ${name} ====================`);
  if (!fs.existsSync(path.join(__dirname, `${name}.ts`))) {
    console.log(
      `${name} benchmark not written yet (see benchmarks/README.md, "Unfinished")`,
    );
    continue;
  }
  const result = spawnSync(
    process.execPath,
    ['-r', 'sucrase/register', path.join(__dirname, `${name}.ts`), ...passOn],
    { stdio: 'inherit' },
  );
  if (result.status !== 0) {
    failed++;
    console.log(
      `${name} benchmark exited with ${result.status ?? result.signal}`,
    );
  }
}
process.exit(failed ? 1 : 0);
