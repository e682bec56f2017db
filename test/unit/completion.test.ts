// `switchback completion bash|zsh|fish`: the scripts are generated from the program, and
// each shell really loads them; bash and fish really complete (the shell's own machinery:
// COMP_WORDS/COMPREPLY, `complete -C`), device names included, from a real inventory.

import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { completionTree } from '../../src/cli/completion.js';
import type { CompletionCommand } from '../../src/cli/completion.js';
import { renderCompletion } from '../../src/cli/completion-scripts.js';
import { programFor } from '../../src/cli/main.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const hasShell = (name: string) => {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

let tree: CompletionCommand;
let dir: string;
/** A PATH whose `switchback` is the CLI from its sources, ahead of the system's. */
let pathWithCli: string;
/** A folder with devices/site.yaml, where `switchback inventory` lists three devices. */
let site: string;

beforeAll(async () => {
  tree = completionTree(await programFor(['completion']));
  dir = mkdtempSync(join(tmpdir(), 'switchback-completion-'));
  for (const shell of ['bash', 'zsh', 'fish'] as const) writeFileSync(join(dir, `switchback.${shell}`), renderCompletion(shell, tree));
  mkdirSync(join(dir, 'bin'));
  const cli = join(dir, 'bin', 'switchback');
  writeFileSync(cli, `#!/bin/sh\nexec '${root}node_modules/.bin/tsx' '${root}test/helpers/switchback-src.ts' "$@"\n`);
  chmodSync(cli, 0o755);
  pathWithCli = `${join(dir, 'bin')}:${process.env.PATH}`;
  site = join(dir, 'site');
  mkdirSync(join(site, 'devices'), { recursive: true });
  writeFileSync(
    join(site, 'devices', 'site.yaml'),
    [
      'defaults:',
      '  credentials: { username: netops, password: env:SITE_PASSWORD }',
      'devices:',
      '  - { name: core-1, host: 10.0.0.1, platform: cisco-ios }',
      '  - { name: core-2, host: 10.0.0.2, platform: cisco-ios }',
      '  - { name: edge-1, host: 10.0.0.3, platform: cisco-ios }',
      '',
    ].join('\n'),
  );
});

/** What bash offers for `words` (the last one being completed), by the generated function. */
function bashComplete(words: string[], cwd = dir, env: Record<string, string> = {}): string[] {
  const script = `source ${dir}/switchback.bash
COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')})
COMP_CWORD=${words.length - 1}
_switchback
printf '%s\\n' "\${COMPREPLY[@]}"`;
  const out = execFileSync('bash', ['-c', script], { cwd, encoding: 'utf8', env: { ...process.env, PATH: pathWithCli, ...env } });
  return out.split('\n').filter((l) => l !== '');
}

describe('the completion tree', () => {
  it('holds every command, the subcommands and their options, read from the program', () => {
    const names = tree.commands.map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['backup', 'check', 'restore', 'recover', 'ready', 'inventory', 'lab', 'demo', 'completion', 'help']));
    const lab = tree.commands.find((c) => c.name === 'lab')!;
    expect(lab.commands.map((c) => c.name)).toEqual(expect.arrayContaining(['up', 'status', 'event', 'feed']));
    const backup = tree.commands.find((c) => c.name === 'backup')!;
    expect(backup.options.find((o) => o.names.includes('--concurrency'))).toMatchObject({ takesValue: true });
    expect(backup.options.find((o) => o.names.includes('--quiet'))).toMatchObject({ names: ['-q', '--quiet'], takesValue: false });
    expect(backup.deviceNames).toBe(true);
    expect(tree.commands.find((c) => c.name === 'completion')!.words).toEqual(['bash', 'zsh', 'fish']);
  });

  it('follows the program: an option or command added to it appears in every script without other changes', async () => {
    const program = await programFor(['backup']);
    program.commands.find((c) => c.name() === 'backup')!.option('--brand-new-flag <x>', 'a flag added today');
    program.command('brand-new-command').description('added today');
    const t = completionTree(program);
    for (const shell of ['bash', 'zsh', 'fish'] as const) {
      const script = renderCompletion(shell, t);
      expect(script).toContain('brand-new-command');
      expect(script).toContain(shell === 'fish' ? "-l 'brand-new-flag' -r" : '--brand-new-flag');
    }
  });
});

