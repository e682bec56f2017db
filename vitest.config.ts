import { configDefaults, defineConfig } from 'vitest/config';

// This sandbox (and some corporate machines) export NODE_EXTRA_CA_CERTS: every Node process
// then reads and parses the whole CA bundle at start, about 40 ms of CPU, before it runs a
// line. Nothing in the tests speaks TLS, and the suite starts some 500 processes (the CLI,
// vitest's workers): they inherit the environment without it.
delete process.env.NODE_EXTRA_CA_CERTS;

/**
 * Unit test files that change what the whole process shares (vi.mock, process.env.HOME, the
 * working directory, a spy on a prototype): they keep a fresh process each. Every other unit
 * file is pure and runs in a worker it shares with the others, so the sources they import are
 * loaded once per worker instead of once per file (a third of the unit tests' CPU).
 */
const UNIT_ALONE = [
  'test/unit/cli-engine-capture.test.ts',
  'test/unit/diff-history.test.ts',
  'test/unit/inventory.test.ts',
  'test/unit/lab-mib-lookup.test.ts',
  'test/unit/review-commit-confirmed.test.ts',
  'test/unit/store.test.ts',
  'test/unit/watch-review-recover.test.ts',
  'test/unit/watch-review-restart.test.ts',
  'test/unit/watch-review-state-writes.test.ts',
  'test/unit/watch-review-alert-retry.test.ts',
  'test/unit/watch-review-stop-queued.test.ts',
  'test/unit/watch-follow-up.test.ts',
  'test/unit/watch-alert-unsent-restart.test.ts',
];

export default defineConfig({
  test: {
    // Lab tests open real sockets on 127.0.0.1 and spawn the CLI several times each. Every
    // wait inside a test is for an event; these limits are only the backstop for a test
    // that hangs, set for a 2-core machine at a load average of 15 (where a CLI run that
    // takes 1 s idle takes 10 s or more), never a measure of how fast anything should be.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'forks',
    // Four on two cores: a lab test spends most of its time waiting (its CLI run sleeps on the
    // lab's answers, a device's quiet time, git) — measured from /proc's schedstat of the CLI
    // runs of junos-incident, about 70% of a run was sleep, not CPU and not waiting for a core.
    // Two workers left the cores idle most of the time; four keep them busy.
    maxWorkers: 4,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...UNIT_ALONE],
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/**/*.test.ts'],
          // Real-peer tests (Debian's snmpd, …) run on their own: `npm run test:peers` (vitest.peers.config.ts).
          exclude: [...configDefaults.exclude, 'test/peers/**', 'test/unit/**'],
          globalSetup: ['test/global-setup.ts'],
        },
      },
      {
        extends: true,
        test: { name: 'unit-alone', include: UNIT_ALONE },
      },
    ],
  },
});
