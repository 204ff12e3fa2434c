import { foldCase, normaliseRef } from './refs';

describe('foldCase', () => {
  it("lower-cases as toLocaleLowerCase('en-US') does, beyond ASCII too", () => {
    const texts = [
      'Orders-Service',
      'COMPONENT:Default/Payments',
      'İstanbul', // dotted capital I: Turkish would give a plain i
      'ΟΔΟΣ', // final sigma
      'STRASSE ẞ',
      'ǄǅǆĲ',
      'ＡＢＣ', // full-width
      'Ωmega Ǻngström',
      '',
    ];
    for (const text of texts) {
      expect(foldCase(text)).toBe(text.toLocaleLowerCase('en-US'));
    }
  });
});

describe('normaliseRef', () => {
  it('gives the full, lower-case ref, with the defaults filled in', () => {
    expect(normaliseRef(' Orders-Service ', 'component')).toBe(
      'component:default/orders-service',
    );
    expect(normaliseRef('Group:Team-A', undefined, 'Platform')).toBe(
      'group:platform/team-a',
    );
    expect(normaliseRef('API:Shop/İndex-Api')).toBe('api:shop/i̇ndex-api');
  });

  it('is undefined for what is not a reference', () => {
    expect(normaliseRef('', 'component')).toBeUndefined();
    expect(normaliseRef(42, 'component')).toBeUndefined();
    expect(normaliseRef('orders-service')).toBeUndefined(); // no kind
  });
});
