// Import entries to switchback devices: the platform from the model name (models.ts), a
// device name switchback accepts (it becomes a folder name), a host it can connect to, and
// one device per name. Every entry left out is said with its place in the source and why.

import { echo } from '../echo.js';
import { hostProblem, nameProblem } from '../schema.js';
import type { Note, ParseResult, Skipped, SourceEntry } from './entry.js';
import { matchModel } from './models.js';
import type { ModelTable } from './models.js';

export interface ImportedDevice {
  name: string;
  host: string;
  port?: number;
  platform: string;
  group?: string;
  tags?: string[];
  /** Only what is not a secret: a login name, a key file's path as a file: reference. */
  credentials?: { username?: string; privateKey?: string };
  /** Where it came from, for messages (never written). */
  where: string;
}

export interface ToDevicesOptions {
  models: ModelTable;
  /** `--group`: the group of every device that has none from the source (a RANCID group's name). */
  group?: string;
  /** Device names already in the inventory beside the output, and their file. */
  taken?: ReadonlyMap<string, string>;
}

export interface ImportResult {
  devices: ImportedDevice[];
  skipped: Skipped[];
  notes: Note[];
}

/** The most tags the inventory takes on a device (schema.ts MAX.tags) and the longest word. */
const MAX_TAGS = 64;
const MAX_WORD = 64;

export function toDevices(parsed: ParseResult, opts: ToDevicesOptions): ImportResult {
  const devices: ImportedDevice[] = [];
  const skipped: Skipped[] = [...parsed.skipped];
  const notes: Note[] = [...parsed.notes];
  const used = new Map<string, string>(); // device name → where it was first imported from
  for (const e of parsed.entries) {
    const skip = (kind: Skipped['kind'], reason: string) => skipped.push({ where: e.where, name: e.name, kind, reason });
    const match = matchModel(opts.models, e.model);
    if ('unknown' in match) {
      skip('unknown-model', `model "${echo(e.model)}" maps to no switchback platform (give one with --model ${echo(e.model)}=PLATFORM)`);
      continue;
    }
    if ('ambiguous' in match) {
      skip(
        'ambiguous-model',
        `model "${echo(e.model)}" is listed by several platforms (${match.ambiguous.join(', ')}); choose with --model ${echo(e.model)}=PLATFORM`,
      );
      continue;
    }
    const named = deviceName(e.name);
    if ('problem' in named) {
      skip('bad-name', `name "${echo(e.name)}" cannot be a device name: it ${named.problem}`);
      continue;
    }
    const host = e.host ?? e.name;
    const hp = hostProblem(host);
    if (hp) {
      skip('bad-host', `host "${echo(host)}" ${hp}`);
      continue;
    }
    const earlier = used.get(named.name) ?? (opts.taken?.has(named.name) ? `${opts.taken.get(named.name)}` : undefined);
    if (earlier !== undefined) {
      skip('collision', `device name ${named.name} is already ${earlier}'s; rename one in the source`);
      continue;
    }
    used.set(named.name, e.where);
    if (named.name !== e.name.toLowerCase()) notes.push({ where: e.where, name: e.name, message: `named ${named.name} (a device name becomes a folder name)` });
    devices.push(device(e, named.name, host, match.platform, opts.group, notes));
  }
  return { devices, skipped: skipped.sort(bySourceOrder), notes };
}

/** Entries left out, in the order of the source's lines (the parser's and this file's were found apart). */
function bySourceOrder(a: Skipped, b: Skipped): number {
  const line = (s: Skipped) => Number(/^line (\d+)$/.exec(s.where)?.[1] ?? NaN);
  const [x, y] = [line(a), line(b)];
  return Number.isNaN(x) || Number.isNaN(y) ? 0 : x - y;
}

function device(e: SourceEntry, name: string, host: string, platform: string, group: string | undefined, notes: Note[]): ImportedDevice {
  const d: ImportedDevice = { name, host, platform, where: e.where };
  if (e.port !== undefined && e.port !== 22) d.port = e.port;
  const g = e.group ?? group;
  if (g !== undefined) {
    if (g.length <= MAX_WORD) d.group = g;
    else notes.push({ where: e.where, name: e.name, message: `group not imported: longer than ${MAX_WORD} characters` });
  }
  const tags = (e.tags ?? []).filter((t) => t.length <= MAX_WORD).slice(0, MAX_TAGS);
  if (tags.length > 0) d.tags = tags;
  if (e.username !== undefined || e.privateKeyFile !== undefined)
    d.credentials = {
      ...(e.username !== undefined ? { username: e.username } : {}),
      ...(e.privateKeyFile !== undefined ? { privateKey: `file:${e.privateKeyFile}` } : {}),
    };
  return d;
}

/**
 * A source's name as a switchback device name: lower case (RANCID names its files so too),
 * each run of other characters made one `-`, no leading punctuation, at most 63 characters.
 * A name that is still refused (`x.lock`) is the problem nameProblem says.
 */
export function deviceName(source: string): { name: string } | { problem: string } {
  const name = source
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, 63);
  const problem = nameProblem(name);
  return problem === undefined ? { name } : { problem };
}
