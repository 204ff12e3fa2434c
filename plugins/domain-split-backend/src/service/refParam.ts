import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

/**
 * An entity ref given by a caller (a query parameter, an action's input), normalised as
 * common's `normaliseRef` does, or an InputError naming the parameter and the parser's reason.
 * With `defaultKind`, `payments` means `<defaultKind>:default/payments`.
 */
export function parseRefParam(
  value: unknown,
  name = 'entityRef',
  defaultKind?: string,
): string {
  if (typeof value !== 'string' || value.trim() === '') {
    const example = defaultKind
      ? `${defaultKind}:default/payments`
      : 'component:default/orders-service';
    throw new InputError(
      `${name} must be ${
        defaultKind ? `a ${defaultKind}` : 'an entity'
      } reference, e.g. ${example}`,
    );
  }
  try {
    return stringifyEntityRef(
      parseEntityRef(value.trim(), {
        defaultKind,
        defaultNamespace: 'default',
      }),
    );
  } catch (error) {
    throw new InputError(
      `${name} "${value}" is not an entity reference (kind:namespace/name): ${
        (error as Error).message
      }`,
    );
  }
}
