// A fleet of lab switches in one process, and the inventory that points at it.

import { randomBytes } from 'node:crypto';
import { stringify } from 'yaml';
import { activeMember, isUnsaved, LabEventError } from './model.js';
import type { LabPersonality, LabSwitchSpec } from './personality.js';
import { assignPersonalities, DEFAULT_PERSONALITY, PERSONALITIES, personalityFor } from './personalities/index.js';
import { startLabSwitch } from './switch.js';
import { unsavedCounts } from './unsaved.js';
import { pairSpecs, wirePairs } from './pairs.js';
import type { LabPairs } from './pairs.js';
import type { LabPairView } from './model.js';
import type { LabCredentials, LabEvent, LabSwitch } from './switch.js';
import type { EmitTarget, EmitTargets } from './emitter.js';

/** The SNMP version of the lab's traps: 3 (the lab's user, as its inventory says) or 2c (its community). */
export type TrapVersion = '2c' | '3';
export const TRAP_VERSIONS: readonly TrapVersion[] = ['3', '2c'];

/** The environment variables the lab's inventory refers to, and so what `lab up` prints to export. */
export const LAB_ENV = {
  username: 'SWITCHBACK_LAB_USER',
  password: 'SWITCHBACK_LAB_PASSWORD',
  enableSecret: 'SWITCHBACK_LAB_ENABLE',
  snmpCommunity: 'SWITCHBACK_LAB_COMMUNITY',
  snmpAuthKey: 'SWITCHBACK_LAB_SNMP_AUTH',
  snmpPrivKey: 'SWITCHBACK_LAB_SNMP_PRIV',
} as const;

export interface FleetOptions {
  count: number;
  /** One address every switch shares (a loopback address); wins over `addresses`. */
  address?: string;
  /**
   * `shared` (the default): every switch on `address` (127.0.0.1). `per-switch`: each switch on a
   * loopback address of its own (`switchAddress`), as a real estate has one management address per
   * switch — so a trap's or syslog line's source address names the switch that sent it.
   */
  addresses?: 'shared' | 'per-switch';
  /** First SSH port; switch i gets base+2i (SSH) and base+2i+1 (SNMP). 0: any free ports. */
  basePort?: number;
  credentials?: Partial<LabCredentials>;
  hostKeySeed?: string;
  tftpPort?: number;
  /** Override the generated specs (tests build the stacks they need). */
  specs?: LabSwitchSpec[];
  /**
   * Every switch runs this platform. Absent: a generated fleet is mixed (the registry's
   * personalities dealt out in turn), and a spec that names no platform runs the default.
   */
  platform?: string;
  /** The personalities to choose from (tests give their own); the lab's registry by default. */
  registry?: readonly LabPersonality[];
  /**
   * Where every switch sends the traps and syslog lines its OS sends on its own (`lab up --trap-to
   * / --syslog-to`). Absent: the switches send none. Traps are SNMPv3 authPriv with the lab's user,
   * as the inventory the lab writes says each switch is polled (`trapVersion: '2c'`: the lab's
   * community instead); `inform`: informs, acknowledged by the receiver, instead of traps.
   */
  emit?: { trap?: EmitTarget; syslog?: EmitTarget; trapVersion?: TrapVersion; inform?: boolean };
}

export interface LabFleet {
  switches: LabSwitch[];
  credentials: LabCredentials;
  get(name: string): LabSwitch;
  /** Apply an event to one switch by name. */
  apply(name: string, event: LabEvent): Promise<string>;
  /** Power feed lost or back: every member on that feed, on every switch. */
  feed(feed: string, on: boolean): Promise<string[]>;
  status(): SwitchStatus[];
  /** The inventory YAML for this fleet (secrets as env: references). */
  inventory(): string;
  /** `export NAME=value` lines for the secrets the inventory refers to. */
  exports(): string[];
  stop(): Promise<void>;
}

export interface SwitchStatus {
  name: string;
  /** The inventory platform the switch's personality stands for. */
  platform: string;
  hostname: string;
  address: string;
  sshPort: number;
  snmpPort: number;
  up: boolean;
  boots: number;
  uptimeSeconds: number;
  unsaved: boolean;
  /** Counted as backup counts its UNSAVED +added/-removed. */
  unsavedLines: { added: number; removed: number };
  startupPresent: boolean;
  /** One peer of a redundant pair: its view of the pair now. */
  pair?: LabPairView;
  /** Role and state in the platform's own words; `ready` says whether the member is in the stack and working. */
  members: { number: number; role: string; state: string; ready: boolean; feed?: string }[];
  active?: number;
  standby?: number;
  faults: string[];
}

