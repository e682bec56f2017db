// Which devices a command works on: names, a group, a tag (all given must match). A name
// that is not in the inventory is an error, never an empty run that looks like success.

import type { Device } from './device.js';
import { closestWord } from './schema.js';

export interface Selection {
  names?: string[];
  group?: string;
  tag?: string;
}

export class SelectionError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'SelectionError';
  }
}

/** The devices that match, in inventory order. Throws SelectionError naming what matched nothing. */
export function selectDevices(devices: Device[], sel: Selection): Device[] {
  const problems: string[] = [];
  const all = devices.map((d) => d.name);
  const names = new Set(sel.names ?? []);
  for (const name of names) {
    if (all.includes(name)) continue;
    const near = closestWord(name, all);
    problems.push(`no device named ${name} in the inventory${near ? `; did you mean ${near}?` : ''}`);
  }
  const groups = distinct(devices.flatMap((d) => (d.group === undefined ? [] : [d.group])));
  if (sel.group !== undefined && !groups.includes(sel.group)) problems.push(`no device in group ${sel.group}${known('groups', groups, sel.group)}`);
  const tags = distinct(devices.flatMap((d) => d.tags));
  if (sel.tag !== undefined && !tags.includes(sel.tag)) problems.push(`no device tagged ${sel.tag}${known('tags', tags, sel.tag)}`);
  if (problems.length > 0) throw new SelectionError(problems);

  const chosen = devices.filter(
    (d) => (names.size === 0 || names.has(d.name)) && (sel.group === undefined || d.group === sel.group) && (sel.tag === undefined || d.tags.includes(sel.tag)),
  );
  if (chosen.length === 0) throw new SelectionError([`no device matches ${describeSelection(sel)}`]);
  return chosen;
}

/** `core-1, core-2 --group dc1 --tag stack`, as the user would have typed it. */
export function describeSelection(sel: Selection): string {
  return (
    [...(sel.names ?? []), ...(sel.group !== undefined ? [`--group ${sel.group}`] : []), ...(sel.tag !== undefined ? [`--tag ${sel.tag}`] : [])].join(' ') ||
    'everything'
  );
}

const distinct = (words: string[]) => [...new Set(words)].sort();

function known(what: string, words: string[], asked: string): string {
  if (words.length === 0) return ` (no device has any ${what})`;
  const near = closestWord(asked, words);
  return near ? `; did you mean ${near}?` : ` (${what}: ${words.join(', ')})`;
}
