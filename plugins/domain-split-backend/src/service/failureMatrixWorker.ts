/*
 * The failure matrix computed on a worker thread. At 10,000 services a matrix is seconds of
 * computation that, on the serving thread, shares the event loop with every request; the worker
 * builds its own catalog graph from the entities and sends the matrix back in row groups, each
 * received as its own turn of the serving loop (one piece of the whole would hold it for a
 * quarter of a second; benchmarks/README.md). This file is both sides: loaded as a worker it
 * answers requests (see the end of the file).
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import {
  buildCatalogGraph,
  CatalogGraph,
  computeFailureMatrix,
  FailureMatrixResponse,
  ImpactPathOptions,
  MatrixRow,
  Steps,
} from '@internal/plugin-domain-split-common';
import {
  isMainThread,
  parentPort,
  ResourceLimits,
  Worker,
  workerData,
} from 'node:worker_threads';
import { runInSlices } from './runInSlices';

/** Marks the worker's `workerData`, so that loading this file elsewhere does nothing. */
const WORKER_KIND = 'domain-split-failure-matrix';
/** Entities sent to the worker per message (each message is serialised in one piece). */
const ENTITIES_PER_MESSAGE = 500;
/** Cells per message of rows sent back (received in one piece each). */
const CELLS_PER_MESSAGE = 2000;

type ToWorker =
  | { type: 'entities'; generation: number; entities: Entity[]; last: boolean }
  | {
      type: 'matrix';
      id: number;
      generation: number;
      level: 'domain' | 'service';
      options: ImpactPathOptions;
    };

type FromWorker =
  | { type: 'rows'; id: number; rows: MatrixRow[] }
  | { type: 'matrix'; id: number; matrix: Omit<FailureMatrixResponse, 'rows'> }
  | { type: 'error'; id: number; message: string };

interface PendingMatrix {
  rows: MatrixRow[];
  resolve(matrix: FailureMatrixResponse): void;
  reject(error: Error): void;
}

/**
 * Computes failure matrices on one worker thread, started on first use, one matrix at a time.
 * The entities of a catalog generation are sent once (in pieces, between which the serving loop
 * answers requests) and the worker keeps that generation's graph for the next matrix asked of
 * it. A matrix the worker cannot compute is rejected. If the worker stops while it runs (out of
 * memory on one matrix, say), the matrices under way are rejected and the next one starts a new
 * worker; if it could not start, that is logged and {@link FailureMatrixWorker.available} is
 * false from then on: the caller computes on its own thread.
 * @internal
 */
export class FailureMatrixWorker {
  readonly #logger: LoggerService;
  readonly #execArgv?: string[];
  readonly #resourceLimits?: ResourceLimits;
  #worker?: Worker;
  /** No worker will be started: it could not start, or it was closed (see `#stopReason`). */
  #broken = false;
  #stopReason = 'The failure matrix worker could not start';
  /** The generation whose entities the worker has (or is being sent). */
  #sent?: { generation: number; done: Promise<void> };
  readonly #pending = new Map<number, PendingMatrix>();
  #nextId = 1;
  /** The matrix under way, if any: the next one starts after it. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: {
    logger: LoggerService;
    /** Node options of the worker (default: the process's own, e.g. a TypeScript loader). */
    execArgv?: string[];
    /** The worker's heap limits (default: Node's). */
    resourceLimits?: ResourceLimits;
  }) {
    this.#logger = options.logger;
    this.#execArgv = options.execArgv;
    this.#resourceLimits = options.resourceLimits;
    // Run from source without a TypeScript loader (the unit tests), a worker could not load
    // this file; under `backstage-cli package start` the worker inherits the loader's options.
    this.#broken =
      !options.execArgv &&
      __filename.endsWith('.ts') &&
      !require.extensions?.['.ts'];
  }

  /** False once a worker could not start (or after close): compute elsewhere. */
  get available(): boolean {
    return !this.#broken;
  }

  /**
   * The matrix of the catalog `entities` of `generation`, computed on the worker. With
   * `background`, the entities are sent in background slices (see `runInSlices`).
   */
  compute(
    generation: number,
    entities: Entity[],
    level: 'domain' | 'service',
    options: ImpactPathOptions,
    slicing: { background?: boolean } = {},
  ): Promise<FailureMatrixResponse> {
    const job = this.#queue.then(() =>
      this.#computeNow(generation, entities, level, options, slicing),
    );
    this.#queue = job.catch(() => {});
    return job;
  }

  /** Stops the worker; matrices under way are rejected. */
  async close(): Promise<void> {
    const worker = this.#worker;
    this.#broken = true;
    this.#stopReason = 'The failure matrix worker was stopped';
    this.#stopped(new Error(this.#stopReason));
    await worker?.terminate();
  }

  async #computeNow(
    generation: number,
    entities: Entity[],
    level: 'domain' | 'service',
    options: ImpactPathOptions,
    slicing: { background?: boolean },
  ): Promise<FailureMatrixResponse> {
    const worker = this.#started();
    const id = this.#nextId++;
    const matrix = new Promise<FailureMatrixResponse>((resolve, reject) => {
      this.#pending.set(id, { rows: [], resolve, reject });
    });
    // Rejected while the entities are still being sent (the worker failed): handled below.
    matrix.catch(() => {});
    try {
      await this.#send(worker, generation, entities, slicing);
    } catch (error) {
      this.#pending.delete(id);
      throw error;
    }
    const request: ToWorker = {
      type: 'matrix',
      id,
      generation,
      level,
      options,
    };
    worker.postMessage(request);
    return await matrix;
  }

  #started(): Worker {
    if (this.#broken) throw new Error(this.#stopReason);
    if (this.#worker) return this.#worker;
    let worker: Worker;
    try {
      worker = new Worker(__filename, {
        workerData: { kind: WORKER_KIND },
        ...(this.#execArgv ? { execArgv: this.#execArgv } : {}),
        ...(this.#resourceLimits
          ? { resourceLimits: this.#resourceLimits }
          : {}),
      });
    } catch (error) {
      this.#broken = true;
      this.#logger.warn(
        `Failure matrices are computed on the event loop: no worker thread (${error})`,
      );
      throw error;
    }
    // A worker computing nothing must not keep the backend's process alive.
    worker.unref();
    let online = false;
    worker.once('online', () => {
      online = true;
      this.#logger.info('Failure matrices are computed on a worker thread');
    });
    worker.on('message', (message: FromWorker) => this.#received(message));
    const failed = (error: Error) => {
      if (this.#worker !== worker) return;
      if (online) {
        // It ran out of memory, say, on one matrix: that one fails, the next starts a worker.
        this.#logger.warn(
          `The failure matrix worker stopped (${error}); the next matrix starts a new one`,
        );
      } else {
        this.#broken = true;
        this.#logger.warn(
          `Failure matrices are computed on the event loop from now on: ${error}`,
        );
      }
      this.#stopped(error);
    };
    worker.on('error', failed);
    worker.on('exit', code =>
      failed(new Error(`the failure matrix worker exited with code ${code}`)),
    );
    this.#worker = worker;
    return worker;
  }

  /** Sends a generation's entities unless the worker has them, in pieces between slices. */
  #send(
    worker: Worker,
    generation: number,
    entities: Entity[],
    slicing: { background?: boolean },
  ) {
    if (this.#sent?.generation !== generation) {
      this.#sent = {
        generation,
        done: runInSlices(
          entityMessageSteps(generation, entities, message =>
            worker.postMessage(message),
          ),
          slicing,
        ),
      };
    }
    return this.#sent.done;
  }

  #received(message: FromWorker) {
    const pending = this.#pending.get(message.id);
    if (!pending) return;
    if (message.type === 'rows') {
      for (const row of message.rows) pending.rows.push(row);
      return;
    }
    this.#pending.delete(message.id);
    if (message.type === 'error') {
      pending.reject(new Error(message.message));
    } else {
      pending.resolve({ ...message.matrix, rows: pending.rows });
    }
  }

  #stopped(error: Error) {
    this.#worker = undefined;
    this.#sent = undefined;
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
  }
}

