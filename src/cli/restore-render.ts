// How a restore reads on a terminal and in cron mail: the plan (what will be typed), then
// the result (verified or not, which lines did not take, saved or not). Shared by restore
// and recover. Every configuration line here was masked by the job.

import { duration } from '../jobs/check-snmp.js';
import type { DeviceRestore, RestorePlan } from '../jobs/restore.js';
import { resultWords } from '../jobs/restore-record.js';
import { NEUTRAL_WORDS } from '../jobs/unsaved.js';
import type { ConfigWords } from '../platforms/platform.js';
import type { Style } from './style.js';

/** Plan lines printed per switch; --json (or --dry-run --json) has them all. */
export const MAX_PLAN_LINES = 60;

export function renderPlan(device: string, target: string, plan: RestorePlan, s: Style, maxLines = MAX_PLAN_LINES): string {
  const out: string[] = [];
  const counts = `${plan.add} line${plan.add === 1 ? '' : 's'} to add, ${plan.remove} to remove`;
  if (plan.add + plan.remove === 0) out.push(`${s.bold(device)}: already runs ${target}; nothing to type`);
  else out.push(`${s.bold(device)}: ${counts} to match ${target}`);
  const shown = plan.lines.slice(0, maxLines);
  for (const l of shown) out.push('    ' + (l.startsWith('+ ') ? s.green(l) : l.startsWith('- ') ? s.red(l) : s.dim(l)));
  if (plan.lines.length > shown.length) out.push(s.dim(`    … ${plan.lines.length - shown.length} more lines (--dry-run --json shows them all)`));
  if (plan.unremovable.length > 0) {
    out.push(`  left as they are (the switch cannot remove them): ${plan.unremovable.filter((l) => l.startsWith('- ')).length} line(s)`);
    for (const l of plan.unremovable.slice(0, 10)) out.push(s.dim('    ' + l));
  }
  return out.join('\n') + '\n';
}

/** `words`: the switch's platform's names for running and startup (neutral when it is not known). */
export function renderResult(r: DeviceRestore, s: Style, words: ConfigWords = NEUTRAL_WORDS): string {
  const took = duration(Math.max(1, Math.round(r.durationMs / 1000)));
  const out: string[] = [];
  switch (r.status) {
    case 'planned':
    case 'declined':
      return '';
    case 'failed':
      out.push(`${s.bold(r.device)}: ${s.red('FAILED')} at ${r.stage}: ${r.reason}`);
      if (r.push && r.push.rejected.length > 0) out.push(...rejected(r.push.rejected, s));
      if (r.verification) out.push(...differences(r.verification, words));
      out.push('  nothing was saved; last good is kept' + (r.push && r.push.typed > 0 ? ' (the backup records what the switch runs now)' : ''));
      break;
    case 'verified':
    case 'not-verified': {
      const head = r.status === 'verified' ? s.green('VERIFIED') : s.red('NOT VERIFIED');
      const typed = r.push.of === 0 ? 'nothing to type' : `${r.push.typed} of ${r.push.of} changes typed`;
      out.push(`${s.bold(r.device)}: ${head} — ${typed}, ${resultWords(r)} (${took})`);
      if (r.status === 'verified') out.push(`  ${words.running} now equals ${r.target.label}`);
      out.push(...rejected(r.push.rejected, s));
      if (r.push.skipped.length > 0) {
        out.push(`  skipped (under a rejected line): ${r.push.skipped.filter((l) => /^[+-] /.test(l)).length} line(s)`);
        for (const l of r.push.skipped.slice(0, 20)) out.push(s.dim('    ' + l));
      }
      out.push(...differences(r.verification, words));
      if (r.save.state === 'failed') out.push(`  ${s.red('save failed')}: ${r.save.reason}`);
      if (r.save.state === 'not-saved' && r.save.why === 'not-verified')
        out.push(`  not saved: ${words.startup} is untouched. Fix the target (--from FILE) or the switch, then run restore again`);
      if (r.save.state === 'not-saved' && r.save.rollsBack !== undefined) out.push(`  ${r.save.rollsBack}`);
      else if (r.save.state === 'not-saved' && r.save.why === 'no-save')
        out.push(
          r.save.confirmed
            ? '  confirmed: the switch keeps it and does not roll back; not saved (--no-save): a power loss brings back what it boots with'
            : `  not saved (--no-save): a power loss brings back ${words.startup}`,
        );
      break;
    }
  }
  return out.join('\n') + '\n';
}

/** The lines that did not take, as the read-back shows them. */
function differences(v: { missing: string[]; leftOver: string[] }, words: ConfigWords): string[] {
  const out: string[] = [];
  if (v.missing.length > 0) {
    out.push(`  missing from ${words.running} after the restore:`);
    for (const l of v.missing.slice(0, 40)) out.push('    ' + l);
  }
  if (v.leftOver.length > 0) {
    out.push(`  still in ${words.running}, not in the target:`);
    for (const l of v.leftOver.slice(0, 40)) out.push('    ' + l);
  }
  return out;
}

function rejected(lines: { line: string; error: string }[], s: Style): string[] {
  if (lines.length === 0) return [];
  const out = [`  ${s.red(`${lines.length} line${lines.length === 1 ? '' : 's'} rejected by the switch`)}:`];
  for (const r of lines.slice(0, 20)) {
    out.push(...r.line.split('\n').map((l) => '    ' + l));
    out.push('      ' + s.yellow(r.error));
  }
  if (lines.length > 20) out.push(`    … ${lines.length - 20} more (--json has them all)`);
  return out;
}
