/*
 * Version comparison for release versions reported by CI.
 *
 * CI systems report versions as `3.2.1`, `v3.2.1`, `1.10.0-rc.1`, `2024.05.1` or as something
 * that is not a version at all (a commit SHA, `latest`). Only versions that parse as dotted
 * numbers (semver-like) are compared; everything else is "not comparable", so that a commit SHA
 * never looks like a downgrade.
 */

/**
 * A parsed, dotted-numeric version: `v1.9.4-rc.1+build.5` → release [1, 9, 4], prerelease
 * ['rc', '1'] (build metadata is ignored, as in SemVer).
 * @public
 */
export interface ParsedVersion {
  release: number[];
  prerelease: string[];
}

const VERSION_PATTERN =
  /^[vV]?(\d+(?:\.\d+)*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z.-]+)?$/;

/**
 * Parses a version string; undefined when it is not a dotted-numeric version.
 * @public
 */
export function parseVersion(version: string): ParsedVersion | undefined {
  const match = VERSION_PATTERN.exec(version.trim());
  if (!match) {
    return undefined;
  }
  return {
    release: match[1].split('.').map(part => Number(part)),
    prerelease: match[2] ? match[2].split('.') : [],
  };
}

function compareIdentifiers(a: string, b: string): number {
  const aNumeric = /^\d+$/.test(a);
  const bNumeric = /^\d+$/.test(b);
  if (aNumeric && bNumeric) {
    return Math.sign(Number(a) - Number(b));
  }
  if (aNumeric !== bNumeric) {
    // SemVer: numeric identifiers have lower precedence than alphanumeric ones.
    return aNumeric ? -1 : 1;
  }
  if (a === b) {
    return 0;
  }
  return a < b ? -1 : 1;
}

/**
 * Compares two versions: negative when `a` is lower, positive when higher, 0 when equal, and
 * undefined when either is not a dotted-numeric version. Missing release parts count as 0
 * (`1.2` equals `1.2.0`); a prerelease is lower than its release (`1.0.0-rc.1` < `1.0.0`).
 * @public
 */
export function compareVersions(a: string, b: string): number | undefined {
  const left = parseVersion(a);
  const right = parseVersion(b);
  if (!left || !right) {
    return undefined;
  }
  const length = Math.max(left.release.length, right.release.length);
  for (let i = 0; i < length; i++) {
    const diff = (left.release[i] ?? 0) - (right.release[i] ?? 0);
    if (diff !== 0) {
      return Math.sign(diff);
    }
  }
  if (left.prerelease.length === 0 || right.prerelease.length === 0) {
    // A release is higher than any of its prereleases.
    return Math.sign(right.prerelease.length - left.prerelease.length);
  }
  const preLength = Math.max(left.prerelease.length, right.prerelease.length);
  for (let i = 0; i < preLength; i++) {
    if (left.prerelease[i] === undefined) {
      return -1;
    }
    if (right.prerelease[i] === undefined) {
      return 1;
    }
    const diff = compareIdentifiers(left.prerelease[i], right.prerelease[i]);
    if (diff !== 0) {
      return diff;
    }
  }
  return 0;
}

/**
 * True when `next` replacing `previous` is a downgrade: both are comparable versions and `next`
 * is lower. Non-comparable versions are never a downgrade.
 * @public
 */
export function isDowngrade(previous: string, next: string): boolean {
  const comparison = compareVersions(next, previous);
  return comparison !== undefined && comparison < 0;
}

/**
 * True when two versions are the same release: equal strings, or equal as versions (`v3.2.1` =
 * `3.2.1`, `1.2` = `1.2.0`).
 * @public
 */
export function sameVersion(a: string, b: string): boolean {
  return versionKey(a) === versionKey(b);
}

/**
 * A key two versions share exactly when {@link sameVersion} says they are the same, so runs
 * can be indexed by version: `v1.2.0-rc.01` → `1.2-rc.1`; a string that is not a
 * dotted-numeric version keys as itself.
 * @public
 */
export function versionKey(version: string): string {
  const parsed = parseVersion(version);
  if (!parsed) {
    return `=${version}`;
  }
  const release = parsed.release.map(String);
  // Missing release parts count as 0, so trailing zeros do not tell versions apart.
  while (release.length > 0 && release[release.length - 1] === '0') {
    release.pop();
  }
  const prerelease = parsed.prerelease.map(id =>
    /^\d+$/.test(id) ? String(Number(id)) : id,
  );
  return `v${release.join('.')}${
    prerelease.length > 0 ? `-${prerelease.join('.')}` : ''
  }`;
}
