import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Real-peer tests (Debian's snmpd, …) run on their own: `npm run test:peers` (vitest.peers.config.ts).
    exclude: [...configDefaults.exclude, 'test/peers/**'],
    globalSetup: ['test/global-setup.ts'],
    // Lab tests open real sockets on 127.0.0.1; give slow CI machines room, never assert on time.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: lab tests are I/O bound, unit tests are quick.
    pool: 'forks',
    maxWorkers: 2,
  },
});
