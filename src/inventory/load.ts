// devices/*.yaml → Device[]. Every problem in every file is collected first and thrown
// together, so whoever fixes the inventory sees the whole list in one run, each line naming
// the file (as they typed it), the device and the field.

import { readdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import type { Device } from './device.js';
import { echo } from './echo.js';
import { crossChecks, DEFAULT_PLATFORMS, deviceSchema, FIELDS, unknownField, unknownFieldMessage } from './schema.js';
import { fsReason, readRegularFile } from './read-file.js';
import { readPlainYaml } from './plain-yaml.js';
import { platformByName } from '../platforms/index.js';
import { settingsOf, takeRunSettings } from './run-settings.js';
import type { FoundSettings, InventoryRunSettings } from './run-settings.js';

export class InventoryError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.length === 1 ? problems[0] : `${problems.length} problems in the inventory:\n${problems.join('\n')}`);
    this.name = 'InventoryError';
  }
}

export interface LoadOptions {
  /** Platform names a device may name (default: src/platforms' PLATFORM_NAMES); `auto` is always allowed. */
  knownPlatforms?: readonly string[];
  /** Whether a platform can be one peer of a redundant pair (its contract has `pair`); default: the registry's. */
  platformPairs?: (platform: string) => boolean;
  /** What a platform's pair command takes as a domain, when it names one (PlatformPair.domain); default: the registry's. */
  pairDomains?: (platform: string) => PairDomainRule | undefined;
}

type PairDomainRule = { valid: RegExp; says: string };

type Path = (string | number)[];
/** Where a name was used, for the duplicate check. */
type Named = { name: string; file: string; index: number };
type Mapping = Record<string, unknown>;

const isMap = (v: unknown): v is Mapping => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Files and folders (a folder: its *.yaml and *.yml, in name order) to validated devices. */
export function loadInventory(paths: string[], opts: LoadOptions = {}): Device[] {
  return loadInventoryWithSettings(paths, opts).devices;
}

/** The devices, and the run settings the files' `defaults` hold (run-settings.ts). */
export function loadInventoryWithSettings(paths: string[], opts: LoadOptions = {}): { devices: Device[]; settings: InventoryRunSettings } {
  const platforms = [...new Set([...(opts.knownPlatforms ?? DEFAULT_PLATFORMS), 'auto'])];
  const problems: string[] = [];
  const devices: Device[] = [];
  const names: Named[] = [];
  const found: FoundSettings = {};
  for (const file of expand(paths, problems)) devices.push(...loadFile(file, platforms, problems, names, found));

  // Every entry with a name counts, valid or not, so a duplicate shows in the same run as the rest.
  const first = new Map<string, Named>();
  for (const n of names) {
    const earlier = first.get(n.name);
    if (earlier) problems.push(`${where(n.file, n.index, n.name)}.name: duplicate of ${earlier.file}: devices[${earlier.index}]`);
    else first.set(n.name, n);
  }
  problems.push(...pairProblems(devices, opts.platformPairs ?? registryPairs, new Set(names.map((n) => n.name)), opts.pairDomains ?? registryDomains));
  if (problems.length === 0 && devices.length === 0) problems.push(`no devices in ${paths.join(', ') || '(no path given)'}`);
  if (problems.length > 0) throw new InventoryError(problems);
  return { devices, settings: settingsOf(found) };
}

/** `auto` is resolved only when the device answers, so it may be a peer; any other platform must have `pair`. */
const registryPairs = (platform: string) => platform === 'auto' || platformByName(platform)?.pair !== undefined;
const registryDomains = (platform: string) => platformByName(platform)?.pair?.domain;

/**
 * A pair is two devices that name each other: the peer exists, names this device back, gives
 * the same domain, and runs a platform that has a pair at all. Said on each device that is wrong.
 */
