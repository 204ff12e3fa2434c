import { InputError } from '@backstage/errors';
import { parseRefParam } from './refParam';

describe('parseRefParam', () => {
  it('normalises a ref as the catalog spells it (default namespace, lower case)', () => {
    expect(parseRefParam(' Component:Orders-Service ')).toBe(
      'component:default/orders-service',
    );
    expect(parseRefParam('component:team-a/orders')).toBe(
      'component:team-a/orders',
    );
  });

  it('reads a bare name as the default kind when one is given', () => {
    expect(parseRefParam('Payments', 'domain', 'domain')).toBe(
      'domain:default/payments',
    );
    expect(parseRefParam('group:payments-team', 'team', 'domain')).toBe(
      'group:default/payments-team',
    );
  });

  it('answers a missing or malformed ref with an InputError naming the parameter', () => {
    expect(() => parseRefParam(undefined, 'failing')).toThrow(
      new InputError(
        'failing must be an entity reference, e.g. component:default/orders-service',
      ),
    );
    expect(() => parseRefParam('  ', 'team', 'group')).toThrow(
      /^team must be a group reference, e.g. group:default\/payments$/,
    );
    expect(() => parseRefParam('orders-service')).toThrow(InputError);
    expect(() => parseRefParam('orders-service')).toThrow(
      /^entityRef "orders-service" is not an entity reference \(kind:namespace\/name\): /,
    );
    expect(() => parseRefParam(['a', 'b'], 'affected')).toThrow(
      /^affected must be an entity reference/,
    );
  });
});
