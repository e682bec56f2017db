// The shape of one device in `devices/*.yaml`, as zod schemas. Validation runs on a device
// after the file's `defaults` are merged under it (load.ts); this file only says what a
// valid device looks like and words each problem for the person who wrote the YAML.

import { isIPv4, isIPv6 } from 'node:net';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { z } from 'zod';
import { PLATFORM_NAMES } from '../platforms/index.js';
import type { Device, SecretRef } from './device.js';
import { echo } from './echo.js';

/** Every field of a device but `origin`, which the loader adds. */
export type DeviceFields = Omit<Device, 'origin'>;

/** What the rest of a problem line says when a secret is written in the clear. */
export const LITERAL_SECRET = 'a secret must be a reference (env:NAME or file:PATH), not a literal value';

/** Every platform switchback has a file for, and `auto` (detected over SNMP). */
export const DEFAULT_PLATFORMS: readonly string[] = [...PLATFORM_NAMES, 'auto'];

const NAME_CHARS = /^[a-z0-9._-]+$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/**
 * One host name label: RFC 1123's letters, digits and inner hyphens, 1 to 63 characters, and
 * the underscore, which RFC 1123 forbids but internal DNS and /etc/hosts are full of
 * (`sw_01.corp`): refusing it would refuse a whole working inventory at the next nightly run.
 */
