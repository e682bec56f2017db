// file-replace: the switch fetches the whole target from switchback's own TFTP sender (for
// this one switch and this one file, at the URL the platform builds) and replaces its
// running configuration with it, computing the difference itself.
// The plan shown is the line-merge plan when the platform has one, else the line diff.

import { randomBytes } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { maskSecrets, unsavedLines } from '../../config/normalise.js';
import type { FileReplaceStrategy, PlatformConfigure } from '../../platforms/platform.js';
import type { TypingDialect } from '../../transport/cli-engine.js';
import { startTftpSender } from '../../transport/tftp-sender.js';
import { asCaptureError } from '../capture.js';
import { describePlan, typingDialect, verifyUnits } from './line-merge.js';
import { planPush } from '../../config/push-plan.js';
import { RestoreFailure } from './types.js';
import type { StrategyContext, StrategyRun, Verification } from './types.js';

export function fileReplace(ctx: StrategyContext, replace: FileReplaceStrategy, configure: PlatformConfigure | undefined): StrategyRun {
  const { platform, target } = ctx;
  const mask = (l: string) => maskSecrets(platform, l);
  return {
    async plan(before) {
      if (configure) {
        const planned = planPush(platform.syntax, configure, before, target);
        return { plan: describePlan(platform, planned), changes: planned.items.length };
      }
      const d = unsavedLines(platform.syntax, target, before);
      return {
        plan: {
          add: d.counts.added,
          remove: d.counts.removed,
          lines: [...d.added.map((l) => `+ ${mask(l)}`), ...d.removed.map((l) => `- ${mask(l)}`)],
          unremovable: [],
        },
        changes: d.counts.added + d.counts.removed,
      };
    },
    async abandon() {},
    apply: (push) => replaceWhole(ctx, replace, configure, push),
    verify(after): Verification {
      if (configure) return verifyUnits(platform, configure, after, target);
      const d = unsavedLines(platform.syntax, target, after);
      return { same: d.counts.added + d.counts.removed === 0, missing: d.added.map(mask), leftOver: d.removed.map(mask), unremovable: [] };
    },
  };
}

async function replaceWhole(
  ctx: StrategyContext,
  replace: FileReplaceStrategy,
  configure: PlatformConfigure | undefined,
  push: { typed: number; of: number; rejected: { line: string; error: string }[] },
): Promise<void> {
  const { shell, device, platform, target } = ctx;
  const tftp = device.tftp;
  if (!tftp)
    throw new RestoreFailure(
      'replace',
      `${device.origin.file}: ${device.name}: replace mode needs tftp: { address: …, port: 69 } — the switch fetches the target from switchback's TFTP server there`,
    );
  let from: string;
  try {
    from = isIP(device.host) ? device.host : (await lookup(device.host)).address;
  } catch (err) {
    throw new RestoreFailure('replace', `cannot resolve ${device.host}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const filename = `switchback-${device.name}-${randomBytes(6).toString('hex')}.cfg`;
  const sender = await startTftpSender({
    address: tftp.address,
    port: tftp.port,
    serve: { filename, from, content: Buffer.from(target, 'utf8') },
    timeoutMs: device.timeouts.commandMs,
  }).catch((err: unknown) => {
    throw new RestoreFailure('replace', `cannot serve the target over TFTP on ${tftp.address}:${tftp.port}: ${(err as Error).message}`);
  });
  try {
    // Typed like configuration: the replaced configuration may name the switch anew, and the
    // prompt to wait for is then the new one.
    const base: TypingDialect = configure ? typingDialect(platform, configure) : { prompt: platform.prompt, errors: [], questions: [] };
    const dialect: TypingDialect = { ...base, errors: [replace.failed] };
    // The switch applies the whole configuration before it answers: as long as the session may last.
    const out = await shell.engine
      .type([replace.command(replace.url(tftp.address, filename))], dialect, ctx.longStepMs)
      .then((t) => t.output)
      .catch((err: unknown) => {
        throw new RestoreFailure('replace', `${asCaptureError(err).message}; nothing was saved`);
      });
    push.typed = push.of;
    if (!replace.ok.test(out) || replace.failed.test(out)) {
      const said = out.split('\n').find((l) => replace.failed.test(l)) ?? out.trim().split('\n').pop() ?? '';
      push.rejected.push({ line: '(file replace)', error: maskSecrets(platform, said.trim()) });
    }
  } finally {
    await sender.close();
  }
}
