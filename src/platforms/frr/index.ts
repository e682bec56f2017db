// FRRouting on a Linux whitebox switch (SONiC, Cumulus or plain Debian style): the routing
// suite's `vtysh` behind OpenSSH. Every fact here was checked on real FRRouting 8.4.4 behind
// real OpenSSH (test/peers/frr-switch.ts; recordings in test/fixtures/frr, SOURCES.md):
//
// - the login lands in a Linux shell that starts `vtysh` (`vtysh -N NAME` for an FRR
//   pathspace, from the device's `platformOptions: { pathspace: NAME }`), or straight in
//   vtysh; no enable; `terminal length 0` turns paging off;
// - running from `show running-config` (ends `end`); what boots is the integrated
//   `/etc/frr[/NAME]/frr.conf`, read with `cat` on an exec channel (no `end` in it; empty or
//   missing: no startup). vtysh's own `show startup-config` prints nothing in 8.4;
// - `write memory` ends `[OK]`; vtysh says `Exiting: failed to connect to any daemons.`
//   when FRR is down;
// - SNMP is the host's net-snmp (sysObjectID 1.3.6.1.4.1.8072.3.2.10, "Linux"): good for
//   reboots (snmpEngineBoots, sysUpTime), useless to tell FRR apart, so no `snmp.detect`;
//   `show version` over SSH says `FRRouting` (FRR_BANNER): `sshDetect` for `platform: auto`.

import type { Platform, PlatformOptions } from '../platform.js';
import { CONFIGURE } from './configure.js';
import { isFactoryDefault } from './factory-default.js';
import { FRR_BANNER, parseVersion } from './parse-version.js';
import { SECRETS } from './secrets.js';
import { SYSLOG_RULES } from './syslog.js';
import { traps } from './traps.js';

/**
 * FRR's pathspace from the device's options, or undefined for the default one. FRR refuses
 * `/` and `.` in it; anything but letters, digits, `_` and `-` is refused here too, since the
 * name goes into a command line and a path.
 */
export function pathspaceOf(options: PlatformOptions): string | undefined {
  const name = options['pathspace'];
  if (name === undefined || name === '') return undefined;
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(name)) {
    throw new Error('platformOptions.pathspace may hold only letters, digits, "_" and "-" (FRR refuses "/" and "."), 1 to 64 characters');
  }
  return name;
}

/** The integrated configuration FRR boots with. */
export const configPath = (options: PlatformOptions): string => {
  const ps = pathspaceOf(options);
  return ps ? `/etc/frr/${ps}/frr.conf` : '/etc/frr/frr.conf';
};

/** vtysh's prompt: `leaf1# `, `leaf1(config-router-af)# `. Group 1 is the host name. */
const PROMPT = /(?:^|[\r\n])([\w.-]+)(?:\([\w-]+\))?# ?$/;

/**
 * A Linux shell's prompt, never vtysh's: `user@leaf1:~$ `, `root@leaf1:/etc/frr# `,
 * `[admin@leaf1 ~]$ `, `$ `. A `#` counts only after `@`, `:`, `~` or `]`, which no vtysh
 * prompt holds.
 */
const SHELL_PROMPT = /(?:^|[\r\n])(?:[^\r\n]*[@:~\]][^\r\n]*[#$%]|[^\r\n]*\$) ?$/;

/** What starting vtysh prints when it cannot run. */
const START_FAILURE: RegExp[] = [
  // vtysh_main.c: no daemon answered on its vty socket.
  /Exiting: failed to connect to any daemons\./,
  // The shell: no vtysh at all.
  /vtysh: (?:command )?not found/,
  // libfrr: a pathspace FRR refuses.
  /slashes or dots are not permitted/,
];

const VOLATILE: RegExp[] = [
  // The header of `show running-config`.
  /^Building configuration\.\.\.\s*$/,
  /^Current configuration:\s*$/,
];

export const frr: Platform = {
  name: 'frr',
  label: 'FRRouting (vtysh)',
  // vtysh names what runs `running-config` (`show running-config`); what boots is the integrated
  // file, `write memory` says "Integrated configuration saved to …/frr.conf": the file's name is the word.
  words: { running: 'running-config', startup: 'frr.conf' },
  prompt: PROMPT,
  loginQuestions: [],
  session: {
    kind: 'shell-then-cli',
    shellPrompt: SHELL_PROMPT,
    start: (options) => {
      const ps = pathspaceOf(options);
      return ps ? `vtysh -N ${ps}` : 'vtysh';
    },
    startFailure: START_FAILURE,
  },
  setup: ['terminal length 0'],
  // vtysh 8.4 pages only when told to (`terminal paginate`, VTYSH_PAGER), through /usr/bin/pager
  // (more or less): checked on a 5-line terminal, it printed all; `terminal length 0` keeps it so.
  pagers: [/--More--/],
  pagerKey: ' ',
  commands: { running: 'show running-config', version: 'show version' },
  syntax: {
    // `!` separates blocks and `#` starts a comment in frr.conf. `end` (running only: the saved
    // file has none) and `exit`/`exit-address-family` (block closers) carry no configuration
    // either: read as comments, running and the saved file compare line for line.
    comment: /^\s*(?:[!#]|end\s*$|exit(?:-[\w-]+)?\s*$)/,
    hierarchy: 'indent',
    // A running capture is complete with its `end`; the saved file is read whole and needs none.
    complete: /^end\s*$/m,
    endLine: /^end\s*$/,
    completeSays: 'no `end` line',
  },
  errors: [/^% ?Unknown command/m, /^% ?Command incomplete/m, /^% ?Ambiguous command/m],
  volatile: VOLATILE,
  secrets: SECRETS,
  startup: {
    from: 'file',
    path: configPath,
    read: (path) => `cat ${path}`,
    missing: /No such file or directory/,
  },
  unsaved: {
    kind: 'running-vs-startup',
    // FRR prints these whatever frr.conf says (lib/command.c, zebra): its version and defaults
    // profile, the forwarding sysctls it reads from the kernel, the integrated-config service.
    // A frr.conf written by hand (a template) often has none of them, and is still all saved.
    // Not `hostname`: FRR follows the system's name without one, but a name typed and not
    // saved must still count.
    implied: [
      /^frr version \S+\s*$/,
      /^frr defaults \S+\s*$/,
      /^(?:no )?ip forwarding\s*$/,
      /^(?:no )?ipv6 forwarding\s*$/,
      /^service integrated-vtysh-config\s*$/,
    ],
  },
  restore: [{ kind: 'line-merge', configure: CONFIGURE }],
  persist: { kind: 'save', command: 'write memory', ok: /^\[OK\]\s*$/m, words: 'write memory' },
  // SNMP is the host's net-snmp ("Linux"): `platform: auto` is told by vtysh's own banner.
  sshDetect: { versionSays: FRR_BANNER },
  // Oxidized frr.rb (vtysh `show running-config`; not cumulus.rb, which backs up a whole host);
  // RANCID `frr` and its alias `zebra`; Ansible frr.frr (`frr` before collections).
  importNames: { oxidized: ['frr'], rancid: ['frr', 'zebra'], ansible: ['frr.frr.frr', 'frr'] },
  isFactoryDefault,
  parseVersion,
  notifications: { traps, syslog: SYSLOG_RULES },
};
