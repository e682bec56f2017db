// `switchback inventory import --from oxidized|rancid|ansible FILE`: another tool's inventory
// to a switchback inventory file. The parsers are pure (src/inventory/import/); this file
// reads the source, writes the result only after it loads as an inventory, and says what was
// left out. Registered under `inventory` by one line in inventory.ts.

import { Command, Option } from 'commander';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { link, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { echo } from '../inventory/echo.js';
import { InventoryError, loadInventory } from '../inventory/load.js';
import { fsReason, readRegularFile } from '../inventory/read-file.js';
import { parseAnsibleIni } from '../inventory/import/ansible-ini.js';
import type { Vars } from '../inventory/import/ansible-inventory.js';
import { parseAnsibleYaml, AnsibleYamlError } from '../inventory/import/ansible-yaml.js';
import { looksLikeYaml, resolveAnsible } from '../inventory/import/ansible.js';
import { toDevices } from '../inventory/import/devices.js';
import type { ImportResult } from '../inventory/import/devices.js';
import { IMPORT_TOOLS } from '../inventory/import/entry.js';
import type { ImportTool, ParseResult, Skipped } from '../inventory/import/entry.js';
import { modelTable } from '../inventory/import/models.js';
import { OXIDIZED_DEFAULT_MAP, parseDelimiter, parseOxidized, parseOxidizedMap } from '../inventory/import/oxidized.js';
import { parseOxidizedConfig } from '../inventory/import/oxidized-config.js';
import type { OxidizedConfig } from '../inventory/import/oxidized-config.js';
import { parseRancid } from '../inventory/import/rancid.js';
import { renderInventory } from '../inventory/import/render.js';
import { PLATFORM_NAMES } from '../platforms/index.js';
import { errnoCode, tempNameFor, writeNewFile } from '../store/atomic.js';
import { EXIT, UserError } from './exit-codes.js';
import { DEFAULT_INVENTORY, problemList } from './inventory.js';
import { noColorOption, optionShowingDefault, quietOption, repeatable } from './options.js';

/** The largest source read: a router.db line is tens of bytes, so this is a million devices. */
const SOURCE_LIMIT = 64 * 1024 * 1024;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

interface ImportOptions {
  from: ImportTool;
  out?: string;
  dryRun?: boolean;
  force?: boolean;
  model?: string[];
  modelDefault?: string;
  config?: string;
  group?: string;
  map?: string;
  delimiter?: string;
  usernameEnv: string;
  passwordEnv: string;
  quiet?: boolean;
}

/** The `import` subcommand of `inventory`, with the program's settings (exit override, help). */
export function inventoryImportCommand(program: Command): Command {
  return new Command('import')
    .copyInheritedSettings(program)
    .description("write a switchback inventory file from Oxidized's router.db, RANCID's router.db or an Ansible inventory")
    .argument('<file>', "the source: Oxidized's CSV source (router.db), a RANCID group's router.db, an Ansible inventory (INI or YAML)")
    .addOption(new Option('--from <tool>', 'the tool FILE is from').choices(IMPORT_TOOLS).makeOptionMandatory())
    .addOption(optionShowingDefault('--out <path>', 'the inventory file to write (a folder: FROM.yaml in it)', `${DEFAULT_INVENTORY}FROM.yaml`))
    .option('--dry-run', 'print the inventory on stdout and write nothing')
    .option('--force', 'replace the output file if it exists')
    .addOption(
      new Option(
        '--model <name=platform>',
        `map a model name to a platform yourself (repeatable); wins over switchback's own table (platforms: ${[...PLATFORM_NAMES].sort().join(', ')})`,
      ).argParser(repeatable),
    )
    .option('--group <group>', "the group of every device the source gives none (a RANCID group's name)")
    .option(
      '--config <file>',
      "oxidized: read the CSV source's map, delimiter, model_map and default model from Oxidized's config (~/.config/oxidized/config); the options below win",
    )
    .addOption(
      optionShowingDefault(
        '--map <fields>',
        "oxidized: the source's map: as field=column pairs (name, ip, model, group, username; password and enable only to report them)",
        "name=0,model=1, or the config's",
      ),
    )
    .option('--delimiter <text>', 'oxidized: the field separator, or /regexp/ (default ":"); rancid: ";" or ":" (default: ";" if any line holds one)')
    .option('--model-default <model>', "oxidized: the model of a line without one (Oxidized's config `model:`)")
    .option('--username-env <name>', 'the environment variable the written defaults take the login name from', 'SWITCHBACK_USERNAME')
    .option('--password-env <name>', 'the environment variable the written defaults take the password from', 'SWITCHBACK_PASSWORD')
    .addOption(quietOption('print only the entries left out and the summary line'))
    .addOption(noColorOption())
    .addHelpText(
      'after',
      `
Each device's model (Oxidized model, RANCID type, Ansible ansible_network_os) maps to the
one platform that lists it (docs/PLATFORMS.md); a model no platform lists is reported with
its line and the device left out, never guessed: map it with --model NAME=PLATFORM.
Passwords in the source are never copied: the file's defaults read the login and password
from the environment (env:SWITCHBACK_USERNAME, env:SWITCHBACK_PASSWORD). A login name the
source gives a device is kept. Names are made valid device names (lower case), and a name
already used (in the source, or by another file beside the output) is reported.
RANCID: only devices whose state is "up" are imported (the others are listed). Ansible:
hosts with ansible_network_os, their groups (nested children) and group variables, and the
group_vars/ and host_vars/ folders beside the inventory.

The file is written only once it loads as a switchback inventory, and an existing file is
never replaced without --force.

Examples:
  switchback inventory import --from oxidized ~/.config/oxidized/router.db
  switchback inventory import --from oxidized ~/.config/oxidized/router.db --config ~/.config/oxidized/config
  switchback inventory import --from oxidized nodes.csv --delimiter , --map name=0,ip=1,model=2,group=3
  switchback inventory import --from rancid /var/lib/rancid/core/router.db --group core --out devices/core.yaml
  switchback inventory import --from ansible hosts.yml --model my_os=PLATFORM --dry-run

Exit codes: 0 every device imported (RANCID devices not "up" aside), 3 written but some
entries left out (each on stderr), 2 bad invocation, a source that cannot be read, an
output that exists, or nothing to import; 1 the file could not be written.`,
    )
    .action(async (file: string, opts: ImportOptions) => {
      process.exitCode = await runImport(file, opts);
    });
}

async function runImport(file: string, opts: ImportOptions): Promise<number> {
  const given = givenModels(opts.model ?? []);
  for (const env of [opts.usernameEnv, opts.passwordEnv])
    if (!ENV_NAME.test(env)) throw new UserError(`"${echo(env)}" is not an environment variable name (letters, digits and _)`);
  const out = outputPath(opts);
  if (!opts.dryRun && !opts.force && existsSync(out)) throw new UserError(`${out} exists; --force replaces it, --out writes elsewhere`);

  const read = readRegularFile(file, SOURCE_LIMIT);
  if ('problem' in read) throw new UserError(`${file}: cannot read: ${read.problem}`);
  const parsed = parse(file, read.text, opts);
  const taken = namesBeside(out); // a dry run too: it says what the real one would leave out
  const result = toDevices(parsed, { models: modelTable(opts.from, given), ...(opts.group !== undefined ? { group: opts.group } : {}), taken: taken.names });
  if (taken.problem) result.notes.push({ where: dirname(out), message: taken.problem });

  const needsLook = result.skipped.filter((s) => s.kind !== 'not-up');
  const code = needsLook.length > 0 ? EXIT.findings : EXIT.ok;
  if (result.devices.length === 0) {
    report(result, opts, undefined);
    if (needsLook.length > 0) return EXIT.findings;
    throw new UserError(`no device to import in ${file}${result.skipped.length > 0 ? '' : ` (is it ${opts.from}'s format?)`}`);
  }
  const text = renderInventory(result.devices, {
    header: [
      `Imported by \`switchback inventory import --from ${opts.from}\` from ${basename(file)}.`,
      `Credentials come from the environment: set ${opts.usernameEnv} and ${opts.passwordEnv} (or edit`,
      `defaults.credentials: env:NAME or file:PATH). Check with: switchback inventory --check-secrets`,
    ],
    usernameEnv: opts.usernameEnv,
    passwordEnv: opts.passwordEnv,
  });
  if (opts.dryRun) {
    process.stdout.write(text);
    report(result, opts, undefined);
    return code;
  }
  await writeChecked(out, text, !!opts.force);
  report(result, opts, out);
  return code;
}

function parse(file: string, text: string, opts: ImportOptions): ParseResult {
  if (opts.from !== 'oxidized' && (opts.map !== undefined || opts.modelDefault !== undefined || opts.config !== undefined))
    throw new UserError('--config, --map and --model-default are for --from oxidized');
  if (opts.from === 'ansible' && opts.delimiter !== undefined) throw new UserError('--delimiter is for --from oxidized and rancid');
  switch (opts.from) {
    case 'oxidized': {
      const config = opts.config === undefined ? {} : oxidizedConfig(opts.config);
      const map = opts.map === undefined ? (config.map ?? OXIDIZED_DEFAULT_MAP) : parseOxidizedMap(opts.map);
      if (typeof map === 'string') throw new UserError(map);
      const delimiter = opts.delimiter === undefined ? config.delimiter : parseDelimiter(opts.delimiter);
      if (delimiter !== undefined && typeof delimiter === 'object' && 'problem' in delimiter) throw new UserError(delimiter.problem);
      const defaultModel = opts.modelDefault ?? config.defaultModel;
      return parseOxidized(text, {
        map,
        ...(delimiter !== undefined ? { delimiter } : {}),
        ...(defaultModel !== undefined ? { defaultModel } : {}),
        ...(config.modelMap !== undefined ? { modelMap: config.modelMap } : {}),
      });
    }
    case 'rancid':
      if (opts.delimiter !== undefined && opts.delimiter !== ';' && opts.delimiter !== ':') throw new UserError('--delimiter for rancid is ";" or ":"');
      return parseRancid(text, opts.delimiter !== undefined ? { delimiter: opts.delimiter } : {});
    case 'ansible': {
      let inv;
      try {
        inv = looksLikeYaml(text) ? parseAnsibleYaml(text) : parseAnsibleIni(text);
      } catch (err) {
        if (err instanceof AnsibleYamlError) throw new UserError(`${file}: ${err.message}`);
        throw err;
      }
      const dir = dirname(file);
      return resolveAnsible(inv, {
        groupVars: varsFiles(join(dir, 'group_vars'), ['all', 'ungrouped', ...inv.groups.keys()]),
        hostVars: varsFiles(join(dir, 'host_vars'), [...inv.hosts.keys()]),
      });
    }
  }
}

/** Oxidized's config, read for its CSV source's settings only. */
function oxidizedConfig(path: string): OxidizedConfig {
  const read = readRegularFile(path, SOURCE_LIMIT);
  if ('problem' in read) throw new UserError(`${path}: cannot read: ${read.problem}`);
  const config = parseOxidizedConfig(read.text);
  if ('problem' in config) throw new UserError(`${path}: ${config.problem}`);
  return config;
}

/** `--model NAME=PLATFORM` (repeatable) to a map, each platform checked. */
function givenModels(specs: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const spec of specs) {
    const m = /^([^=]+)=([^=]+)$/.exec(spec.trim());
    if (!m) throw new UserError(`--model takes NAME=PLATFORM, not "${echo(spec)}"`);
    const platform = m[2]!.trim();
    if (!PLATFORM_NAMES.includes(platform)) throw new UserError(`--model ${echo(spec)}: unknown platform (known: ${[...PLATFORM_NAMES].sort().join(', ')})`);
    out[m[1]!.trim()] = platform;
  }
  return out;
}

function outputPath(opts: ImportOptions): string {
  const name = `${opts.from}.yaml`;
  if (opts.out === undefined) return join(DEFAULT_INVENTORY, name);
  try {
    if (statSync(opts.out).isDirectory()) return join(opts.out, name);
  } catch {
    // not there yet: a file to create
  }
  return opts.out;
}

/**
 * Device names in the other inventory files beside the output (the folder `switchback
 * inventory` reads), so that the folder still loads after the import. A folder that does not
 * load is not checked, and that is said.
 */
function namesBeside(out: string): { names: Map<string, string>; problem?: string } {
  const dir = dirname(out);
  const names = new Map<string, string>();
  let others: string[];
  try {
    others = readdirSync(dir)
      .filter((n) => /\.ya?ml$/.test(n))
      .map((n) => join(dir, n))
      .filter((p) => resolve(p) !== resolve(out));
  } catch {
    return { names };
  }
  if (others.length === 0) return { names };
  try {
    for (const d of loadInventory(others)) names.set(d.name, d.origin.file);
    return { names };
  } catch (err) {
    if (err instanceof InventoryError)
      return { names, problem: 'the inventory files beside the output do not load (switchback inventory says why): names not checked against them' };
    throw err;
  }
}

/** group_vars/NAME(.yml|.yaml|.json) or group_vars/NAME/* files, by name; unreadable or encrypted ones are left out. */
function varsFiles(dir: string, names: string[]): Record<string, Vars> {
  const out: Record<string, Vars> = {};
  if (!existsSync(dir)) return out;
  for (const name of new Set(names)) {
    const files: string[] = [];
    for (const ext of ['', '.yml', '.yaml', '.json']) {
      const p = join(dir, name + ext);
      try {
        const st = statSync(p);
        if (st.isFile()) files.push(p);
        else if (st.isDirectory() && ext === '')
          files.push(
            ...readdirSync(p)
              .filter((n) => /\.(ya?ml|json)$/.test(n))
              .sort()
              .map((n) => join(p, n)),
          );
      } catch {
        // no such file
      }
    }
    for (const f of files) {
      const read = readRegularFile(f, SOURCE_LIMIT);
      if ('problem' in read || read.text.startsWith('$ANSIBLE_VAULT')) continue;
      try {
        const vars: unknown = parseYaml(read.text);
        if (typeof vars === 'object' && vars !== null && !Array.isArray(vars)) out[name] = { ...out[name], ...(vars as Vars) };
      } catch {
        // not YAML: Ansible would refuse it too; nothing of it is used
      }
    }
  }
  return out;
}

/** Write under a temporary name, load it as the inventory does, then move it into place (never over a file without --force). */
async function writeChecked(out: string, text: string, force: boolean): Promise<void> {
  try {
    mkdirSync(dirname(out), { recursive: true });
  } catch (err) {
    throw new UserError(`${dirname(out)}: cannot create: ${fsReason(err)}`, EXIT.failed);
  }
  const tmp = tempNameFor(out);
  try {
    await writeNewFile(tmp, text, 0o600);
  } catch (err) {
    throw new UserError(`${out}: cannot write: ${fsReason(err)}`, EXIT.failed);
  }
  try {
    try {
      loadInventory([tmp]);
    } catch (err) {
      // A bug of the import, not of the source: say so, with the inventory's own words.
      if (err instanceof InventoryError)
        throw new UserError(
          problemList(
            `the imported file would not load as an inventory (please report this); nothing was written`,
            err.problems.map((p) => p.split(tmp).join(out)),
          ),
          EXIT.failed,
        );
      throw err;
    }
    if (force) await rename(tmp, out);
    else
      try {
        await link(tmp, out); // fails if it exists: never over a file written meanwhile
      } catch (err) {
        if (errnoCode(err) === 'EEXIST') throw new UserError(`${out} exists; --force replaces it, --out writes elsewhere`);
        throw new UserError(`${out}: cannot write: ${fsReason(err)}`, EXIT.failed);
      }
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
}

const KIND_WORDS: Record<Skipped['kind'], string> = {
  'unknown-model': 'unknown model',
  'no-model': 'no model',
  'ambiguous-model': 'ambiguous model',
  'bad-line': 'unreadable',
  'bad-name': 'bad name',
  'bad-host': 'bad host',
  collision: 'name taken',
  templated: 'template',
  'not-up': 'not up',
};

/** The summary on stdout (stderr with --dry-run, whose stdout is the file); what was left out and the notes on stderr. */
function report(result: ImportResult, opts: ImportOptions, out: string | undefined): void {
  const n = result.devices.length;
  const devices = `${n} device${n === 1 ? '' : 's'}`;
  const counts = new Map<string, number>();
  for (const s of result.skipped) counts.set(KIND_WORDS[s.kind], (counts.get(KIND_WORDS[s.kind]) ?? 0) + 1);
  const left = result.skipped.length > 0 ? `; ${result.skipped.length} left out (${[...counts].map(([k, c]) => `${k} ${c}`).join(', ')})` : '';
  const summary = out !== undefined ? `imported ${devices} into ${out}${left}\n` : `${opts.dryRun && n > 0 ? 'would import' : 'imported'} ${devices}${left}\n`;
  for (const s of result.skipped)
    process.stderr.write(`${s.kind === 'not-up' ? 'not imported' : 'left out'}: ${s.where}${s.name !== undefined ? ` (${echo(s.name)})` : ''}: ${s.reason}\n`);
  if (!opts.quiet)
    for (const note of result.notes) process.stderr.write(`note: ${note.where}${note.name !== undefined ? ` (${echo(note.name)})` : ''}: ${note.message}\n`);
  (out !== undefined ? process.stdout : process.stderr).write(summary);
  if (out !== undefined && !opts.quiet)
    process.stdout.write(`next: set ${opts.usernameEnv} and ${opts.passwordEnv}, then: switchback inventory --inventory ${out} --check-secrets\n`);
}
