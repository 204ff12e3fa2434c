import { maxImpact, minImpact, parseImpactLevel } from './impact';

describe('parseImpactLevel', () => {
  it('reads the four levels, ignoring case and surrounding space', () => {
    expect(parseImpactLevel('none')).toBe('none');
    expect(parseImpactLevel(' Degraded ')).toBe('degraded');
    expect(parseImpactLevel('WAITS')).toBe('waits');
    expect(parseImpactLevel('blocked')).toBe('blocked');
  });

  it('rejects anything else', () => {
    expect(parseImpactLevel('wait')).toBeUndefined();
    expect(parseImpactLevel('')).toBeUndefined();
    expect(parseImpactLevel('blocked!')).toBeUndefined();
    expect(parseImpactLevel(undefined as unknown as string)).toBeUndefined();
  });
});

describe('maxImpact and minImpact', () => {
  it('order none < degraded < waits < blocked', () => {
    expect(maxImpact('degraded', 'waits', 'none')).toBe('waits');
    expect(maxImpact('blocked', 'none')).toBe('blocked');
    expect(minImpact('degraded', 'waits', 'blocked')).toBe('degraded');
    expect(minImpact('waits', 'none')).toBe('none');
  });

  it('return their neutral element when given nothing', () => {
    expect(maxImpact()).toBe('none');
    expect(minImpact()).toBe('blocked');
  });
});
