// `switchback demo`: the built-in lab, end to end, with nothing to set up. It runs
// a small fleet in this process and replays the incident switchback exists for:
// an unsaved change, a power feed lost during UPS work, a stack that came back
// without its configuration.

import { startFleet } from '../lab/fleet.js';
import type { LabFleet } from '../lab/fleet.js';
import { wholeNumber } from './args.js';
import { renderStatus } from './lab-actions.js';
import { styleFor } from './style.js';

export async function runDemo(opts: { devices: string; json?: boolean }): Promise<void> {
  const count = wholeNumber(opts.devices, '--devices', 4, 50);
  const fleet = await startFleet({ count });
  try {
    const steps = await replay(fleet, !opts.json);
    if (opts.json) process.stdout.write(JSON.stringify(steps, null, 2) + '\n');
  } finally {
    await fleet.stop();
  }
}

async function replay(fleet: LabFleet, print: boolean) {
  const st = styleFor(process.stdout);
  const steps: { step: string; messages: string[]; status: ReturnType<LabFleet['status']> }[] = [];
  const step = async (title: string, act: () => Promise<string[]>) => {
    const messages = await act();
    const status = fleet.status();
    steps.push({ step: title, messages, status });
    if (!print) return;
    process.stdout.write(`\n${st.bold('== ' + title)}\n`);
    for (const m of messages) process.stdout.write(`   ${m}\n`);
    process.stdout.write(renderStatus(status));
  };
  const [, stack2, stack3] = fleet.switches;
  await step(`${fleet.switches.length} lab switches up on 127.0.0.1 (SSH and SNMP on the ports shown)`, async () => []);
  await step(`An engineer changes ${stack2!.name} and forgets to save`, async () => [
    await stack2!.apply({ kind: 'change', lines: ['interface GigabitEthernet1/0/7', ' description finance-printer', ' switchport access vlan 30'] }),
  ]);
  await step('UPS work: power feed A goes dark', () => fleet.feed('A', false));
  await step('Feed A is back', () => fleet.feed('A', true));
  await step(`${stack2!.name} is power-cycled: its unsaved change is gone`, async () => [await stack2!.apply({ kind: 'power-cycle', loseConfig: false })]);
  await step(`${stack3!.name} comes back without its configuration (the incident)`, async () => [await stack3!.apply({ kind: 'power-cycle', loseConfig: true })]);
  if (print) {
    process.stdout.write(
      `\nEvery switch above is a real SSH server and SNMP agent. Run your own fleet with\n` +
        `  switchback lab up --devices 20\n` +
        `and drive it from another shell with switchback lab event / lab feed / lab status.\n`,
    );
  }
  return steps;
}
