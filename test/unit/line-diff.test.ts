// The fast line diff (src/config/line-diff.ts) must give exactly what the `diff` package gave
// before it: the same runs, the same hunks, so `switchback diff`, unsaved and check print
// the same lines. Checked on real captures with random edits, on edge cases, and through
// compareConfigs and unsavedLines against the code they replaced.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { diffArrays, structuredPatch } from 'diff';
import { describe, expect, it } from 'vitest';
import { diffArraysFast, diffRuns, linePatch, lineTokens } from '../../src/config/line-diff.js';
import { extractConfig, lineKey, linesInPlace, maskSecrets, SECRET_MASK, significant, unsavedLines, withoutComments } from '../../src/config/normalise.js';
import type { ConfigLine } from '../../src/config/normalise.js';
import { compareConfigs } from '../../src/jobs/diff.js';
import { PLATFORM_NAMES, platformByName } from '../../src/platforms/index.js';
import type { Platform } from '../../src/platforms/platform.js';

const REAL: { platform: string; file: string }[] = [
  { platform: 'dell-os6', file: 'test/fixtures/real/napalm-dellos6/test_get_config/normal/show_running_config.txt' },
  { platform: 'dell-os10', file: 'test/fixtures/real/napalm-dellos10/mocked_data/test_get_config/normal/show_running_configuration.txt' },
  { platform: 'cisco-nxos', file: 'test/fixtures/real/napalm/nxos_ssh/test_get_config/normal/show_running_config.txt' },
  { platform: 'aruba-os-switch', file: 'test/fixtures/real/napalm-procurve/test_get_config/normal/show_running_config.txt' },
  { platform: 'aruba-aoscx', file: 'test/fixtures/real/oxidized/aoscx#8325H_HL.10.15.1020#output.txt' },
  { platform: 'juniper-junos', file: 'test/fixtures/real/oxidized/junos#srx300_22.4#output.txt' },
];

/** A small deterministic generator, so a failure names a case that can be run again. */
function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 2 ** 32;
  };
}

/** `lines` with `n` edits: lines removed, inserted (often copies of other lines: configs repeat `!` and ` exit`), replaced, blocks moved. */
function edit(lines: string[], n: number, rnd: () => number): string[] {
  const out = lines.slice();
  const pick = () => out[Math.floor(rnd() * out.length)] ?? '!';
  for (let e = 0; e < n; e++) {
    const at = Math.floor(rnd() * (out.length + 1));
    const r = rnd();
    if (r < 0.3) out.splice(at, 1);
    else if (r < 0.55) out.splice(at, 0, pick());
    else if (r < 0.75) out.splice(at, 0, `changed line ${e}`);
    else if (r < 0.9) out[Math.min(at, out.length - 1)] = pick();
    else {
      const block = out.splice(at, 1 + Math.floor(rnd() * 6));
      out.splice(Math.floor(rnd() * (out.length + 1)), 0, ...block);
    }
  }
  return out;
}

/** compareConfigs as it was before line-diff.ts: structuredPatch, and both texts masked in full. */
function oldCompare(platform: Platform, from: string, to: string, context: number) {
  const a = withoutComments(platform.syntax, extractConfig(platform, from));
  const b = withoutComments(platform.syntax, extractConfig(platform, to));
  const maskedA = maskSecrets(platform, a).split('\n');
  const maskedB = maskSecrets(platform, b).split('\n');
  let hunks = structuredPatch('from', 'to', a, b, undefined, undefined, { context }).hunks.map((h) => {
    let i = h.oldStart - 1;
    let j = h.newStart - 1;
    const lines = h.lines.map((line) => {
      const mark = line[0];
      if (mark === '-') return '-' + (maskedA[i++] ?? line.slice(1));
      if (mark === '+') return '+' + (maskedB[j++] ?? line.slice(1));
      if (mark === ' ') {
        j++;
        return ' ' + (maskedA[i++] ?? line.slice(1));
      }
      return line;
    });
    return { ...h, lines };
  });
  const comment = platform.syntax.comment.global || platform.syntax.comment.sticky ? new RegExp(platform.syntax.comment.source) : platform.syntax.comment;
  const separator = (line: string) => /^[+-]\s*$/.test(line) || (/^[+-]/.test(line) && comment.test(line.slice(1)) && !/\w/.test(line));
  hunks = hunks.filter((h) => h.lines.some((l) => (l.startsWith('+') || l.startsWith('-')) && !separator(l)));
  let added = 0;
  let removed = 0;
  for (const h of hunks) {
    for (const line of h.lines) {
      if (separator(line)) continue;
      if (line.startsWith('+')) added++;
      else if (line.startsWith('-')) removed++;
    }
  }
  return { equal: hunks.length === 0, added, removed, hunks };
}

