import {
  compareVersions,
  isDowngrade,
  parseVersion,
  sameVersion,
  versionKey,
} from './versions';

describe('parseVersion', () => {
  it('parses dotted numbers with an optional v, prerelease and build metadata', () => {
    expect(parseVersion('3.2.1')).toEqual({
      release: [3, 2, 1],
      prerelease: [],
    });
    expect(parseVersion('v1.9.4')).toEqual({
      release: [1, 9, 4],
      prerelease: [],
    });
    expect(parseVersion('1.10.0-rc.1+build.7')).toEqual({
      release: [1, 10, 0],
      prerelease: ['rc', '1'],
    });
    expect(parseVersion('2024.05')).toEqual({
      release: [2024, 5],
      prerelease: [],
    });
  });

  it('rejects what is not a version', () => {
    expect(parseVersion('latest')).toBeUndefined();
    expect(parseVersion('a1b2c3d')).toBeUndefined();
    expect(parseVersion('1..2')).toBeUndefined();
    expect(parseVersion('')).toBeUndefined();
  });
});

describe('compareVersions', () => {
  it.each([
    ['1.9.4', '1.9.5', -1],
    ['1.10.0', '1.9.9', 1],
    ['v3.2.1', '3.2.1', 0],
    ['1.2', '1.2.0', 0],
    ['2.0.0', '10.0.0', -1],
    ['1.0.0-rc.1', '1.0.0', -1],
    ['1.0.0', '1.0.0-rc.1', 1],
    ['1.0.0-alpha', '1.0.0-alpha.1', -1],
    ['1.0.0-alpha.1', '1.0.0-alpha.beta', -1],
    ['1.0.0-beta.2', '1.0.0-beta.11', -1],
    ['1.0.0-rc.1', '1.0.0-beta.11', 1],
    ['1.0.0+build.1', '1.0.0+build.2', 0],
  ])('compares %s with %s as %i', (a, b, expected) => {
    expect(compareVersions(a, b)).toBe(expected);
    expect(compareVersions(b, a)).toBe(-expected || 0);
  });

  it('is undefined when either side is not a version', () => {
    expect(compareVersions('1.0.0', 'deadbeef')).toBeUndefined();
    expect(compareVersions('latest', '1.0.0')).toBeUndefined();
  });
});

describe('isDowngrade', () => {
  it('is true only for a comparable lower version', () => {
    expect(isDowngrade('1.9.5', '1.9.4')).toBe(true);
    expect(isDowngrade('1.9.4', '1.9.5')).toBe(false);
    expect(isDowngrade('1.9.4', '1.9.4')).toBe(false);
    expect(isDowngrade('abc1234', 'abc1233')).toBe(false);
  });
});

describe('sameVersion and versionKey', () => {
  const versions = [
    '3.2.1',
    'v3.2.1',
    'V3.2.1+build.9',
    ' 3.2.1',
    '3.2.1.0',
    '3.2',
    '3.2.0',
    '03.02',
    '3.2.1-rc.1',
    '3.2.1-rc.01',
    '3.2.1-rc',
    '3.2.1-rc.1.0',
    '0',
    '0.0',
    'abc1234',
    'latest',
    'Latest',
  ];

  it('says the same as compareVersions, and keys the same versions alike', () => {
    for (const a of versions) {
      for (const b of versions) {
        const same = a === b || compareVersions(a, b) === 0;
        expect([a, b, sameVersion(a, b)]).toEqual([a, b, same]);
        expect([a, b, versionKey(a) === versionKey(b)]).toEqual([a, b, same]);
      }
    }
  });

  it('treats what is not a version as a plain string', () => {
    expect(sameVersion('v3.2.1', '3.2.1')).toBe(true);
    expect(sameVersion('abc1234', 'abc1234')).toBe(true);
    expect(sameVersion('latest', 'Latest')).toBe(false);
  });
});
