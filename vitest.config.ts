import { configDefaults, defineConfig } from 'vitest/config';

// This sandbox (and some corporate machines) export NODE_EXTRA_CA_CERTS: every Node process
// then reads and parses the whole CA bundle at start, about 40 ms of CPU, before it runs a
// line. Nothing in the tests speaks TLS, and the suite starts some 500 processes (the CLI,
// vitest's workers): they inherit the environment without it.
delete process.env.NODE_EXTRA_CA_CERTS;

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Real-peer tests (Debian's snmpd, …) run on their own: `npm run test:peers` (vitest.peers.config.ts).
    exclude: [...configDefaults.exclude, 'test/peers/**'],
    globalSetup: ['test/global-setup.ts'],
    // Lab tests open real sockets on 127.0.0.1 and spawn the CLI several times each. Every
    // wait inside a test is for an event; these limits are only the backstop for a test
    // that hangs, set for a 2-core machine at a load average of 15 (where a CLI run that
    // takes 1 s idle takes 10 s or more), never a measure of how fast anything should be.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    // Two cores: lab tests are I/O bound, unit tests are quick.
    pool: 'forks',
    maxWorkers: 2,
  },
});