const HOST_LABEL = /^[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?$/i;
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Upper bounds of text fields, so that a value pasted by mistake (a file, a megabyte of
 * anything) is refused with a short message instead of carried into tables, folders and
 * commands. Each is well above any real value.
 */
const MAX = {
  /** A DNS name (RFC 1035 §2.3.4). */
  host: 253,
  /** A group, a tag, a power feed's label: words shown in a table column. */
  word: 64,
  /** A login name; switches take up to 64. */
  username: 128,
  /** usmUserName is an SnmpAdminString of 1 to 32 octets (RFC 3414). */
  snmpUser: 32,
  tags: 64,
  /** Longer environment variable names exist nowhere in practice. */
  envName: 255,
  /** PATH_MAX on Linux. */
  path: 4096,
  /** platformOptions: how many, a name's length, a value's length (a pathspace name, a path). */
  options: 16,
  optionName: 64,
  optionValue: 255,
} as const;

export const DEFAULTS = {
  port: 22,
  snmpPort: 161,
  // net-snmp's own defaults: one retry after five seconds.
  snmpTimeoutMs: 5000,
  snmpRetries: 1,
  tftpPort: 69,
  commandMs: 30_000,
  deviceMs: 120_000,
} as const;

/** Why a device name is refused, or undefined when it is fine. It becomes a folder name. */
export function nameProblem(name: string): string | undefined {
  const rule = 'may hold only a-z, 0-9, ".", "_" and "-", 1 to 63 characters (it becomes a folder name)';
  if (name.length === 0 || name.length > 63) return rule;
  if (!NAME_CHARS.test(name)) {
    const lower = name.toLowerCase();
    return NAME_CHARS.test(lower) ? `${rule}; try ${lower}` : rule;
  }
  // `.git`, `.known_hosts`, `..`: a leading dot would collide with the backups repository's own files.
  if (!/^[a-z0-9]/.test(name)) return 'must start with a letter or a digit (it becomes a folder name)';
  // The same limits the backups store enforces (store/paths.ts), so a name that passes here can be stored.
  if (name.includes('..')) return 'must not contain ".." (it becomes a folder name)';
  if (/\.(lock|tmp)$/.test(name)) return 'must not end in ".lock" or ".tmp" (the backups repository ignores such names)';
  return undefined;
}

const HOST_RULE =
  'must be a host name (labels of a-z, 0-9, "_" and "-", not starting or ending with "-", 1 to 63 characters, joined by "."), an IPv4 or an IPv6 address';

/** Why `host` cannot be connected to as written, or undefined when it can. It is never echoed. */
export function hostProblem(host: string): string | undefined {
  const name = host.endsWith('.') ? host.slice(0, -1) : host; // a fully qualified `sw1.example.net.`
  if (name.length > MAX.host) return `must be at most ${MAX.host} characters (a host name, an IPv4 or an IPv6 address)`;
  if (isIPv4(host) || isIPv6(host)) return undefined;
  const labels = name.split('.');
  // Non-ASCII letters: DNS only knows their punycode form.
  if (!labels.every((l) => HOST_LABEL.test(l))) return /[^\u0000-\u007f]/.test(host) ? `${HOST_RULE} (an international name in its xn-- form)` : HOST_RULE;
  // `10.0.0` or `999.1.2.3` is an address written wrong, not a name: no top-level domain is all digits.
  if (/^[0-9]+$/.test(labels[labels.length - 1]!)) return 'must be an IPv4 address of four numbers from 0 to 255 (a host name does not end in a number)';
  return undefined;
}

/**
 * `env:NAME` or `file:PATH` to a reference, or the problem with it. A relative file path is
 * relative to the inventory file's folder (cron runs from anywhere); `~/` is the home folder.
 * Messages never repeat the value: it may be the secret itself.
 */
export function parseRef(value: unknown, baseDir: string): SecretRef | string {
  if (typeof value !== 'string') return LITERAL_SECRET;
  if (value.startsWith('env:')) {
    const name = value.slice(4);
    if (name.length > MAX.envName) return `env: takes a variable name of at most ${MAX.envName} characters`;
    return ENV_NAME.test(name) ? { from: 'env', name } : 'env: takes a variable name of letters, digits and _ (env:SWITCHBACK_PASSWORD)';
  }
  if (value.startsWith('file:')) {
    const path = value.slice(5);
    if (path.trim() === '') return 'file: takes a path (file:/etc/switchback/password)';
    if (path.length > MAX.path || CONTROL.test(path)) return `file: takes a path of at most ${MAX.path} characters, on one line`;
    if (path.startsWith('~/')) return { from: 'file', path: join(homedir(), path.slice(2)) };
    return { from: 'file', path: isAbsolute(path) ? path : join(baseDir, path) };
  }
  return LITERAL_SECRET;
}

function secretRef(baseDir: string) {
  return z.unknown().transform((value, ctx): SecretRef => {
    const ref = parseRef(value, baseDir);
    if (typeof ref === 'string') {
      ctx.addIssue({ code: 'custom', message: value === undefined ? 'required' : ref });
      return z.NEVER;
    }
    return ref;
  });
}

/** A username is not a secret: written as it is, or as a reference like the others. */
function username(baseDir: string) {
  return z.unknown().transform((value, ctx): string | SecretRef => {
    if (typeof value === 'string' && !/^(env|file):/.test(value)) {
      if (value.trim() === '') ctx.addIssue({ code: 'custom', message: 'must not be empty' });
      else if (value.length > MAX.username || CONTROL.test(value)) ctx.addIssue({ code: 'custom', message: oneLine(MAX.username) });
      return value;
    }
    const ref = parseRef(value, baseDir);
    if (typeof ref === 'string') {
      ctx.addIssue({
        code: 'custom',
        message: value === undefined ? 'required' : typeof value === 'string' ? ref : 'must be text or a reference (env:NAME or file:PATH)',
      });
      return z.NEVER;
    }
    return ref;
  });
}

const oneLine = (max: number) => `must be one line of at most ${max} characters`;
/** Text shown in tables and messages: not empty, one line, bounded. */
const text = (max: number) =>
  z
    .string()
    .min(1, { error: 'must not be empty' })
    .max(max, { error: oneLine(max) })
    .refine((t) => !CONTROL.test(t), { error: oneLine(max) });
const whole = (min: number, max: number, unit = '') =>
  z
    .number()
    .int({ error: `must be a whole number${unit} from ${min} to ${max}` })
    .min(min, { error: `must be a whole number${unit} from ${min} to ${max}` })
    .max(max, { error: `must be a whole number${unit} from ${min} to ${max}` });
const port = (fallback: number) => whole(1, 65535).default(fallback);
const millis = (fallback: number) => whole(1, 86_400_000, ' of milliseconds').default(fallback);

/** The fields of each mapping, for "did you mean" on an unknown one. */
export const FIELDS = {
  file: ['defaults', 'devices'],
  device: [
    'name',
    'host',
    'port',
    'platform',
    'group',
    'tags',
    'credentials',
    'snmp',
    'stack',
    'feed',
    'pair',
    'transport',
    'tftp',
    'timeouts',
    'maxOutput',
    'platformOptions',
  ],
  /** Settings of the run, not of a device: only in a file's `defaults` (run-settings.ts). */
  runSettings: ['push', 'webhook', 'webhookFormat', 'execHook', 'metricsFile'],
  credentials: ['username', 'password', 'enable', 'privateKey', 'passphrase'],
  snmp2: ['version', 'community', 'port', 'timeoutMs', 'retries'],
  snmp3: ['version', 'user', 'auth', 'priv', 'port', 'timeoutMs', 'retries'],
  auth: ['protocol', 'key'],
  priv: ['protocol', 'key'],
  stack: ['members'],
  member: ['number', 'feed'],
  pair: ['peer', 'domain'],
  timeouts: ['commandMs', 'deviceMs'],
  tftp: ['address', 'port'],
} as const;

/** The schema of one device (defaults already merged under it). */
export function deviceSchema(opts: { platforms: readonly string[]; baseDir: string }) {
  const ref = secretRef(opts.baseDir);
  const snmpCommon = {
    port: port(DEFAULTS.snmpPort),
    timeoutMs: millis(DEFAULTS.snmpTimeoutMs),
    retries: whole(0, 10).default(DEFAULTS.snmpRetries),
  };
  const snmp = z.discriminatedUnion('version', [
    z.strictObject({ version: z.literal(2), community: ref, ...snmpCommon }),
    z.strictObject({
      version: z.literal(3),
      user: text(MAX.snmpUser),
      auth: z.strictObject({ protocol: z.enum(['sha', 'sha256']), key: ref }),
      priv: z.strictObject({ protocol: z.enum(['aes']), key: ref }),
      ...snmpCommon,
    }),
  ]);
  const device = z.strictObject({
    name: z.string().superRefine((name, ctx) => {
      const problem = nameProblem(name);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
    host: z.string().superRefine((host, ctx) => {
      const problem = hostProblem(host);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
    port: port(DEFAULTS.port),
    platform: z.string().superRefine((platform, ctx) => {
      if (!opts.platforms.includes(platform)) ctx.addIssue({ code: 'custom', message: platformProblem(platform, opts.platforms) });
    }),
    group: text(MAX.word).optional(),
    tags: z
      .array(text(MAX.word))
      .max(MAX.tags, { error: `must list at most ${MAX.tags} tags` })
      .default([]),
    credentials: z.strictObject({
      username: username(opts.baseDir),
      password: ref.optional(),
      enable: ref.optional(),
      privateKey: ref.optional(),
      passphrase: ref.optional(),
    }),
    snmp: snmp.optional(),
    stack: z
      .strictObject({
        // Numbered as the switch numbers them: from 1 on most stacks, from 0 on a Virtual Chassis (fpc0).
        members: z.array(z.strictObject({ number: whole(0, 99), feed: text(MAX.word).optional() })).min(1, { error: 'must list at least one member' }),
      })
      .optional(),
    // A switch that does not stack: its feed, the same as `stack: { members: [{ number: 1, feed: A }] }`.
    feed: text(MAX.word).optional(),
    pair: z
      .strictObject({
        peer: z.string().superRefine((peer, ctx) => {
          const problem = nameProblem(peer);
          if (problem) ctx.addIssue({ code: 'custom', message: `must be the other peer's device name, which ${problem}` });
        }),
        // `domain: 10` reads as a number in YAML: the switches print it as text, so it is kept as text.
        domain: z.union([text(MAX.word), whole(0, 4_294_967_295)]).transform(String),
      })
      .optional(),
    transport: z.enum(['ssh', 'snmp-tftp']).default('ssh'),
    tftp: z.strictObject({ address: tftpAddress(), port: port(DEFAULTS.tftpPort) }).optional(),
    timeouts: z.strictObject({ commandMs: millis(DEFAULTS.commandMs), deviceMs: millis(DEFAULTS.deviceMs) }).prefault({}),
    maxOutput: outputSize().optional(),
    platformOptions: platformOptions().optional(),
  });
  // `feed` is a shortcut: what leaves here is the stack of one member the jobs read feeds from.
  const shaped = device.transform(({ feed, ...rest }) =>
    feed === undefined ? rest : { ...rest, stack: { members: [{ number: 1, feed }], single: true as const } },
  );
  // The compiler checks here that what the schema produces is the contract in device.ts.
  return shaped satisfies z.ZodType<DeviceFields, unknown>;
}

/**
 * Per-device options the platform reads (`platformOptions: { pathspace: edge1 }`: a
 * daemon's pathspace): a few names of letters, digits, `-` and `_`, each with one short line of
 * text. What a name means is the platform's (docs/PLATFORMS.md); unknown names are kept.
 */
function platformOptions() {
  const NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;
  return z.record(z.string(), z.unknown()).transform((value, ctx): Record<string, string> => {
    const entries = Object.entries(value);
    if (entries.length > MAX.options) ctx.addIssue({ code: 'custom', message: `must hold at most ${MAX.options} options` });
    // A null-prototype object: an option called `constructor` is only an option.
    const out = Object.create(null) as Record<string, string>;
    for (const [name, v] of entries) {
      if (name.length > MAX.optionName || !NAME.test(name) || name === 'constructor' || name === 'prototype')
        ctx.addIssue({ code: 'custom', path: [name], message: `an option name is a word of letters, digits, - and _ (at most ${MAX.optionName} characters)` });
      else if (typeof v !== 'string' || v === '' || v.length > MAX.optionValue || CONTROL.test(v))
        ctx.addIssue({ code: 'custom', path: [name], message: `must be text: ${oneLine(MAX.optionValue)}, not empty` });
      else out[name] = v;
    }
    return out;
  });
}

/** The most one command may print: bytes, or `512 KB`, `64 MB`, `1 GB` (units of 1024). */
function outputSize() {
  const problem = 'must be a size from 1 KB to 1 GB: a number of bytes, or e.g. 512 KB, 64 MB';
  const units = { KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 } as const;
  return z.union([z.number(), z.string()]).transform((value, ctx): number => {
    const m = typeof value === 'string' ? /^(\d+)\s*(KB|MB|GB)$/i.exec(value.trim()) : null;
    const bytes = typeof value === 'number' ? value : m ? Number(m[1]) * units[m[2]!.toUpperCase() as keyof typeof units] : NaN;
    if (!Number.isInteger(bytes) || bytes < units.KB || bytes > units.GB) {
      ctx.addIssue({ code: 'custom', message: problem });
      return z.NEVER;
    }
    return bytes;
  });
}

/** The TFTP receiver's address: the switch is told it, so it must be an IP address it can send to. */
function tftpAddress() {
  return z.string().superRefine((address, ctx) => {
    if (address.length > MAX.host || (!isIPv4(address) && !isIPv6(address)))
      ctx.addIssue({ code: 'custom', message: 'must be an IP address of this host (the switch is told to send to it), not a host name' });
    else if (address === '0.0.0.0' || address === '::')
      ctx.addIssue({ code: 'custom', message: `must be an address the switch can send to, not ${address} (it is told this address)` });
  });
}

function platformProblem(platform: string, known: readonly string[]): string {
  const near = closestWord(platform, known);
  return `unknown platform "${echo(platform)}"${near ? `; did you mean ${near}?` : ''} (known: ${[...known].sort().join(', ')})`;
}

/** A problem found by looking at several fields together; `path` is inside the device. */
export interface CrossProblem {
  path: (string | number)[];
  message: string;
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Rules that span fields. They read the merged YAML defensively (it may be wrong in other
 * ways, which the schema reports) so that one run shows every problem of a device.
 */
export function crossChecks(raw: Record<string, unknown>): CrossProblem[] {
  const out: CrossProblem[] = [];
  const transport = raw.transport ?? 'ssh';
  const creds = raw.credentials;
  if (isMap(creds)) {
    if (transport === 'ssh' && creds.password === undefined && creds.privateKey === undefined)
      out.push({ path: ['credentials'], message: 'needs a password or a privateKey to log in over SSH' });
    if (creds.passphrase !== undefined && creds.privateKey === undefined)
      out.push({ path: ['credentials', 'passphrase'], message: 'given without a privateKey' });
  }
  if (raw.snmp === undefined) {
    if (transport === 'snmp-tftp') out.push({ path: ['snmp'], message: 'required with transport snmp-tftp (the copy is started over SNMP)' });
    if (raw.platform === 'auto') out.push({ path: ['snmp'], message: 'required with platform auto (it is detected over SNMP)' });
  }
  if (raw.tftp === undefined && transport === 'snmp-tftp')
    out.push({ path: ['tftp'], message: "required with transport snmp-tftp (where switchback's TFTP receiver listens: tftp: { address: …, port: 69 })" });
  const members = isMap(raw.stack) ? raw.stack.members : undefined;
  if (Array.isArray(members)) {
    const seen = new Map<unknown, number>();
    members.forEach((m, i) => {
      if (!isMap(m) || typeof m.number !== 'number') return;
      const first = seen.get(m.number);
      if (first === undefined) seen.set(m.number, i);
      else out.push({ path: ['stack', 'members', i, 'number'], message: `duplicate of stack.members[${first}]` });
    });
  }
  if (raw.feed !== undefined && raw.stack !== undefined)
    out.push({
      path: ['feed'],
      message: "given twice: with stack.members, each member's feed is written there (stack.members[].feed); `feed:` is for a switch that does not stack",
    });
  const t = raw.timeouts;
  if (isMap(t)) {
    const commandMs = t.commandMs ?? DEFAULTS.commandMs;
    const deviceMs = t.deviceMs ?? DEFAULTS.deviceMs;
    if (typeof commandMs === 'number' && typeof deviceMs === 'number' && deviceMs < commandMs)
      out.push({ path: ['timeouts', 'deviceMs'], message: `must be at least timeouts.commandMs (${commandMs})` });
  }
  return out;
}

/** The fields a mapping at `path` may hold, or undefined when it is not a mapping we know. */
export function fieldsAt(path: readonly (string | number)[], device: unknown): readonly string[] | undefined {
  const key = path.filter((p) => typeof p === 'string').join('.');
  switch (key) {
    case '':
      return FIELDS.device;
    case 'credentials':
      return FIELDS.credentials;
    case 'snmp': {
      const version = isMap(device) && isMap(device.snmp) ? device.snmp.version : undefined;
      return version === 2 ? FIELDS.snmp2 : version === 3 ? FIELDS.snmp3 : undefined;
    }
    case 'snmp.auth':
      return FIELDS.auth;
    case 'snmp.priv':
      return FIELDS.priv;
    case 'stack':
      return FIELDS.stack;
    case 'stack.members':
      return FIELDS.member;
    case 'pair':
      return FIELDS.pair;
    case 'timeouts':
      return FIELDS.timeouts;
    case 'tftp':
      return FIELDS.tftp;
    default:
      return undefined;
  }
}

/** What to say about `key`, unknown in the mapping at `path` of the merged device. */
export function unknownField(path: readonly (string | number)[], key: string, device: unknown): string {
  // A v3 field in a v2c block (or back) is not a typo: say which version has it.
  const version = isMap(device) && isMap(device.snmp) ? device.snmp.version : undefined;
  if (path.length === 1 && path[0] === 'snmp') {
    if (version === 2 && (FIELDS.snmp3 as readonly string[]).includes(key)) return 'only with SNMP version 3';
    if (version === 3 && (FIELDS.snmp2 as readonly string[]).includes(key)) return 'only with SNMP version 2 (v2c)';
  }
  if (path.length === 0) {
    // Reached only on a device's own entry: `defaults` has the run settings taken out before the merge.
    if ((FIELDS.runSettings as readonly string[]).includes(key)) return "a setting of the whole run, not of one device: put it in the file's defaults";
    // A near miss may be a run setting; the list shown is the device's own fields.
    const near = closestWord(key, [...FIELDS.device, ...FIELDS.runSettings]);
    return near ? `unknown field; did you mean ${near}?` : unknownFieldMessage(key, FIELDS.device);
  }
  return unknownFieldMessage(key, fieldsAt(path, device));
}

/** What to say about a field nobody defined: a near miss, or the fields that exist there. */
export function unknownFieldMessage(field: string, known: readonly string[] | undefined): string {
  if (!known) return 'unknown field';
  const near = closestWord(field, known);
  if (near) return `unknown field; did you mean ${near}?`;
  return `unknown field (known here: ${known.join(', ')})`;
}

/** The closest of `words` to `word` if it is close enough to be a typo of it. */
export function closestWord(word: string, words: readonly string[]): string | undefined {
  // A third of the word (at least one edit): catches typos and swapped letters, not unrelated words.
  const allowed = Math.max(1, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const w of words) {
    // The distance is at least the difference in length: skip the quadratic work (a pasted megabyte).
    if (Math.abs(word.length - w.length) > allowed) continue;
    const d = distance(word.toLowerCase(), w.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [w, d];
  }
  return bestDistance <= allowed ? best : undefined;
}

/** Levenshtein distance, with a transposition counted as one edit. */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}
