// `switchback lab …`: commander wiring only. The actions (and with them the lab
// itself: SSH servers, SNMP agents) load only when a lab command runs, so the
// nightly backup never loads simulator code.

import type { Command } from 'commander';
import { Option } from 'commander';
import { noColorOption, optionShowingDefault, quietOption } from './options.js';

export const DEFAULT_INVENTORY = 'devices/lab.yaml';

/**
 * `--inventory` as the other commands take it (a file, or a folder: here its lab.yaml). Not
 * $SWITCHBACK_INVENTORY: that names the real inventory, and the lab must never write into it.
 */
const inventoryOption = (what: string) => optionShowingDefault('--inventory <path>', `${what} (a folder: its lab.yaml)`, DEFAULT_INVENTORY);

const EVENT_HELP = `
Events:
  change "LINE" ["LINE"...]   configuration lines into running (not saved), as typed in the switch's configuration mode
                              (a line under another starts with a space)
  save                        save the running configuration as the one the switch boots with
  power-cycle [--lose-config] [--boot-time DURATION]
                              power lost and back; --lose-config boots with a factory default, nothing saved;
                              --boot-time 30s: dark that long (SSH refused, SNMP silent), then it boots and sends
                              its coldStart and restart line once it answers (without: back at once)
  boot-done                   a switch dark after power-cycle --boot-time boots now (answers when the command returns)
  member-down N | member-up N one stack member loses / regains power
  fault KIND [ARG]            refuse-auth | hang | drop BYTES | drop-after-lines LINES | drip [BYTES [MS]] | noise | garbage | latency MS | snmp-silent
                              | startup-refused [invalid|silent] (reading the saved configuration is refused, or prints nothing)
  clear-faults                back to normal
  set-uptime DURATION         pretend the switch booted that long ago (e.g. 500d, 3h, 90s)
  new-host-key                replace the SSH host key, as after a chassis swap
  peer-link down|up           cut or restore the link between the two peers of a redundant pair (both see it;
                              the peers still see each other over the keepalive, and keep their roles)

Examples:
  switchback lab event lab-sw-03 change "LINE" " LINE UNDER IT"
  switchback lab event lab-sw-05 power-cycle --lose-config
  switchback lab event lab-sw-05 power-cycle --lose-config --boot-time 30s
  switchback lab event lab-sw-05 boot-done       # end that boot now
  switchback lab event all fault latency 500`;

const actions = () => import('./lab-actions.js');

export function registerLab(program: Command): void {
  const lab = program
    .command('lab')
    .description('simulated stacked switches on loopback addresses (real SSH and SNMP) for demos, tests and rehearsals')
    .addHelpText(
      'after',
      `
Examples:
  switchback lab up --devices 20                 # run 20 lab switches of every platform; writes devices/lab.yaml
  switchback lab status                          # from another shell: platform, boots, unsaved, stack members
  switchback lab event lab-sw-03 change "LINE" " LINE UNDER IT"
  switchback lab event lab-sw-03 power-cycle     # the unsaved change is lost
  switchback lab event lab-sw-05 power-cycle --lose-config
  switchback lab event lab-sw-02 member-down 1   # the active member loses power
  switchback lab feed A off                      # UPS feed A goes dark for every stack`,
    );

  lab
    .command('up')
    .description('run a fleet of lab switches in the foreground until Ctrl-C')
    .option('--devices <n>', 'how many switches', '10')
    .addOption(
      optionShowingDefault(
        '--platform <name>',
        'every switch runs this platform (an inventory platform name the lab simulates)',
        'a mix: every platform the lab has, dealt out in turn',
      ),
    )
    .addOption(inventoryOption('the inventory to write for this fleet'))
    .addOption(
      optionShowingDefault(
        '--address <ip>',
        'every switch listens and sends from this one loopback address (e.g. 127.0.0.1, or ::1)',
        "one loopback address per switch, 127.1.0.1 and on, so a trap's source names its switch",
      ),
    )
    .addOption(optionShowingDefault('--base-port <port>', 'first TCP/UDP port (switch i: SSH base+2i, SNMP base+2i+1)', 'any free ports'))
    .option('--authorized-key <file>', 'an OpenSSH public key file the switches accept for public-key login')
    .option(
      '--trap-to <host:port>',
      "send each switch's SNMP traps (reload, stack member lost or back, configured) there, as its inventory polls it: SNMPv3 authPriv with the lab's user",
    )
    .addOption(new Option('--trap-version <version>', "3: the lab's v3 user (authPriv SHA/AES); 2c: the lab's community").choices(['3', '2c']).default('3'))
    .option('--inform', 'send informs (acknowledged by the receiver, resent once) instead of traps')
    .option('--syslog-to <host:port>', "send each switch's syslog lines for the same events there (UDP, in its OS's own form)")
    .option('--json', 'print the fleet as one JSON document once it is up')
    .addOption(quietOption('print only the first lines (the fleet and its inventory), not the secrets and hints'))
    .addOption(noColorOption())
    .addHelpText(
      'after',
      '\nExamples:\n  switchback lab up --devices 200 --base-port 20000\n  switchback lab up --devices 4 --platform NAME       # NAME: a platform as the inventory names it\n  switchback lab up --authorized-key ~/.ssh/id_ed25519.pub --inventory /tmp/lab.yaml\n  switchback lab up --trap-to 127.0.0.1:1162 --syslog-to 127.0.0.1:1514   # what switchback watch receives\n  switchback lab up --trap-to 127.0.0.1:1162 --trap-version 2c            # v2c traps with the lab community',
    )
    .action(async (opts) => (await actions()).labUp(opts));

  lab
    .command('status')
    .description('show each lab switch: platform, power, boots, uptime, unsaved, stack members, faults')
    .addOption(inventoryOption('the inventory the lab wrote'))
    .option('--json', 'one JSON document')
    .addOption(quietOption('print only the switches that are down, unsaved, short of a member, or faulty'))
    .addOption(noColorOption())
    .addHelpText('after', '\nExamples:\n  switchback lab status\n  switchback lab status --inventory /tmp/lab.yaml --json')
    .action(async (opts) => (await actions()).labStatus(opts));

  lab
    .command('event')
    .description('make something happen to one lab switch (or "all")')
    .argument('<name>', 'lab switch name, or all')
    .argument('<event...>', 'the event and its arguments (see below)')
    .option('--lose-config', 'with power-cycle: boot with a factory-default configuration')
    .option('--boot-time <duration>', 'with power-cycle: stay dark that long before booting (e.g. 30s)')
    .addOption(inventoryOption('the inventory the lab wrote'))
    .option('--json', 'print what happened as JSON')
    .addOption(quietOption('print nothing when it worked'))
    .addOption(noColorOption())
    .addHelpText('after', EVENT_HELP)
    .action(async (name: string, words: string[], opts) => (await actions()).labEvent(name, words, opts));

  lab
    .command('feed')
    .description('a power feed goes off (or comes back) for every stack member on it')
    .argument('<feed>', 'feed name as in the inventory, e.g. A')
    .argument('<state>', 'off or on')
    .addOption(inventoryOption('the inventory the lab wrote'))
    .option('--json', 'print what happened as JSON')
    .addOption(quietOption('print nothing when it worked'))
    .addOption(noColorOption())
    .addHelpText('after', '\nExamples:\n  switchback lab feed A off     # UPS work on feed A\n  switchback lab feed A on')
    .action(async (feed: string, state: string, opts) => (await actions()).labFeed(feed, state, opts));
}
