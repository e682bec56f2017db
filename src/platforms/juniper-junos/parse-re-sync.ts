// Whether the last commit reached every routing engine of a Virtual Chassis (or a dual-RE
// chassis): `show system uptime invoke-on all-routing-engines` prints one section per RE
// (`fpc0:` on a VC, `re0:` on a chassis), each with its own `Last configured: TIME by USER`.
// A plain `commit` (without `synchronize`, and without `system commit synchronize`
// configured) updates the master only, so the backup's section shows an older commit. One
// section (a standalone switch, one RE): nothing to synchronise. Pure.

export interface ReSync {
  synced: boolean;
  detail: string;
}

/** Sections `fpcN:` / `reN:` and each one's `Last configured:` line (time and user). */
export function lastConfiguredByRe(output: string): { re: string; last: string }[] {
  const out: { re: string; last: string }[] = [];
  let re: string | undefined;
  for (const raw of output.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    const head = /^((?:fpc|re|node)\d+):$/.exec(line);
    if (head) {
      re = head[1];
      continue;
    }
    const last = /^Last configured:\s*(.+?)\s*$/.exec(line);
    if (last && re !== undefined && !out.some((x) => x.re === re)) out.push({ re, last: last[1]! });
  }
  return out;
}

export function parseReSync(output: string): ReSync {
  const res = lastConfiguredByRe(output);
  if (res.length < 2) return { synced: true, detail: 'one routing engine' };
  const [master, ...others] = res;
  const behind = others.filter((r) => r.last !== master!.last);
  if (behind.length === 0) return { synced: true, detail: `every routing engine has the last commit (${master!.last})` };
  return {
    synced: false,
    detail:
      behind.map((r) => `${r.re} last configured ${r.last}`).join(', ') +
      `, ${master!.re} (master) ${master!.last}: a plain commit on a Virtual Chassis; commit synchronize copies it`,
  };
}
