export {};
export * from './versions';
export * from './releases';
