/*
 * The REST contract and the TypeScript types must say the same thing. openapi.generated.ts is
 * generated from the backend's src/schema/openapi.yaml; every response type below is checked,
 * at compile time (`yarn tsc`), to be the very type the spec describes: a field added, removed,
 * renamed or made optional on one side only fails the type check here. After changing
 * openapi.yaml run `yarn workspace @internal/plugin-domain-split-backend openapi:generate`.
 */
import type * as Api from '../types';
import type { components } from './openapi.generated';

type Schemas = components['schemas'];

/**
 * The same type, deep: TypeScript's identity relation (not mere assignability, which would let
 * an extra optional field on one side pass).
 */
type Same<A, B> = (<G>() => G extends A ? 1 : 2) extends <G>() => G extends B
  ? 1
  : 2
  ? true
  : false;
type Assert<T extends true> = T;

/**
 * One entry per response type of the read API; a `false` here is a type error.
 * @internal
 */
export type ContractChecks = [
  Assert<Same<Schemas['ReleasesResponse'], Api.ReleasesResponse>>,
  Assert<Same<Schemas['ReleasesPageResponse'], Api.ReleasesPageResponse>>,
  Assert<Same<Schemas['ReleaseHistoryResponse'], Api.ReleaseHistoryResponse>>,
  Assert<Same<Schemas['UnmatchedEventsResponse'], Api.UnmatchedEventsResponse>>,
  Assert<Same<Schemas['OwnershipResponse'], Api.OwnershipResponse>>,
  Assert<Same<Schemas['OwnershipPageResponse'], Api.OwnershipPageResponse>>,
  Assert<
    Same<Schemas['FailureMatrixPageResponse'], Api.FailureMatrixPageResponse>
  >,
  Assert<Same<Schemas['BlastRadiusResponse'], Api.BlastRadiusResponse>>,
  Assert<
    Same<Schemas['BlastRadiusSummaryResponse'], Api.BlastRadiusSummaryResponse>
  >,
  Assert<Same<Schemas['BlastRadiusPageResponse'], Api.BlastRadiusPageResponse>>,
  Assert<Same<Schemas['ImpactPathResponse'], Api.ImpactPathResponse>>,
  Assert<
    Same<Schemas['MigrationOverviewResponse'], Api.MigrationOverviewResponse>
  >,
  Assert<
    Same<Schemas['MigrationHistoryResponse'], Api.MigrationHistoryResponse>
  >,
  Assert<Same<Schemas['DomainMigrationResponse'], Api.DomainMigrationResponse>>,
  Assert<Same<Schemas['RuleViolationsResponse'], Api.RuleViolationsResponse>>,
  Assert<
    Same<Schemas['RuleViolationsPageResponse'], Api.RuleViolationsPageResponse>
  >,
  Assert<Same<Schemas['CanIDeployResponse'], Api.CanIDeployResponse>>,
  Assert<Same<Schemas['RecordedVerdict'], Api.RecordedVerdict>>,
  Assert<Same<Schemas['ContextMapResponse'], Api.ContextMapResponse>>,
  Assert<Same<Schemas['ContextMapViewResponse'], Api.ContextMapViewResponse>>,
  Assert<
    Same<Schemas['ContextMapChoicesResponse'], Api.ContextMapChoicesResponse>
  >,
];