/** Credentials for a lab: taken from the environment when set, so a restarted lab keeps what was exported. */
export function labCredentials(env: NodeJS.ProcessEnv = process.env, given: Partial<LabCredentials> = {}): LabCredentials {
  const secret = (name: string) => env[name] ?? randomBytes(9).toString('base64url');
  return {
    username: given.username ?? env[LAB_ENV.username] ?? 'netops',
    password: given.password ?? secret(LAB_ENV.password),
    privilege: given.privilege ?? 1,
    enableSecret: given.enableSecret ?? secret(LAB_ENV.enableSecret),
    authorizedKeys: given.authorizedKeys ?? [],
    snmpCommunity: given.snmpCommunity ?? secret(LAB_ENV.snmpCommunity),
    snmpV3: given.snmpV3 ?? { user: 'switchback', authKey: secret(LAB_ENV.snmpAuthKey), privKey: secret(LAB_ENV.snmpPrivKey) },
  };
}

/**
 * The default fleet: standalone switches and stacks of 2–4 members, odd members on feed
 * A, even on B; switch i runs personalities[i] (its platform is named in the spec), with
 * that personality's hardware models. The switches of a personality that stands in pairs
 * are paired two by two in fleet order (first with second, third with fourth; an odd one
 * left standalone): each peer one chassis, the primary on feed A and the secondary on B,
 * a domain per pair — so `lab up` and the demo show pairs with nothing written.
 */
export function defaultSpecs(count: number, personalities: readonly LabPersonality[] = assignPersonalities(count)): LabSwitchSpec[] {
  const specs: LabSwitchSpec[] = Array.from({ length: count }, (_, i) => {
    const personality = personalities[i] ?? DEFAULT_PERSONALITY;
    const models = personality.models;
    // A pair's peer does not stack: one chassis.
    const size = personality.pairs ? 1 : [2, 3, 1, 4][i % 4]!;
    const name = `lab-sw-${String(i + 1).padStart(count >= 100 ? 3 : 2, '0')}`;
    return {
      name,
      hostname: name.toUpperCase().replace(/-/g, '_'),
      index: i + 1,
      platform: personality.platform,
      members: Array.from({ length: size }, (_, m) => ({
        number: m + 1,
        priority: m === 0 ? 15 : m === 1 ? 14 : 1,
        model: models[(i + m) % models.length]!,
        feed: m % 2 === 0 ? 'A' : 'B',
      })),
    };
  });
  // Waiting partner per platform: the first of two, until the second comes.
  const waiting = new Map<string, number>();
  let domains = 0;
  specs.forEach((spec, i) => {
    const personality = personalities[i] ?? DEFAULT_PERSONALITY;
    if (!personality.pairs) return;
    const first = waiting.get(personality.platform);
    if (first === undefined) return void waiting.set(personality.platform, i);
    waiting.delete(personality.platform);
    domains += 1;
    [specs[first], specs[i]] = pairSpecs(specs[first]!, spec, String(domains));
  });
  return specs;
}

/**
 * Switch `i` (1-based, in fleet order) on a loopback address of its own: 127.1.X.Y with X =
 * floor((i-1)/254) and Y = (i-1)%254 + 1, so never a .0 or .255 (which some tools read as network or
 * broadcast) and 254 switches to an X — 5,000 switches fit in 127.1.0.1 … 127.1.19.174. All of
 * 127.0.0.0/8 is loopback on Linux with nothing configured; 127.1 keeps clear of 127.0.0.1, where the
 * receivers and the rest of the machine listen. (macOS has only 127.0.0.1: `lab up --address`.)
 */
export function switchAddress(i: number): string {
  if (!Number.isInteger(i) || i < 1 || i > 254 * 255) throw new RangeError(`switchAddress: switch number ${i} is out of range`);
  return `127.1.${Math.floor((i - 1) / 254)}.${((i - 1) % 254) + 1}`;
}