/** Posts the entities in messages of {@link ENTITIES_PER_MESSAGE}, one step each. */
function* entityMessageSteps(
  generation: number,
  entities: Entity[],
  post: (message: ToWorker) => void,
): Steps<void> {
  for (
    let at = 0;
    at === 0 || at < entities.length;
    at += ENTITIES_PER_MESSAGE
  ) {
    const last = at + ENTITIES_PER_MESSAGE >= entities.length;
    post({
      type: 'entities',
      generation,
      entities: entities.slice(at, at + ENTITIES_PER_MESSAGE),
      last,
    });
    if (!last) yield;
  }
}

/** Rows in groups of about {@link CELLS_PER_MESSAGE} cells (at least one row each). */
export function rowGroups(rows: MatrixRow[]): MatrixRow[][] {
  const groups: MatrixRow[][] = [];
  let group: MatrixRow[] = [];
  let cells = 0;
  for (const row of rows) {
    group.push(row);
    cells += row.cells.length + 1;
    if (cells >= CELLS_PER_MESSAGE) {
      groups.push(group);
      group = [];
      cells = 0;
    }
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

/** The worker's side: entities in, a graph per generation, matrices out. */
function serveMatrices(port: NonNullable<typeof parentPort>) {
  let receiving: { generation: number; entities: Entity[] } | undefined;
  let current: { generation: number; graph: CatalogGraph } | undefined;
  port.on('message', (message: ToWorker) => {
    if (message.type === 'entities') {
      if (receiving?.generation !== message.generation) {
        receiving = { generation: message.generation, entities: [] };
      }
      for (const entity of message.entities) receiving.entities.push(entity);
      if (message.last) {
        current = {
          generation: receiving.generation,
          graph: buildCatalogGraph(receiving.entities),
        };
        receiving = undefined;
      }
      return;
    }
    const send = (reply: FromWorker) => port.postMessage(reply);
    try {
      if (current?.generation !== message.generation) {
        throw new Error(
          `No catalog generation ${message.generation} on the failure matrix worker`,
        );
      }
      const { rows, ...rest } = computeFailureMatrix(
        current.graph,
        message.level,
        message.options,
      );
      for (const group of rowGroups(rows)) {
        send({ type: 'rows', id: message.id, rows: group });
      }
      send({ type: 'matrix', id: message.id, matrix: rest });
    } catch (error) {
      send({ type: 'error', id: message.id, message: String(error) });
    }
  });
}

if (!isMainThread && parentPort && workerData?.kind === WORKER_KIND) {
  serveMatrices(parentPort);
}
