// A platform whose switches stack by one of several technologies (ArubaOS-Switch: backplane
// stacking on a 2930M, VSF on a 2930F): the stack reads are tried in order, a refused one
// falls through, the first that lists members wins, and its model judges the stack
// (`ready --feed`, check's standby rule) in its role words. A platform with one read is
// read as before and records no model.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DeviceShell } from '../../src/jobs/capture.js';
import { readStack } from '../../src/jobs/capture.js';
import { judgeStack, previousOfState } from '../../src/jobs/check-snmp.js';
import { powerItem } from '../../src/jobs/ready.js';
import type { Device } from '../../src/inventory/device.js';
import { arubaOsSwitch } from '../../src/platforms/aruba-os-switch/index.js';
import { ciscoIos } from '../../src/platforms/cisco-ios/index.js';
import { stackReadingFor, stackReadings } from '../../src/platforms/stack-models/index.js';

const real = (path: string) => readFileSync(new URL(`../fixtures/real/${path}`, import.meta.url), 'utf8');
const VSF_DETAIL = real('ntc-templates/hp_procurve/show_vsf_detail/show_vsf_detail.raw');
const STACKING_DETAIL = real('cookbook/2930m_show_stacking_detail.txt');

/** A session that answers each command from a table, and remembers what was typed. */
function shellAnswering(answers: Record<string, string>): DeviceShell & { typed: string[] } {
  const typed: string[] = [];
  return {
    typed,
    engine: {
      run: async (command: string) => {
        typed.push(command);
        return answers[command] ?? `Invalid input: ${command.split(' ').pop()}`;
      },
    },
  } as unknown as DeviceShell & { typed: string[] };
}

describe('stack reads tried in order', () => {
  it('a VSF 2930F refuses the stacking command: `show vsf detail` answers, members and model vsf', async () => {
    const shell = shellAnswering({ 'show vsf detail': VSF_DETAIL });
    const read = await readStack(shell, arubaOsSwitch);
    expect(shell.typed).toEqual(['show stacking detail', 'show vsf detail']);
    expect(read.model).toBe('vsf');
    expect(read.members.map((m) => [m.number, m.role, m.state, m.serial])).toEqual([
      [1, 'active', 'ready', 'SN0000001A'],
      [2, 'standby', 'ready', 'SN0000002A'],
    ]);
  });

  it('a backplane 2930M answers the first: VSF is never asked, model backplane', async () => {
    const shell = shellAnswering({ 'show stacking detail': STACKING_DETAIL });
    const read = await readStack(shell, arubaOsSwitch);
    expect(shell.typed).toEqual(['show stacking detail']);
    expect(read.model).toBe('backplane');
    expect(read.members.length).toBeGreaterThan(1);
  });

  it('neither answers with members: the switch does not stack and is its own one member; the first read’s model stands', async () => {
    const read = await readStack(shellAnswering({}), arubaOsSwitch);
    expect(read).toEqual({ members: [{ number: 1, role: 'active', state: 'ready' }], model: 'backplane' });
  });

  it('so ready --feed judges such a switch on its feed: alone on the dark feed is an outage', async () => {
    const { members } = await readStack(shellAnswering({}), arubaOsSwitch);
    const device = { stack: { members: [{ number: 1, feed: 'A' }], single: true as const } } as unknown as Device;
    expect(powerItem(device, 'A', members, arubaOsSwitch)).toMatchObject({ state: 'fail', reason: expect.stringMatching(/^OUTAGE/) });
  });

  it('a platform with one read types it once and records no model (cisco-ios as before)', async () => {
    const shell = shellAnswering({});
    const read = await readStack(shell, ciscoIos);
    expect(shell.typed).toEqual([ciscoIos.stack!.command]);
    expect(read.model).toBeUndefined();
    expect(stackReadings(ciscoIos.stack)).toHaveLength(1);
  });
});

describe('the model that applied judges the stack', () => {
  const device = {
    name: 'vsf1',
    platform: 'aruba-os-switch',
    stack: {
      members: [
        { number: 1, feed: 'A' },
        { number: 2, feed: 'A' },
      ],
    },
  } as unknown as Device;
  const members = [
    { number: 1, role: 'active', state: 'ready' },
    { number: 2, role: 'standby', state: 'ready' },
    { number: 3, role: 'member', state: 'ready' },
  ] as const;
  const three = { ...device, stack: { members: [...device.stack!.members, { number: 3, feed: 'B' }] } } as unknown as Device;

  it('stackReadingFor: the recorded model’s read, else the first', () => {
    expect(stackReadingFor(arubaOsSwitch.stack, 'vsf')?.command).toBe('show vsf detail');
    expect(stackReadingFor(arubaOsSwitch.stack, undefined)?.command).toBe('show stacking detail');
    expect(stackReadingFor(arubaOsSwitch.stack, 'stackwise')?.command).toBe('show stacking detail');
    expect(stackReadingFor(undefined, 'vsf')).toBeUndefined();
  });

  it('ready --feed: commander and standby both lost — the VSF rule (stops forwarding), not the backplane one (re-elect and reload)', () => {
    const vsf = powerItem(three, 'A', [...members], arubaOsSwitch, 'vsf');
    expect(vsf.reason).toMatch(
      /OUTAGE: the commander \(1\) and the standby \(2\) are both on feed A; no member is left to be commander and the stack stops forwarding/,
    );
    const backplane = powerItem(three, 'A', [...members], arubaOsSwitch, 'backplane');
    expect(backplane.reason).toMatch(/the members left re-elect a commander and reload/);
  });

  it('state.json’s stackModel is read back for check; an unknown word is ignored', () => {
    expect(previousOfState({ stackModel: 'vsf' }).stackModel).toBe('vsf');
    expect(previousOfState({ stackModel: 'rubbish' }).stackModel).toBeUndefined();
    const lost = [{ number: 1, role: 'active', state: 'ready' }] as const;
    const s = judgeStack([...lost], device, {}, 'platform', arubaOsSwitch, 'vsf');
    expect(s?.problems).toEqual(expect.arrayContaining(['member 2 missing (not reported)', 'no standby']));
  });
});
