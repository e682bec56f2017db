// `show system commit`: the commit history, newest first, and whether a
// `commit confirmed` is waiting to be confirmed.
//
//   0   2024-04-02 03:35:34 UTC by mist via netconf commit confirmed, rollback in 10mins
//       mist-authkeys                 <- the commit comment, indented on the next line
//   1   2024-04-02 03:35:26 UTC by lab via cli
//   rescue  2024-01-01 00:00:00 UTC by root via other
//
// `commit confirmed, rollback in Nmins` stays on an entry after it was confirmed, so
// the text alone does not say a rollback is pending. A confirmation with a plain
// `commit` (what switchback sends) makes a newer entry; `commit check` confirms
// without one. While the timer runs Junos adds a `rollback pending` line to the newest
// entry (the `<commit-confirmed>rollback pending</commit-confirmed>` element of the XML
// answer). Pure: text in, history out.

export interface CommitEntry {
  /** 0 is the newest; the rescue configuration has no number. */
  index: number | 'rescue';
  /** As printed: `2020-03-05 16:04:34 UTC`. */
  time: string;
  user: string;
  /** How the commit was made: cli, netconf, junoscript, other, button, autoinstall … */
  client: string;
  /** The commit comment (`commit comment "…"`), when one was given. */
  comment?: string;
  /** Made with `commit confirmed N`: N. */
  confirmedMinutes?: number;
  /** Junos says this commit's rollback is still pending (it is unconfirmed and its timer runs). */
  rollbackPending?: boolean;
  /** Any other text after the client, as printed. */
  extra?: string;
}

export interface CommitHistory {
  entries: CommitEntry[];
  /**
   * The newest commit is a `commit confirmed` that may still roll back by itself: it
   * carries `rollback pending`, or (an answer without that line) it is the newest entry
   * and was made with `commit confirmed`. Erring towards "pending" is deliberate: it
   * only warns, and a confirmation by `commit` always makes a newer entry.
   */
  pendingConfirm?: { minutes?: number; certain: boolean };
}

const ENTRY = /^\s*(\d+|rescue)\s+(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?: [A-Za-z][\w+-]*)?) by (\S+) via (\S+)(?:\s+(.*?))?\s*$/;
const CONFIRMED = /commit confirmed, rollback in (\d+)\s*min/i;
const PENDING = /^\s*rollback pending\s*$/i;

export function parseCommitHistory(output: string): CommitHistory {
  const entries: CommitEntry[] = [];
  let last: CommitEntry | undefined;
  for (const line of output.replace(/\r\n?/g, '\n').split('\n')) {
    const m = ENTRY.exec(line);
    if (m) {
      last = {
        index: m[1] === 'rescue' ? 'rescue' : Number(m[1]),
        time: m[2] ?? '',
        user: m[3] ?? '',
        client: m[4] ?? '',
      };
      const extra = m[5] ?? '';
      const confirmed = CONFIRMED.exec(extra);
      if (confirmed) last.confirmedMinutes = Number(confirmed[1]);
      const rest = extra.replace(CONFIRMED, '').replace(/^[\s,]+|[\s,]+$/g, '');
      if (rest) last.extra = rest;
      entries.push(last);
      continue;
    }
    // Lines before the first entry (the command's echo, `Commit history:`) and blank lines are not comments.
    if (!last || line.trim() === '') continue;
    // The prompt and the `{master:0}` line close the list.
    if (/^\s*\{[\w:]+\}\s*$/.test(line) || /^\s*\S+@\S+[>#]\s*/.test(line)) {
      last = undefined;
      continue;
    }
    if (PENDING.test(line)) last.rollbackPending = true;
    else if (last.comment === undefined) last.comment = line.trim();
    else last.comment += `\n${line.trim()}`;
  }

  const history: CommitHistory = { entries };
  const newest = entries.find((e) => e.index === 0);
  if (newest && (newest.rollbackPending || newest.confirmedMinutes !== undefined)) {
    history.pendingConfirm = { certain: newest.rollbackPending === true };
    if (newest.confirmedMinutes !== undefined) history.pendingConfirm.minutes = newest.confirmedMinutes;
  }
  return history;
}
