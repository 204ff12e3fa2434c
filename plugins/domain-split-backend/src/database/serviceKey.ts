import { ciServiceKey } from '@internal/plugin-domain-split-common';

/**
 * The lower-case key CI service names are stored, grouped and matched by: the analysis' own
 * {@link ciServiceKey}, so the store and the release flags agree on what is one service.
 * @internal
 */
export const serviceKeyOf: (service: string) => string = ciServiceKey;
