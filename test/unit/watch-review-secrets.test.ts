// Review: a --trap-community given as a reference (env:NAME, file:PATH) is a secret like the
// inventory's: the exec hook does not inherit its variable, and a hook that echoes it has it
// masked in what switchback says about the hook.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { sendAlerts } from '../../src/cli/alerts.js';
import { snmpAcceptors } from '../../src/cli/watch-acceptors.js';

const VALUE = 'tr4p-c0mmunity-review';

afterEach(() => {
  delete process.env.SB_REVIEW_TRAP;
  vi.restoreAllMocks();
});

describe('--trap-community secrets (review)', () => {
  it('the exec hook neither inherits nor echoes the --trap-community value', async () => {
    process.env.SB_REVIEW_TRAP = VALUE;
    const acceptors = snmpAcceptors([], ['env:SB_REVIEW_TRAP']);
    expect(acceptors.communities).toEqual([VALUE]);
    const said: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      said.push(String(chunk));
      return true;
    });
    const out = await sendAlerts(
      // A hook that shows what it got in its environment (and fails, so that switchback says its stderr).
      { execHook: `printf 'env:%s\\n' "$SB_REVIEW_TRAP" >&2; printf '%s\\n' "${VALUE}" >&2; exit 1` },
      {
        command: 'watch',
        device: 'sw-1',
        events: [],
        checked: null,
        failure: { stage: 'answer', reason: 'sw-1 did not answer' },
        diagnosis: ['did not answer again'],
        startedAt: new Date().toISOString(),
        finishedAt: new Date().toISOString(),
      },
      { exitCode: 1, devices: [], store: null, quiet: true, secrets: acceptors.secrets },
    );
    const text = JSON.stringify(out) + said.join('');
    expect(out.alerts?.[0]?.outcome).toBe('failed');
    expect(out.alerts?.[0]?.stderrTail).toMatch(/env:\s/);
    expect(text).not.toContain(VALUE);
  });
});
