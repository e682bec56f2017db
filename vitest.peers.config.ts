import { defineConfig } from 'vitest/config';

// Real peers (Debian's snmpd, FRRouting, OpenSSH …), started by the tests themselves: `npm run test:peers`.
// They need the packages installed (.ci/run does that) and fail, not skip, without them.
export default defineConfig({
  test: {
    include: ['test/peers/**/*.test.ts'],
    // The end-to-end peer tests run the real bin/switchback launcher: build dist/ once.
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 1,
  },
});
