// Options every command shares, defined once so that they read and behave the same everywhere.

import { Option } from 'commander';

/**
 * A list option given again for each value: `--inventory a.yaml --inventory b.yaml`.
 * Never commander's variadic `<x...>`: that swallows the device names after it.
 */
export function repeatable(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Repeatable and comma-separated (for names, which hold no commas): `--x a,b --x c` is [a, b, c]. */
export function commaList(value: string, previous: string[] | undefined): string[] {
  return [
    ...(previous ?? []),
    ...value
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
  ];
}

/** An option whose default comes from elsewhere (an environment variable, the mode): shown as `(default: shown)`. */
export function optionShowingDefault(flags: string, description: string, shown: string): Option {
  return new Option(flags, description).default(undefined, shown);
}

/** `-q/--quiet`, on every command that prints: what it leaves out is the command's to say. */
export function quietOption(description = 'print only what needs attention and the summary line'): Option {
  return new Option('-q, --quiet', description);
}

/** `--no-color`, on every command that prints: it works as NO_COLOR does (main.ts sets it). */
export function noColorOption(): Option {
  return new Option('--no-color', 'no colour, even on a terminal (as NO_COLOR=1)');
}

/** Every default shown one way, `(default: 20)`, whether commander holds it or the command works it out. */
export function optionDescription(option: Option): string {
  const shown = option.defaultValueDescription ?? (option.defaultValue !== undefined && !option.isBoolean() ? String(option.defaultValue) : undefined);
  return shown === undefined ? option.description : `${option.description} (default: ${shown})`;
}