export async function startFleet(opts: FleetOptions): Promise<LabFleet> {
  const perSwitch = opts.address === undefined && opts.addresses === 'per-switch';
  const shared = opts.address ?? '127.0.0.1';
  if (!/^127\.|^::1$|^localhost$/.test(shared)) throw new Error(`the lab listens on loopback addresses only, not ${shared}`);
  const addressOf = (i: number) => (perSwitch ? switchAddress(i + 1) : shared);
  const credentials = labCredentials(process.env, opts.credentials);
  const registry = opts.registry ?? PERSONALITIES;
  const specs = opts.specs ?? defaultSpecs(opts.count, assignPersonalities(opts.count, opts.platform, registry));
  // A spec names its platform, or runs the one the fleet was asked for, or the default.
  const personalityOf = (spec: LabSwitchSpec) => personalityFor(spec.platform ?? opts.platform ?? registry[0]!.platform, registry);
  const personalities = specs.map(personalityOf);
  const base = opts.basePort ?? 0;
  const switches: LabSwitch[] = [];
  try {
    // Start in batches: one process, hundreds of sockets, without a thundering herd.
    for (let i = 0; i < specs.length; i += 50) {
      const batch = specs.slice(i, i + 50).map((spec, j) =>
        startLabSwitch({
          spec,
          personality: personalities[i + j]!,
          credentials,
          address: addressOf(i + j),
          sshPort: base ? base + 2 * (i + j) : 0,
          snmpPort: base ? base + 2 * (i + j) + 1 : 0,
          hostKeySeed: opts.hostKeySeed ?? 'switchback-lab',
          ...(opts.tftpPort !== undefined ? { tftpPort: opts.tftpPort } : {}),
          ...(opts.emit ? { emit: emitTargets(opts.emit, credentials) } : {}),
        }),
      );
      switches.push(...(await Promise.all(batch)));
    }
  } catch (err) {
    await Promise.all(switches.map((s) => s.stop()));
    // A system whose loopback is 127.0.0.1 alone (macOS): say what to do instead.
    if (perSwitch && (err as NodeJS.ErrnoException).code === 'EADDRNOTAVAIL')
      throw new Error(
        `this system has no loopback addresses beyond 127.0.0.1 for one address per switch (${(err as Error).message}); give one shared address (lab up --address 127.0.0.1)`,
      );
    throw err;
  }
  let pairs: LabPairs;
  try {
    pairs = wirePairs(switches);
  } catch (err) {
    await Promise.all(switches.map((s) => s.stop()));
    throw err;
  }
  const byName = new Map(switches.map((s) => [s.name, s]));
  const get = (name: string) => {
    const sw = byName.get(name);
    if (!sw) throw new LabEventError(`no lab switch named ${name} (have ${switches[0]?.name} … ${switches[switches.length - 1]?.name})`);
    return sw;
  };

  return {
    switches,
    credentials,
    get,
    // The peer link is the pair's, not one switch's: the fleet holds it.
    apply: async (name, event) => {
      const sw = get(name);
      return event.kind === 'peer-link' ? pairs.setLink(sw.name, event.up) : sw.apply(event);
    },
    async feed(feed, on) {
      const said: string[] = [];
      for (const sw of switches) {
        // A switch booting after a power-cycle is dark already, and comes back on its own.
        if (sw.isBooting()) continue;
        for (const m of sw.state.members) {
          if (m.feed !== feed || m.state === 'provisioned' || m.powered === on) continue;
          said.push(await sw.apply(on ? { kind: 'member-up', member: m.number } : { kind: 'member-down', member: m.number }));
        }
      }
      return said;
    },
    status: () => switches.map(statusOf),
    inventory: () => inventoryYaml(switches, pairs),
    exports: () => [
      `export ${LAB_ENV.username}=${credentials.username}`,
      `export ${LAB_ENV.password}=${credentials.password}`,
      `export ${LAB_ENV.enableSecret}=${credentials.enableSecret}`,
      `export ${LAB_ENV.snmpCommunity}=${credentials.snmpCommunity}`,
      `export ${LAB_ENV.snmpAuthKey}=${credentials.snmpV3.authKey}`,
      `export ${LAB_ENV.snmpPrivKey}=${credentials.snmpV3.privKey}`,
    ],
    stop: async () => {
      await Promise.all(switches.map((s) => s.stop()));
    },
  };
}

