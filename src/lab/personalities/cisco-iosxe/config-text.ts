// IOS's configuration text as the lab's generic tree reads it: one space of indent per
// level, banners kept verbatim between `^C` delimiters, the hostname line, and the
// edits configuration mode makes (a line replaced in place, `no …` removing lines).

import { parseConfig as parseTree } from '../../config-tree.js';
import type { ConfigNode, ConfigTree, TreeSyntax } from '../../config-tree.js';

/** `banner KIND ^C` opens a banner whose text runs to the next `^C`, as `show running-config` prints it. */
export const IOS_SYNTAX: TreeSyntax = { multiLine: /^(?<head>banner \S+ (?<delim>\^C))(?<rest>.*)$/ };

/** IOS's hostname before one is configured. */
export const FACTORY_HOSTNAME = 'Switch';

export function parseConfig(text: string): ConfigTree {
  return parseTree(text, IOS_SYNTAX);
}

export function hostnameOf(config: ConfigTree): string {
  for (const node of config) {
    const m = /^hostname (\S+)$/.exec(node.line);
    if (m?.[1]) return m[1];
  }
  return FACTORY_HOSTNAME;
}

/**
 * Put `line` among `siblings`: an existing node with the same key is replaced in
 * place (its children kept), otherwise the line goes where `place` says (where IOS
 * prints it), or, when it does not say, after the last sibling that starts with the
 * same word, or before the closing `end`. Returns the node.
 */
export function setLine(
  siblings: ConfigTree,
  line: string,
  sameKey: (a: string, b: string) => boolean,
  place?: (siblings: ConfigTree, line: string) => number | undefined,
): ConfigNode {
  const exact = siblings.find((n) => n.line === line);
  if (exact) return exact;
  const existing = siblings.find((n) => n.line !== '!' && sameKey(n.line, line));
  if (existing) {
    existing.line = line;
    return existing;
  }
  const node: ConfigNode = { line, children: [] };
  const placed = place?.(siblings, line);
  if (placed !== undefined) {
    siblings.splice(placed, 0, node);
    return node;
  }
  const word = firstWord(line);
  let at = -1;
  siblings.forEach((n, i) => {
    if (firstWord(n.line) === word) at = i;
  });
  if (at < 0) {
    const end = siblings.findIndex((n) => n.line === 'end');
    at = (end < 0 ? siblings.length : end) - 1;
  }
  siblings.splice(at + 1, 0, node);
  return node;
}

/** `no …`: remove every sibling whose words start with `words`. Returns how many went. */
export function removeLines(siblings: ConfigTree, words: string): number {
  let removed = 0;
  for (let i = siblings.length - 1; i >= 0; i--) {
    const line = siblings[i]!.line;
    if (line === words || line.startsWith(words + ' ')) {
      siblings.splice(i, 1);
      removed++;
    }
  }
  return removed;
}

function firstWord(line: string): string {
  return line.split(' ', 1)[0] ?? '';
}