export function pairProblems(
  devices: Device[],
  hasPair: (platform: string) => boolean,
  named: ReadonlySet<string> = new Set(),
  domainRule: (platform: string) => PairDomainRule | undefined = () => undefined,
): string[] {
  const byName = new Map(devices.map((d) => [d.name, d]));
  const out: string[] = [];
  for (const d of devices) {
    if (!d.pair) continue;
    const at = `${where(d.origin.file, d.origin.index, d.name)}.pair`;
    if (!hasPair(d.platform)) out.push(`${at}: platform ${d.platform} has no redundant pair in switchback (its contract has no \`pair\`)`);
    // A platform whose pair command names the domain: one the switch cannot take is refused here, not by the switch at backup.
    const rule = domainRule(d.platform);
    if (rule && !rule.valid.test(d.pair.domain)) out.push(`${at}.domain: ${echo(d.pair.domain)} is not a ${d.platform} pair domain (${rule.says})`);
    const peer = byName.get(d.pair.peer);
    if (d.pair.peer === d.name) out.push(`${at}.peer: names this device itself; a pair is two devices`);
    // A peer whose own entry is wrong has its problems listed already: nothing more to say here.
    else if (!peer) {
      if (!named.has(d.pair.peer)) out.push(`${at}.peer: no device named ${echo(d.pair.peer)} in the inventory`);
    } else if (!peer.pair) out.push(`${at}.peer: ${peer.name} does not name ${d.name} back (it has no pair: { peer: ${d.name}, domain: "${d.pair.domain}" })`);
    else if (peer.pair.peer !== d.name) out.push(`${at}.peer: ${peer.name} names ${peer.pair.peer} as its peer, not ${d.name}`);
    else if (peer.pair.domain !== d.pair.domain) out.push(`${at}.domain: "${d.pair.domain}" here, "${peer.pair.domain}" on ${peer.name}`);
  }
  return out;
}

/** The files to read, as the user would name them; the same file given twice is read once. */
function expand(paths: string[], problems: string[]): string[] {
  const files: string[] = [];
  const seen = new Set<string>();
  const add = (file: string) => {
    const key = resolve(file);
    if (!seen.has(key)) (files.push(file), seen.add(key));
  };
  for (const path of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch (err) {
      problems.push(`${path}: ${fsReason(err)}`);
      continue;
    }
    if (!isDir) {
      add(path);
      continue;
    }
    let names: string[];
    try {
      names = readdirSync(path)
        .filter((n) => /\.ya?ml$/.test(n))
        .sort();
    } catch (err) {
      problems.push(`${path}: ${fsReason(err)}`);
      continue;
    }
    if (names.length === 0) problems.push(`${path}: no *.yaml or *.yml files in this folder`);
    for (const n of names) add(path.endsWith('/') ? path + n : `${path}/${n}`);
  }
  return files;
}

