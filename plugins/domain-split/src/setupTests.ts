import '@testing-library/jest-dom';

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
