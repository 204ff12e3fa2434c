/*
 * When was the backend reading its own catalog? The built backend logs every request at info
 * level (JSON lines with a timestamp, NODE_ENV=production); Domain Split's CatalogReader reads
 * the catalog over HTTP with the catalog client (user agent `node-fetch`), one
 * `/api/catalog/entities/by-query` page after the other, the first page carrying the `filter`.
 * Each such run of pages is one catalog read (a start-up read or a stale-while-revalidate
 * refresh). Benchmark requests carry another user agent.
 */
import fs from 'node:fs';

/** One catalog read by the backend itself, epoch ms. */
export interface CatalogReadWindow {
  start: number;
  end: number;
  pages: number;
}

const PAGE_GAP_FALLBACK_MS = 200;

interface LogPage {
  at: number;
  first: boolean;
}

/** Pages found so far per log file, and how far the file was read (logs only grow). */
const parsed = new Map<
  string,
  { offset: number; rest: string; pages: LogPage[] }
>();

function pagesOf(logFile: string): LogPage[] {
  let state = parsed.get(logFile);
  if (!state) {
    state = { offset: 0, rest: '', pages: [] };
    parsed.set(logFile, state);
  }
  const fd = fs.openSync(logFile, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    if (size < state.offset) {
      state.offset = 0;
      state.rest = '';
      state.pages = [];
    }
    const buffer = Buffer.alloc(size - state.offset);
    fs.readSync(fd, buffer, 0, buffer.length, state.offset);
    state.offset = size;
    const lines = (state.rest + buffer.toString('utf8')).split('\n');
    state.rest = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.includes('/api/catalog/entities/by-query')) continue;
      let entry: { url?: string; userAgent?: string; timestamp?: string };
      try {
        entry = JSON.parse(line);
      } catch {
        continue;
      }
      if (
        !entry.url?.startsWith('/api/catalog/entities/by-query') ||
        !entry.userAgent?.startsWith('node-fetch') ||
        !entry.timestamp
      ) {
        continue;
      }
      state.pages.push({
        at: Date.parse(entry.timestamp),
        first: /[?&]filter=/.test(entry.url),
      });
    }
  } finally {
    fs.closeSync(fd);
  }
  return state.pages;
}

export function catalogReadWindows(logFile: string): CatalogReadWindow[] {
  const pages = pagesOf(logFile);
  const reads: { finishes: number[] }[] = [];
  for (const page of pages) {
    if (page.first || reads.length === 0) reads.push({ finishes: [] });
    reads[reads.length - 1].finishes.push(page.at);
  }
  // A page's start is not logged: take the median gap between pages as one page's time.
  const gaps = reads.flatMap(r =>
    r.finishes.slice(1).map((t, i) => t - r.finishes[i]),
  );
  gaps.sort((a, b) => a - b);
  const pageMs = gaps.length ? gaps[gaps.length >> 1] : PAGE_GAP_FALLBACK_MS;
  return reads.map(r => ({
    start: r.finishes[0] - pageMs,
    end: r.finishes[r.finishes.length - 1],
    pages: r.finishes.length,
  }));
}

/** Does [startedAt, endedAt] overlap one of the windows? */
export function overlapsRead(
  windows: CatalogReadWindow[],
  sample: { startedAt: number; endedAt: number },
): boolean {
  return windows.some(
    w => sample.startedAt <= w.end && sample.endedAt >= w.start,
  );
}