function loadFile(file: string, platforms: readonly string[], problems: string[], names: Named[], found: FoundSettings): Device[] {
  const top = readYaml(file, problems);
  if (top === undefined) return [];
  // `x-…` keys are free, as in docker-compose: a place to park YAML anchors (`x-common: &common`).
  for (const key of Object.keys(top))
    if (!(FIELDS.file as readonly string[]).includes(key) && !key.startsWith('x-'))
      problems.push(`${file}: ${echo(key)}: ${unknownFieldMessage(key, FIELDS.file)}`);

  let defaults: Mapping = {};
  if (isMap(top.defaults)) defaults = { ...top.defaults };
  else if (top.defaults !== undefined && top.defaults !== null) problems.push(`${file}: defaults: must be a mapping of device fields`);
  for (const key of ['name', 'host'] as const) {
    if (key in defaults) {
      problems.push(`${file}: defaults.${key}: cannot be a default; each device needs its own`);
      delete defaults[key];
    }
  }
  takeRunSettings(defaults, file, dirname(file), found, problems);

  if (top.devices === undefined) {
    problems.push(`${file}: devices: required (a list of devices)`);
    return [];
  }
  // `devices:` with nothing under it: a site with no switches yet, like `devices: []`.
  const entries: unknown = top.devices ?? [];
  if (!Array.isArray(entries)) {
    problems.push(`${file}: devices: must be a list of devices`);
    return [];
  }

  const schema = deviceSchema({ platforms, baseDir: dirname(file) });
  const fileProblems = new Set<string>(); // a defaults problem shows once, not once per device
  const devices: Device[] = [];
  entries.forEach((entry: unknown, index: number) => {
    const name = isMap(entry) && typeof entry.name === 'string' && entry.name !== '' ? entry.name : undefined;
    const label = where(file, index, name);
    if (name !== undefined) names.push({ name, file, index });
    if (!isMap(entry)) {
      fileProblems.add(`${label}: must be a mapping of device fields (name: …, host: …)`);
      return;
    }
    const merged = mergeUnder(defaults, entry);
    const result = schema.safeParse(merged);
    const lines = [
      ...(result.success ? [] : result.error.issues.flatMap((issue) => describe(issue, merged))),
      ...crossChecks(merged).map((p) => ({ path: p.path, message: p.message, fromDefaults: false })),
    ].map((p) => {
      const fromDefaults = p.fromDefaults && !has(entry, p.path) && has(defaults, p.path);
      return fromDefaults ? `${file}: defaults.${dotted(p.path)}: ${p.message}` : `${label}${p.path.length ? '.' + dotted(p.path) : ''}: ${p.message}`;
    });
    lines.forEach((l) => fileProblems.add(l));
    if (result.success && lines.length === 0) devices.push({ ...result.data, origin: { file, index } });
  });
  problems.push(...fileProblems);
  return devices;
}

/**
 * The largest inventory file read: a device takes a few hundred bytes of YAML, so 16 MiB is
 * tens of thousands of devices in one file, and a mistaken path to something huge (or
 * endless, like /dev/zero) is refused instead of read into memory.
 */
const INVENTORY_FILE_LIMIT = 16 * 1024 * 1024;

/** The file's top-level mapping, or undefined after recording why there is none. */
function readYaml(file: string, problems: string[]): Mapping | undefined {
  const read = readRegularFile(file, INVENTORY_FILE_LIMIT);
  if ('problem' in read) {
    problems.push(`${file}: cannot read: ${read.problem}`);
    return undefined;
  }
  const text = read.text;
  // Most inventories are plain YAML, which a small reader reads ten times faster; anything else, and every error, is `yaml`'s.
  const plain = readPlainYaml(text);
  if (isMap(plain)) return plain;
  // `<<: *anchor` merge keys are common in hand-written inventories; YAML 1.2 needs them asked for.
  const doc = parseDocument(text, { merge: true, prettyErrors: true });
  for (const e of doc.errors) {
    const at = e.linePos?.[0];
    // Only the first line of the message: the rest quotes the file, and that may hold a secret.
    const message = (e.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    problems.push(`${file}: ${at ? `line ${at.line}, column ${at.col}: ` : ''}YAML syntax: ${message}`);
  }
  if (doc.errors.length > 0) return undefined;
  let top: unknown;
  try {
    top = doc.toJS(); // throws on an alias bomb ("Excessive alias count")
  } catch (err) {
    problems.push(`${file}: YAML: ${(err as Error).message.split('\n')[0]}`);
    return undefined;
  }
  if (isMap(top)) return top;
  problems.push(
    `${file}: ${top === null || top === undefined ? 'empty file' : 'must be a mapping'}; expected \`devices:\` with a list of devices (and optionally \`defaults:\`)`,
  );
  return undefined;
}

/** `devices/dc1.yaml: devices[3] (core-2)` */
function where(file: string, index: number, name: string | undefined): string {
  return `${file}: devices[${index}]${name ? ` (${echo(name)})` : ''}`;
}

/**
 * One zod issue as the user's words. `fromDefaults` marks problems with a value itself (a
 * wrong type, an unknown field), which belong to `defaults` when the value came from there;
 * a missing field or a rule across fields belongs to the device.
 */
function describe(issue: z.core.$ZodIssue, merged: Mapping): { path: Path; message: string; fromDefaults: boolean }[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ path: [...path, key], message: unknownField(path, key, merged), fromDefaults: true }));
  }
  if (!has(merged, path)) return [{ path, message: 'required', fromDefaults: false }];
  switch (issue.code) {
    case 'invalid_type':
      return [{ path, message: typeMessage(issue.expected, valueAt(merged, path)), fromDefaults: true }];
    case 'invalid_value':
      return [{ path, message: `must be ${orList(issue.values.map(String))}`, fromDefaults: true }];
    case 'invalid_union':
      // The SNMP block (its version decides which fields it has) and a pair's domain are the unions.
      if (path[0] === 'pair') return [{ path, message: 'must be text or a whole number (the domain as the switches print it)', fromDefaults: true }];
      return [{ path, message: 'must be 2 (v2c) or 3', fromDefaults: true }];
    default:
      return [{ path, message: issue.message, fromDefaults: true }];
  }
}

