// RANCID's router.db (router.db(5)): `<device_name>;<device_type>;<state>[;comments]`, one
// device a line, `#` lines are comments. Before RANCID 3.0 the separator was `:` (changed so
// that a device may be an IPv6 address): a file with no `;` on any line is read the old way.
// As control_rancid does, spaces around fields are dropped, the state is compared without
// case, and only devices that are `up` are collected; the others are reported with their
// comment (the man page asks for one saying why).

import { echo } from '../echo.js';
import type { ParseResult, Skipped, SourceEntry } from './entry.js';

export interface RancidOptions {
  /** `;` (RANCID 3) or `:` (before 3.0); default: `;` if any line holds one, else `:`. */
  delimiter?: string;
}

export function parseRancid(text: string, opts: RancidOptions = {}): ParseResult {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, '').trim());
  const data = (l: string) => l !== '' && !l.startsWith('#');
  const delimiter = opts.delimiter ?? (lines.some((l) => data(l) && l.includes(';')) ? ';' : ':');
  const entries: SourceEntry[] = [];
  const skipped: Skipped[] = [];
  lines.forEach((line, i) => {
    if (!data(line)) return;
    const where = `line ${i + 1}`;
    const [name = '', type = '', state = '', ...rest] = line.split(delimiter).map((f) => f.trim());
    if (name === '') {
      skipped.push({ where, kind: 'bad-line', reason: `no device name before the first "${delimiter}"` });
      return;
    }
    if (type === '') {
      skipped.push({ where, name, kind: 'no-model', reason: 'no device type (the second field)' });
      return;
    }
    if (!/^up$/i.test(state)) {
      const comment = rest.join(delimiter).trim();
      skipped.push({
        where,
        name,
        kind: 'not-up',
        reason: `state "${echo(state)}", not up: RANCID does not collect it${comment !== '' ? ` (${echo(comment)})` : ''}`,
      });
      return;
    }
    entries.push({ where, name, model: type });
  });
  return { entries, skipped, notes: [] };
}
