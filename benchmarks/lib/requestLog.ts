/*
 * When was the backend reading its own catalog? The built backend logs every request at info
 * level (JSON lines with a timestamp, NODE_ENV=production); Domain Split's CatalogReader reads
 * the catalog over HTTP with the catalog client (user agent `node-fetch`): every kind at once,
 * each kind's `/api/catalog/entities/by-query` pages one after the other, its first page
 * carrying the `filter` (`kind=…`). A read asks each kind once, so a kind's first page that the
 * current read has already had begins the next read (a start-up read or a stale-while-revalidate
 * refresh; one at a time). A refresh lists refs and etags, a kind's pages at once by `offset`
 * (only the page at offset 0 begins a kind), then reads the changed entities with
 * `/api/catalog/entities/by-refs`, which ends it. Benchmark requests carry another
 * user agent.
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
  /** The kind of a read's first page of a kind; cursor pages have none. */
  firstOfKind?: string;
}

/** What the log says so far per log file, and how far the file was read (logs only grow). */
interface ParsedLog {
  offset: number;
  rest: string;
  pages: LogPage[];
  /** When a re-read's new catalog generation was served (epoch ms). */
  switches: number[];
}

const parsed = new Map<string, ParsedLog>();

/** Nothing read yet (a new log file, or one that was replaced). */
function emptyLog(): ParsedLog {
  return { offset: 0, rest: '', pages: [], switches: [] };
}

/**
 * The backend logs "Catalog re-read for Domain Split: …, changed" once a changed catalog's new
 * generation is prepared and served (`CatalogReader`).
 */
const SWITCH_MESSAGE = 'Catalog re-read for Domain Split';

function parseLog(logFile: string): ParsedLog {
  let state = parsed.get(logFile);
  if (!state) {
    state = emptyLog();
    parsed.set(logFile, state);
  }
  const fd = fs.openSync(logFile, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    if (size < state.offset) Object.assign(state, emptyLog());
    const buffer = Buffer.alloc(size - state.offset);
    fs.readSync(fd, buffer, 0, buffer.length, state.offset);
    state.offset = size;
    const lines = (state.rest + buffer.toString('utf8')).split('\n');
    state.rest = lines.pop() ?? '';
    for (const line of lines) {
      if (line.includes(SWITCH_MESSAGE)) {
        try {
          const entry: { message?: string; timestamp?: string } =
            JSON.parse(line);
          if (entry.message?.endsWith(', changed') && entry.timestamp) {
            state.switches.push(Date.parse(entry.timestamp));
          }
        } catch {
          // not a JSON line
        }
        continue;
      }
      if (
        !line.includes('/api/catalog/entities/by-query') &&
        !line.includes('/api/catalog/entities/by-refs')
      ) {
        continue;
      }
      let entry: { url?: string; userAgent?: string; timestamp?: string };
      try {
        entry = JSON.parse(line);
      } catch {
        continue;
      }
      if (
        !(
          entry.url?.startsWith('/api/catalog/entities/by-query') ||
          entry.url?.startsWith('/api/catalog/entities/by-refs')
        ) ||
        !entry.userAgent?.startsWith('node-fetch') ||
        !entry.timestamp
      ) {
        continue;
      }
      const query = new URL(entry.url, 'http://backend').searchParams;
      const filter = query.get('filter');
      // A refresh's listing asks a kind's pages at once by offset, each with the filter.
      const laterPage = Number(query.get('offset') ?? 0) > 0;
      state.pages.push({
        at: Date.parse(entry.timestamp),
        firstOfKind: laterPage ? undefined : filter?.toLowerCase(),
      });
    }
  } finally {
    fs.closeSync(fd);
  }
  return state;
}

/** When the backend served each changed catalog generation after a re-read (epoch ms). */
export function generationSwitches(logFile: string): number[] {
  return parseLog(logFile).switches;
}

export function catalogReadWindows(logFile: string): CatalogReadWindow[] {
  const { pages } = parseLog(logFile);
  const reads: { finishes: number[]; kinds: Set<string> }[] = [];
  for (const page of pages) {
    const current = reads[reads.length - 1];
    if (
      !current ||
      (page.firstOfKind !== undefined && current.kinds.has(page.firstOfKind))
    ) {
      reads.push({ finishes: [], kinds: new Set() });
    }
    const read = reads[reads.length - 1];
    if (page.firstOfKind !== undefined) read.kinds.add(page.firstOfKind);
    read.finishes.push(page.at);
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
