import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Lab tests open real sockets on 127.0.0.1; give slow CI machines room, never assert on time.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: lab tests are I/O bound, unit tests are quick.
    pool: 'forks',
    maxWorkers: 2,
  },
});
