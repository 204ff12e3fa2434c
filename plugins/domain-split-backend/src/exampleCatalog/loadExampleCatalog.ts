/*
 * Loads the example catalog (catalog-info/ at the repository root) the way the catalog's
 * file locations do: start at `all.yaml`, follow every `kind: Location`'s `spec.target` /
 * `spec.targets` (relative to the file that declares them), parse each file as multi-document
 * YAML. For tests only: it reads the repository checkout and uses `yaml`, a devDependency, so
 * production code must not import it.
 */
import { Entity } from '@backstage/catalog-model';
import fs from 'fs';
import path from 'path';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
// eslint-disable-next-line @backstage/no-undeclared-imports -- test helper; yaml is a devDependency on purpose
import { parseAllDocuments } from 'yaml';

/** The example catalog's root location file, as app-config.yaml names it. */
export const EXAMPLE_CATALOG_FILE = resolvePackagePath(
  '@internal/plugin-domain-split-backend',
  '../../catalog-info/all.yaml',
);

/** One entity together with the file it was read from (for error messages). */
export interface LoadedEntity {
  entity: Entity;
  file: string;
}

/**
 * Every entity of the catalog rooted at `locationFile` (Locations included), with its file,
 * in file order. Throws when a file is missing, a YAML document does not parse, a document is
 * not an object, or a Location points at anything but a relative or absolute file path.
 */
export function loadCatalogFiles(
  locationFile: string = EXAMPLE_CATALOG_FILE,
): LoadedEntity[] {
  const loaded: LoadedEntity[] = [];
  const visited = new Set<string>();

  const readFile = (file: string) => {
    const absolute = path.resolve(file);
    if (visited.has(absolute)) return; // a Location cycle or a file listed twice
    visited.add(absolute);
    const text = fs.readFileSync(absolute, 'utf8');
    const documents = parseAllDocuments(text, { prettyErrors: true });
    if (!Array.isArray(documents)) {
      // An empty stream parses to a bare EmptyStream marker.
      return;
    }
    for (const document of documents) {
      if (document.errors.length > 0) {
        throw new Error(
          `${absolute}: invalid YAML: ${document.errors
            .map(e => e.message)
            .join('; ')}`,
        );
      }
      const value = document.toJSON();
      if (value === null || value === undefined) continue; // empty document (e.g. trailing ---)
      if (typeof value !== 'object' || Array.isArray(value)) {
        throw new Error(
          `${absolute}: every YAML document must be an entity object`,
        );
      }
      const entity = value as Entity;
      loaded.push({ entity, file: absolute });
      if (entity.kind === 'Location') {
        for (const target of locationTargets(entity, absolute)) {
          readFile(target);
        }
      }
    }
  };

  readFile(locationFile);
  return loaded;
}

/** The entities of the example catalog (catalog-info/all.yaml and everything it lists). */
export function loadExampleCatalog(): Entity[] {
  return loadCatalogFiles(EXAMPLE_CATALOG_FILE).map(({ entity }) => entity);
}

function locationTargets(location: Entity, file: string): string[] {
  const spec = (location.spec ?? {}) as {
    type?: unknown;
    target?: unknown;
    targets?: unknown;
  };
  if (spec.type !== undefined && spec.type !== 'file') {
    throw new Error(
      `${file}: Location ${location.metadata?.name} has type ${String(
        spec.type,
      )}; only file locations can be loaded`,
    );
  }
  const targets: unknown[] = [];
  if (spec.target !== undefined) targets.push(spec.target);
  if (spec.targets !== undefined) {
    if (!Array.isArray(spec.targets)) {
      throw new Error(`${file}: Location spec.targets must be a list`);
    }
    targets.push(...spec.targets);
  }
  return targets.map(target => {
    if (typeof target !== 'string' || target.trim() === '') {
      throw new Error(
        `${file}: Location target ${JSON.stringify(target)} is not a path`,
      );
    }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) {
      throw new Error(
        `${file}: Location target ${target} is a URL; only file paths can be loaded`,
      );
    }
    return path.resolve(path.dirname(file), target);
  });
}
