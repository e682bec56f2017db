// The switchback command line: commander wiring only; each command lives in its own file.

import { Command, CommanderError } from 'commander';
import { createRequire } from 'node:module';
import { EXIT, UserError } from './exit-codes.js';
import { optionDescription } from './options.js';
import { printJson } from './json-output.js';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

type Register = (program: Command) => void;

/**
 * Every command, in the order `--help` lists them, with how to load it. A command's module
 * brings its job with it (SSH, SNMP, git, the lab…): loading all of them costs a start of the
 * CLI about 0.3 s of CPU, paid by every cron run and by every spawn in the tests. So only
 * the command a run names is loaded; the rest only when commander needs them all (top-level
 * help, no command, a name it does not know and may suggest a near one for).
 */
const COMMANDS: Record<string, () => Promise<Register>> = {
  backup: async () => (await import('./backup.js')).registerBackup,
  check: async () => (await import('./check.js')).registerCheck,
  good: async () => (await import('./good.js')).registerGood,
  diff: async () => (await import('./diff.js')).registerDiff,
  restore: async () => (await import('./restore.js')).registerRestore,
  recover: async () => (await import('./recover.js')).registerRecover,
  ready: async () => (await import('./ready.js')).registerReady,
  watch: async () => (await import('./watch.js')).registerWatch,
  history: async () => (await import('./history.js')).registerHistory,
  inventory: async () => (await import('./inventory.js')).registerInventory,
  lab: async () => (await import('./lab.js')).registerLab,
  demo: async () => (await import('./demo.js')).registerDemo,
  completion: async () => (await import('./completion.js')).registerCompletion,
};

/**
 * The commands this run needs: the one it names (`switchback NAME …` or `switchback help NAME`),
 * none for --version, else all — `completion` included: its script is generated from every
 * command. The program has no options of its own but --help and --version, so the first word
 * is the command's name.
 */
function commandsFor(argv: string[]): string[] {
  const [first, second] = argv;
  if (first === '--version' || first === '-V') return [];
  const named = first === 'help' ? second : first;
  if (named === 'completion') return Object.keys(COMMANDS);
  return named !== undefined && Object.hasOwn(COMMANDS, named) ? [named] : Object.keys(COMMANDS);
}

/**
 * Everything switchback creates (the backups repository, git's own files inside it, the
 * lab's inventory and control socket) holds or leads to configurations and secrets: it is
 * private to this user whatever umask the shell or cron gave. Set once, first, so that git
 * child processes inherit it too; core.sharedRepository alone would not make .git private.
 */
const PRIVATE_UMASK = 0o077;

/**
 * The program with the commands `argv` needs registered (all of them when `argv` names none).
 * Exported for what reads the program rather than runs it: the tests of the completion scripts
 * and of the deploy examples' flags.
 */
export async function programFor(argv: string[]): Promise<Command> {
  const program = new Command();
  program
    .name('switchback')
    .description('Keeps the configuration of stacked network switches safe.')
    .version(version)
    .exitOverride()
    // A command's options are its own, after its name: `inventory import --group` is import's,
    // not inventory's. Commands made with .command() inherit it (and pass it on to theirs).
    .enablePositionalOptions()
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
  const registers = await Promise.all(commandsFor(argv).map((name) => COMMANDS[name]!()));
  for (const register of registers) register(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  process.umask(PRIVATE_UMASK);
  const program = await programFor(argv);
  try {
    await program.parseAsync(argv, { from: 'user' });
    // A command that found something sets process.exitCode (3: findings; 1: part failed).
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.exitCode === 0) return EXIT.ok;
      // Commander said what is wrong on stderr already; --json still gets its one document.
      if (argv.includes('--json')) printJson({ error: err.message.replace(/^error: /, ''), exitCode: EXIT.usage });
      return EXIT.usage;
    }
    if (err instanceof UserError) {
      process.stderr.write(`switchback: ${err.message}\n`);
      // --json promises one document on stdout, failures included.
      if (argv.includes('--json')) printJson({ error: err.message, exitCode: err.exitCode });
      return err.exitCode;
    }
    process.stderr.write(`switchback: ${(err as Error).stack ?? String(err)}\n`);
    return EXIT.failed;
  }
}
