// Line-merge typing in an `exit-closed` syntax, on the dell-os6 platform data against the lab's OS6
// command line (no SSH: the engine's `type` feeds each line to the CLI session): a line that opens
// a block with nothing typed under it (the VLAN list `vlan 10,20,99,666`) is left with `exit`, so
// the next global line does not land in its mode; the plan of the real unsaved VLAN 666 typed
// back leaves the switch running the target.

import { describe, expect, it } from 'vitest';
import { planPush, compareWithTarget } from '../../src/config/push-plan.js';
import type { DeviceShell } from '../../src/jobs/capture.js';
import { typeChanges } from '../../src/jobs/strategies/line-merge.js';
import type { PushReport } from '../../src/jobs/strategies/types.js';
import type { SwitchState } from '../../src/lab/model.js';
import type { CliHost } from '../../src/lab/personality.js';
import { openOs6Cli } from '../../src/lab/personalities/dell-os6/cli.js';
import { dellOs6Personality } from '../../src/lab/personalities/dell-os6/index.js';
import { dellOs6 } from '../../src/platforms/dell-os6/index.js';

const configure = dellOs6.restore[0]!.kind === 'line-merge' ? dellOs6.restore[0]!.configure : undefined!;

function labShell(): { shell: DeviceShell; state: SwitchState; typed: string[] } {
  const state = dellOs6Personality.initialState({ name: 'n1', hostname: 'n1', index: 5, members: [{ number: 1, priority: 15, model: 'N4032' }] }, Date.now());
  const host: CliHost = { state, now: () => Date.now(), save: () => undefined, touchRunning: () => undefined };
  const cli = openOs6Cli(host, 'admin', 15, '');
  const typed: string[] = [];
  const engine = {
    info: { hostname: 'n1', prompt: 'n1#' },
    run: () => Promise.reject(new Error('not used')),
    type: (lines: string[]) => {
      let output = '';
      for (const l of lines) {
        typed.push(l);
        output += cli.input(l).output;
      }
      const error = output.split('\n').find((l) => configure.errors.some((re) => re.test(l)));
      return Promise.resolve({ output, prompt: cli.prompt(), ...(error !== undefined ? { error } : {}) });
    },
  };
  return {
    shell: {
      engine,
      hostKey: {} as DeviceShell['hostKey'],
      exec: () => Promise.reject(new Error('not used')),
      options: {},
      deadline: Infinity,
    } as unknown as DeviceShell,
    state,
    typed,
  };
}

describe('line merge into exit-closed blocks (dell-os6 on the lab CLI)', () => {
  it('leaves a block it entered with nothing under it, and the target then runs', async () => {
    const { shell, state, typed } = labShell();
    const running = dellOs6Personality.showRunning(state, Date.now());
    const target = running
      .replace('vlan 10,20,99\n', 'vlan 10,20,99,666\n')
      .replace('hostname "n1"\n', 'hostname "n1"\nip domain-name "lab.example"\n')
      .replace(/(vlan 99\nname "Management"\nexit\n)/, '$1vlan 666\nname "TEST"\nexit\n')
      .replace(/^ip domain-name "example\.net"\n/m, '');
    const plan = planPush(dellOs6.syntax, configure, running, target);
    const push: PushReport = { typed: 0, of: plan.items.length, rejected: [], skipped: [] };
    await typeChanges(shell, dellOs6, configure, plan.items, push);
    expect(push.rejected).toEqual([]);
    // The VLAN list opens a block: `exit` follows it before the next global line.
    const at = typed.indexOf('vlan 10,20,99,666');
    expect(at).toBeGreaterThan(0);
    expect(typed[at + 1]).toBe('exit');
    expect(typed[0]).toBe('configure');
    expect(typed.at(-1)).toBe('end');
    const after = dellOs6Personality.showRunning(state, Date.now());
    expect(compareWithTarget(dellOs6.syntax, configure, after, target)).toMatchObject({ same: true, missing: [], leftOver: [] });
  });
});
