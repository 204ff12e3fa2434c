/**
 * Where the fingerprint of the last settled catalog read is kept, so that after a restart a
 * first read of the same catalog is settled at once (see the CatalogReader).
 * @internal
 */
export interface SettledCatalogStore {
  getSettledCatalogFingerprint(): Promise<string | undefined>;
  saveSettledCatalogFingerprint(fingerprint: string): Promise<void>;
}