/** What every switch sends where, secured as the fleet's inventory says it is polled (v3) unless told 2c. */
function emitTargets(emit: NonNullable<FleetOptions['emit']>, credentials: LabCredentials): EmitTargets {
  const v3 = credentials.snmpV3;
  return {
    ...(emit.trap ? { trap: emit.trap } : {}),
    ...(emit.syslog ? { syslog: emit.syslog } : {}),
    snmp:
      (emit.trapVersion ?? '3') === '3'
        ? { version: '3', user: v3.user, authKey: v3.authKey, privKey: v3.privKey }
        : { version: '2c', community: credentials.snmpCommunity },
    ...(emit.inform ? { inform: true } : {}),
  };
}

function statusOf(sw: LabSwitch): SwitchStatus {
  const s = sw.state;
  const f = s.faults;
  const faults = [
    f.refuseAuth && 'refuse-auth',
    f.hangAfterLogin && 'hang',
    f.dropAfterBytes !== undefined && `drop ${f.dropAfterBytes}`,
    f.dropAfterLines && `drop-after-lines ${f.dropAfterLines.lines}`,
    f.drip && `drip ${f.drip.chunkBytes}/${f.drip.pauseMs}ms`,
    f.ansiNoise && 'noise',
    f.garbage && 'garbage',
    f.latencyMs > 0 && `latency ${f.latencyMs}ms`,
    f.snmpSilent && 'snmp-silent',
    f.startupRefused && `startup-refused ${f.startupRefused}`,
  ].filter((x): x is string => typeof x === 'string');
  const active = activeMember(s);
  const standby = s.members.find((m) => m.role === 'standby' && m.state === 'ready');
  const words = sw.personality.words;
  return {
    name: sw.name,
    platform: sw.personality.platform,
    hostname: sw.personality.hostname(s),
    address: sw.address,
    sshPort: sw.ports.ssh,
    snmpPort: sw.ports.snmp,
    up: s.up,
    boots: s.boots,
    uptimeSeconds: Math.floor((sw.now() - s.bootedAt) / 1000),
    unsaved: isUnsaved(s),
    unsavedLines: unsavedCounts(s, sw.personality),
    startupPresent: s.startup !== null,
    ...(s.pair ? { pair: { ...s.pair } } : {}),
    members: s.members.map((m) => ({
      number: m.number,
      role: words.role[m.role],
      state: words.state[m.state],
      ready: m.state === 'ready',
      ...(m.feed ? { feed: m.feed } : {}),
    })),
    ...(active ? { active: active.number } : {}),
    ...(standby ? { standby: standby.number } : {}),
    faults,
  };
}

function inventoryYaml(switches: LabSwitch[], pairs: LabPairs): string {
  // The login, and whatever further secret any personality in the fleet asks for.
  const credentials: Record<string, string> = { username: `env:${LAB_ENV.username}`, password: `env:${LAB_ENV.password}` };
  for (const sw of switches) {
    for (const [field, secret] of Object.entries(sw.personality.inventoryCredentials ?? {})) credentials[field] = `env:${LAB_ENV[secret]}`;
  }
  const doc = {
    defaults: {
      credentials,
      snmp: {
        version: 3,
        user: switches[0]?.credentials.snmpV3.user ?? 'switchback',
        auth: { protocol: 'sha', key: `env:${LAB_ENV.snmpAuthKey}` },
        priv: { protocol: 'aes', key: `env:${LAB_ENV.snmpPrivKey}` },
      },
    },
    devices: switches.map((sw) => ({
      name: sw.name,
      host: sw.address,
      port: sw.ports.ssh,
      platform: sw.personality.platform,
      group: 'lab',
      tags: [sw.spec.members.length > 1 ? 'stack' : 'standalone'],
      snmp: { port: sw.ports.snmp },
      ...placement(sw, pairs),
    })),
  };
  return (
    '# Written by `switchback lab up`: the lab fleet on this machine. Secrets are env: references;\n' +
    '# `switchback lab up` prints the export lines for them.\n' +
    stringify(doc, { flow: false })
  );
}

/**
 * Where the inventory says a switch stands: member numbers as the switch reports them (an OS
 * may number from 0) with their feeds; a peer of a pair that does not stack has its feed as
 * `feed:` and its pair as `pair: { peer, domain }`.
 */
function placement(sw: LabSwitch, pairs: LabPairs): Record<string, unknown> {
  const pair = pairs.of(sw.name);
  const members = sw.state.members;
  if (pair && members.length === 1) return { ...(members[0]!.feed ? { feed: members[0]!.feed } : {}), pair };
  return { stack: { members: members.map((m) => ({ number: m.number, ...(m.feed ? { feed: m.feed } : {}) })) }, ...(pair ? { pair } : {}) };
}
