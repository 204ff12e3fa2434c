/**
 * The Domain Split backend plugin: CI webhooks (generic v1 events and GitHub), release
 * versions per service and environment, and the read API of the analysis.
 *
 * @packageDocumentation
 */

export { domainSplitPlugin as default } from './plugin';
