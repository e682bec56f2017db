// The alert as a Slack-compatible message (`--webhook-format slack`): `{ "text": … }` in
// Slack's mrkdwn, which Slack's incoming webhooks and the chat tools that copy them
// (Mattermost, Rocket.Chat, Discord's /slack endpoint) accept. Pure.

import type { AlertPayload } from './alert.js';

/**
 * The text is cut at whole lines beyond this many characters. Slack truncates a message
 * over 40,000 characters and asks clients to keep to 4,000 for readability
 * (api.slack.com/changelog/2018-04-truncating-really-long-messages); a message cut by
 * Slack loses the closing ``` of its code block and the rest reads as garbage. The JSON
 * format (or --exec-hook) carries everything.
 */
export const SLACK_TEXT_LIMIT = 3900;

/** Slack's three control characters in text (api.slack.com/reference/surfaces/formatting#escaping). */
export function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A code block may not hold ``` itself: it would close the block early. */
const inCode = (line: string): string => slackEscape(line).replace(/```/g, '`\u200b``');

export function slackMessage(p: AlertPayload): { text: string } {
  const head = `*switchback ${p.command}* on ${slackEscape(p.host)}: ${p.outcome === 'failures' ? 'failures' : 'findings'} (exit ${p.exitCode})`;
  const out: string[] = [head, slackEscape(p.summary)];
  for (const d of p.devices) {
    out.push('');
    out.push(`*${slackEscape(d.device)}* ${slackEscape(d.status)}`);
    if (d.failure) out.push(`• failed (${slackEscape(d.failure.stage)}): ${slackEscape(d.failure.reason)}`);
    for (const f of d.findings) {
      out.push(`• ${slackEscape(f.kind)}: ${slackEscape(f.message)}`);
      if (f.lines && f.lines.length > 0) out.push('```', ...f.lines.map(inCode), ...(f.moreLines ? [`… ${f.moreLines} more`] : []), '```');
    }
    if (d.diff) {
      out.push(`• running changed ${slackEscape(d.diff.from)} → ${slackEscape(d.diff.to)}: +${d.diff.added}/-${d.diff.removed}`);
      if (d.diff.lines.length > 0) out.push('```', ...d.diff.lines.map(inCode), ...(d.diff.moreLines ? [`… ${d.diff.moreLines} more`] : []), '```');
    }
  }
  if (p.unlisted > 0) out.push('', `${p.unlisted} other device${p.unlisted === 1 ? '' : 's'}: nothing to report`);
  return { text: cut(out) };
}

/** The lines up to the limit, a code block left open closed, and what was left out counted. */
function cut(lines: string[]): string {
  let size = 0;
  let open = false;
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    // Room for the closing ``` and the note.
    if (size + line.length + 1 > SLACK_TEXT_LIMIT - 80) {
      if (open) kept.push('```');
      kept.push(`_… ${lines.length - i} more lines: the JSON format (--webhook-format json) or --exec-hook carries everything_`);
      return kept.join('\n');
    }
    if (line === '```') open = !open;
    kept.push(line);
    size += line.length + 1;
  }
  return kept.join('\n');
}
