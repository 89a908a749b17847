import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    // Two cores: the crash and migration tests spawn child processes of their own.
    maxWorkers: 2,
    testTimeout: 60_000,
  },
});
