// `configure replace tftp://HOST/FILE [force]` on the lab's IOS-XE: the switch fetches
// a whole configuration over TFTP and makes it the running configuration.
//
// As on IOS, the file goes through the same parser as typed lines, and the replace is
// all or nothing: when any line is refused, the running configuration stays as it was
// and the refused lines are listed, each on a `%` line. IOS computes and applies the
// difference; the lab builds the new configuration and swaps it in, which ends the same.

import type { ConfigTree } from '../../config-tree.js';
import type { CliHost, CliReply } from '../../personality.js';
import { tftpDownload, TftpDownloadError } from '../../tftp-download.js';
import { applyConfigLine, bannerLine, keepAsWritten } from './config-mode.js';
import type { ConfigLevel } from './config-mode.js';
import { iosSeparators } from './separators.js';

/** What IOS asks before a replace without `force`; `Y` (or `yes`) proceeds, anything else does nothing. */
export const REPLACE_QUESTION =
  'This will apply all necessary additions and deletions\n' +
  'to replace the current running configuration with the\n' +
  'contents of the specified configuration file, which is\n' +
  'assumed to be a complete configuration, not a partial\n' +
  'configuration. Enter Y if you are sure you want to proceed. ? [no]: ';

/** The comments IOS writes at the top of a configuration; it writes its own, so a file's are dropped. */
const HEADER_COMMENT = /^! (Last configuration change at|NVRAM config last updated at|No configuration change since last restart)/;

export interface RefusedLine {
  /** Line number in the file, from 1. */
  number: number;
  text: string;
  /** What IOS says about it (`% Invalid input detected at '^' marker.`). */
  error: string;
}

/**
 * A configuration file read as IOS reads one for `configure replace`: every line
 * through the configuration-mode parser, on an empty configuration, in the file's
 * order, up to `end`. Returns the configuration and the lines the parser refused.
 */
export function buildConfig(text: string): { tree: ConfigTree; refused: RefusedLine[] } {
  const tree: ConfigTree = [];
  const refused: RefusedLine[] = [];
  let levels: ConfigLevel[] = [];
  let banner: { node: ConfigTree[number]; delimiter: string } | null = null;
  let started = false;
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  for (const [i, raw] of lines.entries()) {
    if (banner) {
      if (bannerLine(banner.node, banner.delimiter, raw)) banner = null;
      continue;
    }
    const trimmed = raw.trim();
    if (trimmed === '') continue;
    if (trimmed.startsWith('!')) {
      // Comments stay where the file has them (IOS's own `!` separators are put back after the
      // replace anyway); the header comments before the configuration are IOS's to write.
      if (started && !HEADER_COMMENT.test(trimmed)) keepAsWritten(tree, levels, raw);
      continue;
    }
    started = true;
    const out = applyConfigLine(tree, levels, raw, { asWritten: true });
    if (out.kind === 'end') break;
    switch (out.kind) {
      case 'ok':
        levels = out.levels;
        break;
      case 'banner':
        levels = out.levels;
        banner = { node: out.node, delimiter: out.delimiter };
        break;
      case 'confirm':
        out.confirm();
        levels = out.levels;
        break;
      case 'invalid':
        refused.push({ number: i + 1, text: trimmed, error: "% Invalid input detected at '^' marker." });
        break;
      case 'incomplete':
        refused.push({ number: i + 1, text: trimmed, error: '% Incomplete command.' });
        break;
      case 'error':
        refused.push({ number: i + 1, text: trimmed, error: out.message });
        break;
    }
  }
  tree.push({ line: 'end', children: [] });
  return { tree, refused };
}

/** `tftp://HOST/PATH` → the server and the file name to ask it for. */
export function parseTftpUrl(url: string): { server: string; file: string } | null {
  const m = /^tftp:\/\/([^/\s]+)\/(\S+)$/i.exec(url);
  return m ? { server: m[1]!, file: m[2]! } : null;
}

/** IOS's words for why a file could not be opened. */
function openError(err: unknown): string {
  if (!(err instanceof TftpDownloadError)) return 'I/O error';
  if (err.reason === 'timeout') return 'Timed out';
  if (err.reason === 'refused' && err.tftpCode === 1) return 'No such file or directory';
  if (err.reason === 'refused' && err.tftpCode === 2) return 'Permission denied';
  if (err.reason === 'too-large') return 'File too large';
  return 'Undefined error';
}

/**
 * Fetch `url` and replace the running configuration with it. Resolves with what IOS
 * prints (never rejects): `%Error opening …` when the file cannot be fetched, the
 * refused lines when it does not parse, `Rollback Done` when it is in place.
 */
export async function replaceRunning(host: CliHost, url: string, by: string): Promise<CliReply> {
  const target = parseTftpUrl(url);
  if (!target) return { output: `%Error opening ${url} (No such file or directory)\n` };
  if (host.tftpPort === undefined) return { output: `%Error opening ${url} (No route to host)\n` };
  const boots = host.state.boots;
  let data: Buffer;
  try {
    data = await tftpDownload({
      host: target.server,
      // The URL carries no port, as on IOS: the switch asks on its TFTP port (69 unless the lab moved it).
      port: host.tftpPort,
      filename: target.file,
      ...(host.address !== undefined ? { localAddress: host.address } : {}),
      // Shorter than IOS's retries (tens of seconds) so that lab failures come quickly.
      retransmitMs: 400,
      attempts: 5,
    });
  } catch (err) {
    return { output: `%Error opening ${url} (${openError(err)})\n` };
  }
  // IOS also says which interface it loaded through; the lab has no routing table to ask.
  const loaded = `Loading ${target.file} from ${target.server}: !\n[OK - ${data.length} bytes]\n`;
  // A switch that lost power while fetching has nothing left to replace.
  if (host.state.boots !== boots || !host.state.up) return { output: '' };
  const { tree, refused } = buildConfig(data.toString('utf8'));
  if (refused.length > 0) {
    const listed = refused.map((r) => `${r.error} Line ${r.number}: ${r.text}`);
    return {
      output: `${loaded}\nThe following lines could not be applied:\n${listed.join('\n')}\n%Rollback aborted: the running configuration was not changed\n`,
    };
  }
  // IOS prints the result with its own `!` separators, as after any change.
  iosSeparators(tree);
  host.state.running = tree;
  host.touchRunning(by);
  return { output: `${loaded}\nTotal number of passes: 1\nRollback Done\n\n` };
}