/** What unsavedLines computed before: diffArrays on line keys (1,000 edits at most, else the order-blind count). */
function oldUnsavedRuns(running: ConfigLine[], startup: ConfigLine[]) {
  return diffArrays(startup.map(lineKey), running.map(lineKey), { maxEditLength: 1000 })?.map((c) => ({
    count: c.value.length,
    added: c.added,
    removed: c.removed,
  }));
}

describe('line diff: the diff package’s answer, faster', () => {
  it('gives diffArrays’ runs and structuredPatch’s hunks on real captures with random edits', () => {
    for (const { file } of REAL) {
      const text = readFileSync(file, 'utf8');
      const lines = text.split('\n');
      for (let seed = 1; seed <= 12; seed++) {
        const rnd = random(seed * 7919 + lines.length);
        const edited = edit(lines, 1 + Math.floor(rnd() * 40), rnd);
        const context = Math.floor(rnd() * 5);
        const what = `${file} seed ${seed}`;
        expect(diffArraysFast(lines, edited), what).toEqual(diffArrays(lines, edited));
        const max = Math.floor(rnd() * 30);
        expect(diffArraysFast(lines, edited, { maxEditLength: max }), `${what} max ${max}`).toEqual(diffArrays(lines, edited, { maxEditLength: max }));
        const after = edited.join('\n') + (rnd() < 0.5 ? '\n' : '');
        expect(linePatch(text, after, context), what).toEqual(structuredPatch('a', 'b', text, after, undefined, undefined, { context }).hunks);
      }
    }
  });

  it('handles the edge cases as the package does: empty, identical, all changed, duplicates, no final newline, CRLF', () => {
    const cases: [string, string][] = [
      ['', ''],
      ['', 'a\nb\n'],
      ['a\nb\n', ''],
      ['a\nb\nc\n', 'a\nb\nc\n'],
      ['a\nb\nc\n', 'x\ny\nz\n'],
      ['!\n!\n!\n', '!\n!\n'],
      ['!\n!\n', '!\n!\n!\n!\n'],
      [' exit\n exit\nend\n', 'end\n exit\n exit\n'],
      ['a\nb', 'a\nb\n'],
      ['a\nb\n', 'a\nc'],
      ['a\r\nb\r\n', 'a\nb\r\n'],
      ['\n\n\n', '\n\nx\n\n'],
      ['a\nb', 'x\na\nb'],
      ['a\nb', 'b\na'],
      ['b\na', 'a\nb\na'],
      ['a', 'a\n'],
    ];
    for (const [a, b] of cases) {
      for (const context of [0, 1, 3]) {
        expect(linePatch(a, b, context), JSON.stringify([a, b, context])).toEqual(structuredPatch('a', 'b', a, b, undefined, undefined, { context }).hunks);
      }
      const [ta, tb] = [lineTokens(a), lineTokens(b)];
      expect(diffArraysFast(ta, tb), JSON.stringify([a, b])).toEqual(diffArrays(ta, tb));
    }
    expect(diffRuns([], [])).toEqual([]);
    expect(diffRuns(['x'], ['x'], { maxEditLength: 0 })).toEqual([{ count: 1, added: false, removed: false }]);
    expect(diffRuns(['x'], ['y'], { maxEditLength: 1 })).toBeUndefined();
  });

  it('stays exact on a large diff whose paths outgrow the node pool (dead paths dropped)', () => {
    // About 1,800 lines added or removed: some 1.6 million path nodes, beyond the size at which the pool drops dead paths.
    const rnd = random(42);
    const a = Array.from({ length: 4000 }, (_, i) => (rnd() < 0.3 ? '!' : `line ${i % 700}`));
    const b = edit(a, 1200, rnd);
    expect(diffArraysFast(a, b)).toEqual(diffArrays(a, b));
  });

  it('compareConfigs shows the same hunks, masked the same way, as before', () => {
    let masked = 0;
    for (const { platform: name, file } of REAL) {
      const platform = platformByName(name)!;
      const text = readFileSync(file, 'utf8');
      const lines = text.split('\n');
      for (let seed = 1; seed <= 6; seed++) {
        const rnd = random(seed * 104729 + lines.length);
        const after = edit(lines, 1 + Math.floor(rnd() * 25), rnd).join('\n');
        const context = Math.floor(rnd() * 4);
        const now = compareConfigs(platform, text, after, { context, showSecrets: false });
        expect(now, `${file} seed ${seed}`).toEqual(oldCompare(platform, text, after, context));
        masked += now.hunks.flatMap((h) => h.lines).filter((l) => l.includes(SECRET_MASK)).length;
      }
    }
    // Secret lines were among those shown, so the masking was compared too.
    expect(masked).toBeGreaterThan(0);
  });

  it('unsavedLines reads the same added and removed lines as diffArrays did', () => {
    for (const { platform: name, file } of REAL) {
      const platform = platformByName(name)!;
      if (platform.syntax.hierarchy === 'set') continue; // order-blind there: no sequence diff
      const startup = extractConfig(platform, readFileSync(file, 'utf8'));
      const lines = startup.split('\n');
      for (let seed = 1; seed <= 6; seed++) {
        const rnd = random(seed * 31 + lines.length);
        const running = edit(lines, 1 + Math.floor(rnd() * 30), rnd).join('\n');
        const [run, start] = [significant(platform.syntax, running), significant(platform.syntax, startup)];
        const runs = oldUnsavedRuns(run, start);
        expect(diffRuns(start.map(lineKey), run.map(lineKey), { maxEditLength: 1000 }), `${file} seed ${seed}`).toEqual(runs);
        const diff = unsavedLines(platform.syntax, running, startup);
        const added = runs?.filter((r) => r.added).reduce((n, r) => n + r.count, 0);
        expect(diff.counts.added, `${file} seed ${seed}`).toBe(added);
      }
      expect(unsavedLines(platform.syntax, startup, startup)).toEqual({ added: [], removed: [], counts: { added: 0, removed: 0 } });
    }
  });

  it('withoutComments (what compareConfigs compares) drops the same lines as when it read every line in place', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir)) {
        const p = `${dir}/${e}`;
        if (statSync(p).isDirectory()) walk(p);
        else files.push(p);
      }
    };
    walk('test/fixtures/real');
    // Banners as IOS and ProCurve print them: their comment-looking lines are text, not comments.
    const bannered = [
      'hostname sw1\n!\nbanner motd ^C\n! Authorised access only #\n# really\n^C\n!\ninterface Gi1/0/1\n description x\n!\nend\n',
      'hostname sw1\n!\nbanner login #\n! text\n#\nbanner exec ^Cone line^C\n! note\nend\n',
      'hostname "sw1"\nbanner motd "\n; Authorised access only\n; (no comment)\n"\nvlan 1\n   name "DEFAULT_VLAN"\n   exit\n; a comment\n',
    ];
    let banners = 0;
    for (const name of PLATFORM_NAMES) {
      const platform = platformByName(name)!;
      const comment = new RegExp(platform.syntax.comment.source, platform.syntax.comment.flags.replace(/[gy]/g, ''));
      for (const [file, text] of [...files.map((f) => [f, readFileSync(f, 'utf8')] as const), ...bannered.map((t, i) => [`banner ${i}`, t] as const)]) {
        const placed = linesInPlace(platform.syntax, text);
        banners += placed.filter((l) => l.bannerText).length;
        const before = placed
          .filter((l) => l.bannerText || !comment.test(l.text) || !/\w/.test(l.text))
          .map((l) => l.text)
          .join('\n');
        expect(withoutComments(platform.syntax, text), `${name} ${file}`).toBe(before);
      }
    }
    // Banner text was among them: its comment-looking lines are kept.
    expect(banners).toBeGreaterThan(0);
  });
});
