// `switchback lab …`: run a fleet of simulated switches and drive it from another shell.

import { mkdirSync, readFileSync, writeFileSync, unlinkSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { callControl, controlSocketFor, serveControl } from '../lab/control.js';
import type { ControlReply, ControlRequest } from '../lab/control.js';
import { EVENT_USAGE, EventSyntaxError, parseLabEvent } from '../lab/events.js';
import { startFleet } from '../lab/fleet.js';
import type { SwitchStatus } from '../lab/fleet.js';
import { EXIT, UserError } from './exit-codes.js';
import { styleFor, table } from './style.js';

const DEFAULT_INVENTORY = 'devices/lab.yaml';

export function registerLab(program: Command): void {
  const lab = program
    .command('lab')
    .description('simulated stacked switches on 127.0.0.1 (real SSH and SNMP) for demos, tests and rehearsals')
    .addHelpText(
      'after',
      `
Examples:
  switchback lab up --devices 20                 # run 20 lab switches; writes devices/lab.yaml
  switchback lab status                          # from another shell: boots, unsaved, stack members
  switchback lab event lab-sw-03 change "interface GigabitEthernet1/0/7" " description printer"
  switchback lab event lab-sw-03 power-cycle     # the unsaved change is lost
  switchback lab event lab-sw-05 power-cycle --lose-config
  switchback lab event lab-sw-02 member-down 1   # the Active member loses power
  switchback lab feed A off                      # UPS feed A goes dark for every stack`,
    );

  lab
    .command('up')
    .description('run a fleet of lab switches in the foreground until Ctrl-C')
    .option('--devices <n>', 'how many switches', '10')
    .option('--inventory <file>', 'inventory to write for this fleet', DEFAULT_INVENTORY)
    .option('--base-port <port>', 'first TCP/UDP port (switch i: SSH base+2i, SNMP base+2i+1); default any free ports')
    .option('--authorized-key <file>', 'an OpenSSH public key file the switches accept for public-key login')
    .option('--json', 'print the fleet as one JSON document once it is up')
    .action(async (opts: { devices: string; inventory: string; basePort?: string; authorizedKey?: string; json?: boolean }) => {
      const count = wholeNumber(opts.devices, '--devices', 1, 5000);
      const basePort = opts.basePort === undefined ? 0 : wholeNumber(opts.basePort, '--base-port', 1024, 65000);
      const authorizedKeys = opts.authorizedKey ? [readKeyFile(opts.authorizedKey)] : [];
      const started = Date.now();
      const fleet = await startFleet({ count, basePort, credentials: { authorizedKeys } });
      const inventory = resolve(opts.inventory);
      mkdirSync(dirname(inventory), { recursive: true });
      writeFileSync(inventory, fleet.inventory());
      const socket = controlSocketFor(inventory);
      let control;
      try {
        control = await serveControl(fleet, socket);
      } catch (err) {
        await fleet.stop();
        throw new UserError((err as Error).message, EXIT.failed);
      }
      const ms = Date.now() - started;
      if (opts.json) {
        process.stdout.write(JSON.stringify({ inventory, control: socket, startupMs: ms, exports: fleet.exports(), switches: fleet.status() }, null, 2) + '\n');
      } else {
        const st = styleFor(process.stdout);
        const first = fleet.switches[0]!;
        process.stdout.write(
          [
            `${st.bold(`${count} lab switches`)} up in ${ms} ms on 127.0.0.1 (Cisco IOS-XE StackWise personality)`,
            `inventory: ${opts.inventory}   control: ${socket}`,
            '',
            'Secrets for this lab (the inventory refers to them by env: reference):',
            ...fleet.exports().map((l) => '  ' + l),
            '',
            'Try, from another shell (after the exports):',
            `  ssh -p ${first.ports.ssh} ${fleet.credentials.username}@127.0.0.1        # password: $SWITCHBACK_LAB_PASSWORD, enable: $SWITCHBACK_LAB_ENABLE`,
            `  snmpget -v2c -c "$SWITCHBACK_LAB_COMMUNITY" 127.0.0.1:${first.ports.snmp} 1.3.6.1.2.1.1.5.0`,
            '  switchback lab status',
            `  switchback lab event ${first.name} power-cycle --lose-config`,
            '',
            'Ctrl-C stops the lab.',
            '',
          ].join('\n'),
        );
      }
      await new Promise<void>((done) => {
        const stop = () => done();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      control.close();
      try {
        unlinkSync(socket);
      } catch {
        // already gone
      }
      await fleet.stop();
    });

  lab
    .command('status')
    .description('show each lab switch: up, boots, uptime, unsaved, stack members, faults')
    .option('--inventory <file>', 'the inventory the lab wrote', DEFAULT_INVENTORY)
    .option('--json', 'one JSON document')
    .action(async (opts: { inventory: string; json?: boolean }) => {
      const reply = await control(opts.inventory, { op: 'status' });
      const status = reply.status ?? [];
      if (opts.json) {
        process.stdout.write(JSON.stringify(status, null, 2) + '\n');
        return;
      }
      process.stdout.write(renderStatus(status));
    });

  lab
    .command('event')
    .description('make something happen to one lab switch (or "all")')
    .argument('<name>', 'lab switch name, or all')
    .argument('<event...>', 'the event and its arguments (see below)')
    .option('--lose-config', 'with power-cycle: boot with a factory-default configuration')
    .option('--inventory <file>', 'the inventory the lab wrote', DEFAULT_INVENTORY)
    .addHelpText('after', '\n' + EVENT_USAGE)
    .action(async (name: string, words: string[], opts: { inventory: string; loseConfig?: boolean }) => {
      let event;
      try {
        event = parseLabEvent(opts.loseConfig ? [...words, '--lose-config'] : words);
      } catch (err) {
        if (err instanceof EventSyntaxError) throw new UserError(err.message, EXIT.usage);
        throw err;
      }
      const reply = await control(opts.inventory, { op: 'event', name, event });
      process.stdout.write(reply.messages.join('\n') + '\n');
    });

  lab
    .command('feed')
    .description('a power feed goes off (or comes back) for every stack member on it')
    .argument('<feed>', 'feed name as in the inventory, e.g. A')
    .argument('<state>', 'off or on')
    .option('--inventory <file>', 'the inventory the lab wrote', DEFAULT_INVENTORY)
    .action(async (feed: string, state: string, opts: { inventory: string }) => {
      if (state !== 'off' && state !== 'on') throw new UserError(`feed state is off or on, not ${JSON.stringify(state)}`);
      const reply = await control(opts.inventory, { op: 'feed', feed, on: state === 'on' });
      process.stdout.write(reply.messages.join('\n') + '\n');
    });
}

async function control(inventory: string, req: ControlRequest): Promise<ControlReply & { ok: true }> {
  let reply: ControlReply;
  try {
    reply = await callControl(controlSocketFor(resolve(inventory)), req);
  } catch (err) {
    throw new UserError((err as Error).message, EXIT.failed);
  }
  if (!reply.ok) throw new UserError(reply.error, EXIT.failed);
  return reply;
}

export function renderStatus(status: SwitchStatus[]): string {
  const st = styleFor(process.stdout);
  const rows = status.map((s) => [
    s.name,
    s.hostname,
    String(s.sshPort),
    String(s.snmpPort),
    s.up ? st.green('up') : st.red('down'),
    String(s.boots),
    s.up ? duration(s.uptimeSeconds) : '-',
    s.unsaved ? st.yellow(s.startupPresent ? 'yes' : 'no startup') : 'no',
    s.members.map((m) => `${m.number}${roleMark(m.role)}${m.state === 'Ready' ? '' : ':' + m.state}${m.feed ? '/' + m.feed : ''}`).join(' '),
    s.faults.join(',') || '-',
  ]);
  return table(['NAME', 'HOSTNAME', 'SSH', 'SNMP', 'POWER', 'BOOTS', 'UPTIME', 'UNSAVED', 'MEMBERS (*active +standby /feed)', 'FAULTS'], rows);
}

const roleMark = (role: string) => (role === 'Active' ? '*' : role === 'Standby' ? '+' : '');

function duration(seconds: number): string {
  if (seconds < 120) return `${seconds}s`;
  if (seconds < 7200) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 172800) return `${Math.floor(seconds / 3600)}h`;
  return `${Math.floor(seconds / 86400)}d`;
}

function wholeNumber(s: string, flag: string, min: number, max: number): number {
  if (!/^\d+$/.test(s) || Number(s) < min || Number(s) > max) throw new UserError(`${flag} takes a whole number from ${min} to ${max}, got ${JSON.stringify(s)}`);
  return Number(s);
}

function readKeyFile(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (err) {
    throw new UserError(`--authorized-key ${path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
}
