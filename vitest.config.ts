import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'shared/**/*.test.ts',
      'electron/**/*.test.ts',
      'renderer/src/**/*.test.ts',
      'tests/unit/**/*.test.ts',
      'tests/conformance/**/*.test.ts',
      'tests/hostile/**/*.test.ts',
      'tests/interop/**/*.test.ts',
    ],
    environment: 'node',
    // Limits for a hang, not for slowness: tests wait on states (their own waits give up after
    // 30 s with a message naming the state), and a busy CI machine must not fail them.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
