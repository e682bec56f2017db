// What the watch's alert says about one device, in a few lines a person reads on a phone:
// what happened (rebooted, and what announced it), what it cost (configuration lost, with how
// many lines and the first of them; unsaved lines gone), and what is still wrong (a stack
// member missing and the feed it hangs on, the pair's state). Made from the check's verdict
// and the events that led to it. Pure: the check and the events in, lines out. The check's
// finding lines are already masked by the platform's secrets (jobs/check.ts); the first line
// quoted here is masked again on its way out (report/alert.ts), which only ever masks more.

import { createHash } from 'node:crypto';
import type { CheckedDevice, CheckFinding } from '../jobs/check.js';
import type { WatchEvent } from './status.js';

/** The longest first line quoted: a reminder of what is gone, not the configuration. */
const FIRST_LINE = 80;

export interface DiagnosisInput {
  checked: CheckedDevice;
  events: readonly WatchEvent[];
  /** The members the inventory expects, with their power feeds. */
  members: readonly { number: number; feed?: string }[];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The count a lost message states (`… 12 lines of last-good.cfg missing`): its last `N line(s)`. */
function statedCount(f: CheckFinding): number {
  const all = [...f.message.matchAll(/(\d+) lines?\b/g)];
  const last = all[all.length - 1];
  return last ? Number(last[1]) : (f.lines ?? []).filter((l) => l.trim() !== '').length;
}

/** The first missing line that says something (a parent line alone says little, but is better than nothing). */
function firstLine(f: CheckFinding): string | undefined {
  const lines = (f.lines ?? []).map((l) => l.trim()).filter((l) => l !== '');
  const text = lines[0];
  if (text === undefined) return undefined;
  return text.length > FIRST_LINE ? `${text.slice(0, FIRST_LINE)}…` : text;
}

const first = (f: CheckFinding): string => {
  const line = firstLine(f);
  return line === undefined ? '' : ` (first: ${line})`;
};

/** What announced it: `coldStart trap`, the syslog line, the sweep — the first event of each source. */
function announcedBy(events: readonly WatchEvent[], kind: WatchEvent['kind']): string | undefined {
  const of = events.filter((e) => e.kind === kind);
  if (of.length === 0) return undefined;
  const bySource = new Map<string, WatchEvent>();
  for (const e of of) if (!bySource.has(e.source)) bySource.set(e.source, e);
  return [...bySource.values()].map((e) => e.detail).join('; ');
}

export function diagnose(input: DiagnosisInput): string[] {
  const { checked, events } = input;
  const out: string[] = [];
  const reloadBy = announcedBy(events, 'reload');
  if (checked.reboot) out.push(`rebooted at ${checked.reboot.at} (${[checked.reboot.by, reloadBy].filter(Boolean).join('; ')})`);
  else if (reloadBy) out.push(`reload announced (${reloadBy}); the check found no reboot since the last backup`);

  for (const f of checked.findings) {
    switch (f.kind) {
      case 'lost': {
        const n = statedCount(f);
        if (f.cause === 'factory-default') out.push(`lost: factory default, ${plural(n, 'line')} missing${first(f)}`);
        else if (f.cause === 'rebooted') out.push(`lost after the reboot: ${plural(n, 'line')} missing${first(f)}`);
        else out.push(`lost: the configuration shrank, ${plural(n, 'line')} missing${first(f)}`);
        break;
      }
      case 'lost-unsaved':
        out.push(`lost after the reboot: ${plural(f.lines?.filter((l) => l.trim() !== '').length ?? statedCount(f), 'unsaved line')} gone${first(f)}`);
        break;
      case 'unreachable':
      case 'unsaved':
      case 'startup-unreadable':
      case 'pair-peer-lost':
      case 'pair-link-down':
        out.push(f.message);
        break;
      default:
        break;
    }
  }

  // Stack members: what the check saw missing, with the feed the inventory hangs each on.
  const feedOf = new Map(input.members.map((m) => [m.number, m.feed]));
  const missing = checked.stack?.missing ?? [];
  for (const n of missing) {
    const feed = feedOf.get(n);
    out.push(`stack member ${n} missing${feed ? ` (feed ${feed})` : ''}`);
  }
  const otherProblems = (checked.stack?.problems ?? []).filter((p) => !/^member \d+ (missing|not ready)/.test(p));
  if (otherProblems.length > 0) out.push(`stack: ${otherProblems.join('; ')}`);
  // Announced lost and back by the time of the check: worth a line, it happened.
  const announced = [...new Set(events.filter((e) => e.kind === 'member-lost' && e.member !== undefined).map((e) => e.member!))];
  const back = announced.filter((n) => !missing.includes(n) && checked.stack !== null);
  if (back.length > 0) out.push(`stack member ${back.join(', ')} reported lost, present at the check`);
  if (checked.stack === null && announced.length > 0)
    out.push(`stack member ${announced.join(', ')} reported lost (${announcedBy(events, 'member-lost')}); the check read no stack table`);
  const peerBy = announcedBy(events, 'pair-peer-lost');
  if (peerBy && !checked.findings.some((f) => f.kind.startsWith('pair-'))) out.push(`pair peer reported lost (${peerBy}); the check found the pair fine`);
  return out;
}

/** One boot, however often it is read: the boot counter when there is one, else the boot time to the minute (uptime jitters by a second). */
function bootKey(r: CheckedDevice['reboot'] | undefined): string | undefined {
  if (!r) return undefined;
  return r.bootsAfter !== null ? `boots ${r.bootsAfter}` : r.at.slice(0, 16);
}

/**
 * The findings as one value that stays the same while the finding does: a restart (or the
 * sweep's next pass) with nothing new is not alerted again. `rebooted` by the boot time
 * (its message says how long ago, which changes), `stale` left out (not the watch's business).
 */
export function findingFingerprint(checked: Pick<CheckedDevice, 'findings' | 'reboot'>): string {
  const parts = checked.findings
    .filter((f) => f.kind !== 'stale')
    .map((f) => `${f.kind}:${f.kind === 'rebooted' ? (bootKey(checked.reboot) ?? f.message) : f.message}`)
    .sort();
  return createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 16);
}
