import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// jsdom has no ResizeObserver; recharts' ResponsiveContainer observes its box with one. In
// tests the box never resizes, so an observer that never calls back is faithful.
class NoResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
if (typeof globalThis.ResizeObserver === 'undefined') {
  (globalThis as { ResizeObserver?: unknown }).ResizeObserver =
    NoResizeObserver;
}

// CI runs several test files at once on 2 cores, where rendering a whole tab or app page can
// take several seconds: give queries and tests room, so that slowness is not a failure.
configure({ asyncUtilTimeout: 5000 });
jest.setTimeout(30_000);
