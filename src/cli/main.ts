// The switchback command line: commander wiring only; each command lives in its own file.

import { Command, CommanderError } from 'commander';
import { createRequire } from 'node:module';
import { registerBackup } from './backup.js';
import { registerCheck } from './check.js';
import { registerDemo } from './demo.js';
import { registerDiff } from './diff.js';
import { EXIT, UserError } from './exit-codes.js';
import { registerGood } from './good.js';
import { registerHistory } from './history.js';
import { registerInventory } from './inventory.js';
import { registerLab } from './lab.js';
import { optionDescription } from './options.js';
import { registerReady } from './ready.js';
import { registerRecover } from './recover.js';
import { registerRestore } from './restore.js';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

/**
 * Everything switchback creates (the backups repository, git's own files inside it, the
 * lab's inventory and control socket) holds or leads to configurations and secrets: it is
 * private to this user whatever umask the shell or cron gave. Set once, first, so that git
 * child processes inherit it too; core.sharedRepository alone would not make .git private.
 */
const PRIVATE_UMASK = 0o077;

export async function main(argv: string[]): Promise<number> {
  process.umask(PRIVATE_UMASK);
  const program = new Command();
  program
    .name('switchback')
    .description('Keeps the configuration of stacked network switches safe.')
    .version(version)
    .exitOverride()
    .configureOutput({ outputError: (str, write) => write(str) })
    // Before the commands are added: they inherit it.
    .configureHelp({ optionDescription })
    // --no-color means what NO_COLOR means, for every line any part of the command styles.
    .hook('preAction', (_program, command) => {
      if (command.opts().color === false) process.env.NO_COLOR = '1';
    })
    .addHelpText(
      'after',
      `
Examples:
  switchback demo                       # the built-in lab, end to end
  switchback lab up --devices 20        # simulated stacked switches on 127.0.0.1

Exit codes: 0 ok, 1 part of the job failed, 2 bad invocation or inventory, 3 findings.`,
    );
  registerBackup(program);
  registerCheck(program);
  registerGood(program);
  registerDiff(program);
  registerRestore(program);
  registerRecover(program);
  registerReady(program);
  registerHistory(program);
  registerInventory(program);
  registerLab(program);
  registerDemo(program);
  try {
    await program.parseAsync(argv, { from: 'user' });
    // A command that found something sets process.exitCode (3: findings; 1: part failed).
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (err instanceof UserError) {
      process.stderr.write(`switchback: ${err.message}\n`);
      // --json promises one document on stdout, failures included.
      if (argv.includes('--json')) process.stdout.write(JSON.stringify({ error: err.message, exitCode: err.exitCode }, null, 2) + '\n');
      return err.exitCode;
    }
    process.stderr.write(`switchback: ${(err as Error).stack ?? String(err)}\n`);
    return EXIT.failed;
  }
}
