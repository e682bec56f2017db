// What every importer gives back: the devices it read from another tool's inventory, as that
// tool wrote them, and what it left out and why. The parsers are pure (text in, this out);
// devices.ts turns entries into switchback devices and the CLI reads and writes the files.

/** The tools `switchback inventory import --from` reads. */
export const IMPORT_TOOLS = ['oxidized', 'rancid', 'ansible'] as const;
export type ImportTool = (typeof IMPORT_TOOLS)[number];

/** One device as the source names it. */
export interface SourceEntry {
  /** Where it is in the source, for messages: `line 12`, or a host's path in a YAML inventory. */
  where: string;
  /** Its name in the source (router.db's first field, Ansible's inventory hostname). */
  name: string;
  /** The address to connect to when the source gives one apart from the name. */
  host?: string;
  /** The tool's name for its kind: Oxidized model, RANCID type, `ansible_network_os`. */
  model: string;
  port?: number;
  /** A login name written in the source (a username is not a secret). */
  username?: string;
  /** `file:PATH` of an SSH private key the source names (Ansible `ansible_ssh_private_key_file`). */
  privateKeyFile?: string;
  group?: string;
  tags?: string[];
}

/**
 * Why an entry of the source was not imported. `not-up` is RANCID's own choice (it does not
 * collect a device that is not `up`) and is only reported; every other kind makes the import
 * exit 3, since the user has a device to look at.
 */
export type SkipKind = 'unknown-model' | 'no-model' | 'ambiguous-model' | 'bad-line' | 'bad-name' | 'bad-host' | 'collision' | 'templated' | 'not-up';

export interface Skipped {
  where: string;
  /** The name as the source wrote it, when there is one. */
  name?: string;
  kind: SkipKind;
  /** The rest of the line, in words (it never repeats a secret). */
  reason: string;
}

/** Something imported differently from the source, or left out of an imported device: a name made valid, a password not copied. */
export interface Note {
  where: string;
  name?: string;
  message: string;
}

export interface ParseResult {
  entries: SourceEntry[];
  skipped: Skipped[];
  notes: Note[];
}

/** A value a template engine would fill in (`{{ inventory_hostname }}`): never evaluated, so never used. */
export const isTemplated = (value: string): boolean => value.includes('{{') || value.includes('{%');
