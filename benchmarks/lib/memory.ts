/* Resident memory of a process (Linux /proc): current RSS and its peak (VmHWM), in MiB. */
import fs from 'node:fs';

export function processMemory(pid: number): {
  rssMiB: number;
  peakMiB: number;
} {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (key: string) =>
    Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMiB: kib('VmRSS') / 1024, peakMiB: kib('VmHWM') / 1024 };
}
