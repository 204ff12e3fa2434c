import os from 'node:os';

/** `--key value` and `--flag` arguments. */
export function parseArgs(argv: string[]): Record<string, string | true> {
  const out: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) continue;
    const [key, inline] = arg.slice(2).split('=', 2);
    if (inline !== undefined) out[key] = inline;
    else if (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--'))
      out[key] = argv[++i];
    else out[key] = true;
  }
  return out;
}

/** The machine, for the figures. */
export function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${(
    os.totalmem() /
    2 ** 30
  ).toFixed(0)} GiB RAM, Node ${process.version}`;
}