describe('bash', () => {
  it('completes commands, options, subcommands and the values a command accepts', () => {
    expect(bashComplete(['switchback', 'ba'])).toEqual(['backup']);
    expect(bashComplete(['switchback', 'backup', '--con'])).toEqual(['--concurrency']);
    expect(bashComplete(['switchback', 'lab', ''])).toEqual(expect.arrayContaining(['up', 'status', 'event', 'feed']));
    expect(bashComplete(['switchback', 'lab', 'up', '--pl'])).toEqual(['--platform']);
    expect(bashComplete(['switchback', 'completion', ''])).toEqual(['bash', 'zsh', 'fish']);
    expect(bashComplete(['switchback', 'help', 're'])).toEqual(['restore', 'recover', 'ready']);
  });

  it("skips an option's value: `--inventory lab` is a path, not the lab command", () => {
    // Were `lab` read as the command, `--` would offer the lab's options (no --concurrency).
    expect(bashComplete(['switchback', 'backup', '--inventory', 'lab', '--con'])).toEqual(['--concurrency']);
    // And the value itself completes as a file name.
    expect(bashComplete(['switchback', 'backup', '--inventory', 'site/dev'])).toEqual(['site/devices']);
  });

  it("offers the inventory's device names where a device name is due", () => {
    expect(bashComplete(['switchback', 'backup', 'co'], site)).toEqual(['core-1', 'core-2']);
    expect(bashComplete(['switchback', 'check', 'core-1', 'e'], site)).toEqual(['edge-1']);
    // --inventory on the line is the one asked.
    expect(bashComplete(['switchback', 'backup', '--inventory', 'site/devices', 'ed'], dir)).toEqual(['edge-1']);
    // As typed: `~/…` is the home folder (the shell has not expanded it on the line being completed).
    expect(bashComplete(['switchback', 'backup', '--inventory', '~/devices', 'ed'], dir, { HOME: site })).toEqual(['edge-1']);
  });
});

describe.skipIf(!hasShell('zsh'))('zsh', () => {
  it('loads the script under compinit and registers _switchback for switchback', () => {
    const out = execFileSync(
      'zsh',
      [
        '-f',
        '-c',
        `autoload -U compinit && compinit -u -d ${dir}/zcompdump && source ${dir}/switchback.zsh && print -r -- $_comps[switchback] && _switchback_spec /backup && print -r -- $sb_vals`,
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const [registered, values] = out.trim().split('\n');
    expect(registered).toBe('_switchback');
    expect(values!.split(' ')).toEqual(expect.arrayContaining(['--inventory', '--concurrency', '--backups']));
  });

  it('installed as _switchback in $fpath (the README way), compinit finds it by its #compdef line', () => {
    const fpathDir = join(dir, 'zsh-functions');
    mkdirSync(fpathDir, { recursive: true });
    writeFileSync(join(fpathDir, '_switchback'), renderCompletion('zsh', tree));
    const out = execFileSync(
      'zsh',
      ['-f', '-c', `fpath=(${fpathDir} $fpath) && autoload -U compinit && compinit -u -d ${dir}/zcompdump-fpath && print -r -- $_comps[switchback]`],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    expect(out.trim()).toBe('_switchback');
  });

  /**
   * The candidates _switchback hands zsh for `words`. Outside a completion widget zsh's own
   * _describe, compadd and _files cannot run: stand-ins print what they are given (zsh then
   * filters by the prefix typed), so this checks the script's walk, not zsh's matching.
   */
  const zshCandidates = (words: string[], cwd = dir) =>
    execFileSync(
      'zsh',
      [
        '-f',
        '-c',
        `source ${dir}/switchback.zsh 2>/dev/null
_describe() { local n=\${@[-1]}; print -rl -- "\${(@P)n}"; }
compadd() { local a; for a in "\${@[2,-1]}"; do print -rl -- "\${(@P)a}"; done; }
_files() { print -- '<files>'; }
words=(${words.map((w) => `'${w}'`).join(' ')}); CURRENT=${words.length}
_switchback`,
      ],
      { cwd, encoding: 'utf8', env: { ...process.env, PATH: pathWithCli } },
    )
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => l.split(':')[0]);

  it('offers the command, option and device candidates the walk finds', () => {
    expect(zshCandidates(['switchback', 'ba'])).toContain('backup');
    expect(zshCandidates(['switchback', 'backup', '--con'])).toContain('--concurrency');
    // After `--inventory lab`, still backup's options, not the lab command's.
    const afterValue = zshCandidates(['switchback', 'backup', '--inventory', 'lab', '--']);
    expect(afterValue).toContain('--concurrency');
    expect(afterValue).not.toContain('--devices');
    expect(zshCandidates(['switchback', 'backup', '--inventory', ''])).toEqual(['<files>']);
    expect(zshCandidates(['switchback', 'backup', 'co'], site)).toEqual(['core-1', 'core-2', 'edge-1']);
  });
});

describe.skipIf(!hasShell('fish'))('fish', () => {
  const fishComplete = (line: string, cwd = dir, home?: string) =>
    execFileSync('fish', ['--no-config', '-c', `source ${dir}/switchback.fish; and complete -C '${line}'`], {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, PATH: pathWithCli, ...(home ? { HOME: home } : {}) },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => l.split('\t')[0]);

  it('completes commands, options and subcommands with `complete -C`', () => {
    expect(fishComplete('switchback ba')).toEqual(['backup']);
    expect(fishComplete('switchback backup --con')).toEqual(['--concurrency']);
    expect(fishComplete('switchback lab ')).toEqual(expect.arrayContaining(['up', 'status', 'event', 'feed']));
    expect(fishComplete('switchback backup --inventory lab --con')).toEqual(['--concurrency']);
  });

  it("offers the inventory's device names", () => {
    expect(fishComplete('switchback backup co', site)).toEqual(['core-1', 'core-2']);
    expect(fishComplete('switchback backup --inventory ~/devices ed', dir, site)).toEqual(['edge-1']);
  });
});
