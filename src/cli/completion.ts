// `switchback completion bash|zsh|fish`: a completion script generated from the program
// itself, so a new command, subcommand or option completes without anyone editing a list.
// main.ts loads every command before this one runs; the walk below turns commander's
// program into plain data, and completion-scripts.ts renders that data for each shell.

import type { Command, Help, Option } from 'commander';
import { Argument } from 'commander';
import { renderCompletion, SHELLS } from './completion-scripts.js';
import type { Shell } from './completion-scripts.js';

/** One option as a shell needs it: its spellings, whether a value follows, and what values. */
export interface CompletionOption {
  /** `-q`, `--quiet`: every spelling the user may type. */
  names: string[];
  /** The next word is the option's value (`--inventory PATH`), not a command or a name. */
  takesValue: boolean;
  /** The values it accepts, when commander knows them (`.choices()`). */
  choices?: string[];
  description: string;
}

/** One command (or the program itself) and everything under it. */
export interface CompletionCommand {
  name: string;
  /** Where it sits: '' for the program, `/lab`, `/lab/up`. The scripts key on this. */
  path: string;
  description: string;
  options: CompletionOption[];
  commands: CompletionCommand[];
  /** Words offered for its arguments: the values of a `.choices()` argument, or for `help` its siblings' names. */
  words: string[];
  /** Its first argument is a device name (`[name...]`): the scripts offer the inventory's names. */
  deviceNames: boolean;
}

function optionFor(o: Option): CompletionOption {
  return {
    names: [o.short, o.long].filter((n): n is string => n !== undefined),
    takesValue: o.required || o.optional,
    ...(o.argChoices ? { choices: o.argChoices } : {}),
    description: o.description,
  };
}

/**
 * The program as plain data, by commander's own idea of what is visible (hidden options and
 * commands stay out of the scripts as they stay out of --help; the implicit `help` command
 * and the `-h`/`-V` options are in).
 */
export function completionTree(program: Command): CompletionCommand {
  const help: Help = program.createHelp();
  // `implicitHelp`: commander's own `help [command]`, which is not in the parent's `commands`.
  const walk = (cmd: Command, path: string, siblings: string[], implicitHelp: boolean): CompletionCommand => {
    const subs = help.visibleCommands(cmd);
    const names = subs.map((c) => c.name());
    const first: Argument | undefined = cmd.registeredArguments[0];
    return {
      name: cmd.name(),
      path,
      description: help.subcommandDescription(cmd),
      options: help.visibleOptions(cmd).map(optionFor),
      commands: subs.map((c) => walk(c, `${path}/${c.name()}`, names, !cmd.commands.includes(c))),
      words: implicitHelp ? siblings.filter((n) => n !== 'help') : (first?.argChoices ?? []),
      deviceNames: first !== undefined && ['name', 'device'].includes(first.name()),
    };
  };
  return walk(program, '', [], false);
}

export function registerCompletion(program: Command): void {
  program
    .command('completion')
    .description('print a shell completion script (commands, subcommands, options, device names)')
    .addArgument(new Argument('<shell>', 'the shell').choices(SHELLS))
    .addHelpText(
      'after',
      `
The script is generated from switchback itself, so it always matches this version: commands,
their options, the values an option accepts, and device names from the inventory (by running
\`switchback inventory\` when a device name is due, with the --inventory options already typed;
else $SWITCHBACK_INVENTORY, else devices/ here). Regenerate it after an upgrade.

Examples:
  source <(switchback completion bash)                                   # this shell; ~/.bashrc for every one
  switchback completion bash > ~/.local/share/bash-completion/completions/switchback
  switchback completion zsh > "\${fpath[1]}/_switchback"                   # then: compinit
  switchback completion fish > ~/.config/fish/completions/switchback.fish`,
    )
    .action((shell: Shell, _opts: unknown, cmd: Command) => {
      // `cmd.parent` is the program with every command loaded (main.ts loads them all for `completion`).
      process.stdout.write(renderCompletion(shell, completionTree(cmd.parent!)));
    });
}