function typeMessage(expected: string, value: unknown): string {
  const got = Array.isArray(value) ? 'a list' : isMap(value) ? 'a mapping' : value === null ? 'empty' : typeof value === 'string' ? 'text' : typeof value;
  switch (expected) {
    case 'string':
      // YAML reads `name: 1.10` as a number: quoting keeps it as written.
      return typeof value === 'number' || typeof value === 'boolean' ? `must be text, got ${got} (put it in quotes)` : `must be text, got ${got}`;
    case 'number':
      return typeof value === 'string' ? 'must be a number, got text (remove the quotes)' : `must be a number, got ${got}`;
    case 'array':
      return `must be a list, got ${got}`;
    case 'object':
      return `must be a mapping, got ${got}`;
    default:
      return `must be ${expected}, got ${got}`;
  }
}

const orList = (words: string[]) => (words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`);

const dotted = (path: Path) => path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? echo(p) : `.${echo(p)}`)).join('');

function valueAt(root: unknown, path: Path): unknown {
  let v = root;
  for (const p of path) {
    if (typeof p === 'number' ? !Array.isArray(v) : !isMap(v)) return undefined;
    // Own fields only: `constructor` is not in a device because every object inherits one.
    if (!Object.hasOwn(v as object, p)) return undefined;
    v = (v as Record<string | number, unknown>)[p];
  }
  return v;
}

const has = (root: unknown, path: Path) => valueAt(root, path) !== undefined;

/**
 * `defaults` under a device: mappings merge key by key, the device wins, lists and values are
 * replaced whole (a device's `tags` are its tags). `null` in a device removes a default
 * (`snmp: null`). An SNMP block of another version replaces the default one: v2c and v3 share
 * no credentials, and merging them would give a block that is neither.
 */
export function mergeUnder(defaults: Mapping, device: Mapping): Mapping {
  const snmp = defaults.snmp;
  const otherVersion = isMap(snmp) && isMap(device.snmp) && device.snmp.version !== undefined && device.snmp.version !== snmp.version;
  return deepMerge(otherVersion ? { ...defaults, snmp: undefined } : defaults, device);
}

function deepMerge(under: Mapping, over: Mapping): Mapping {
  const out: Mapping = { ...under };
  for (const [key, value] of Object.entries(over)) {
    const below = out[key];
    const merged = isMap(below) && isMap(value) ? deepMerge(below, value) : value;
    if (value === null) delete out[key];
    // `__proto__` defined, not assigned: `out.__proto__ = …` would set the prototype and the
    // field would vanish before the schema could refuse it. Every other key is assigned (an
    // own data property either way; defining each cost a 5,000-device inventory 50 ms).
    else if (key === '__proto__') Object.defineProperty(out, key, { value: merged, enumerable: true, writable: true, configurable: true });
    else out[key] = merged;
  }
  for (const key of Object.keys(out)) if (out[key] === undefined) delete out[key];
  return out;
}
