// An IOS-style configuration as a tree: one node per line, children indented one
// space deeper. Banners keep their text verbatim, as IOS does, with ^C around it.
// The lab keeps a switch's running and startup configs in this form.

export interface ConfigNode {
  line: string;
  children: ConfigNode[];
  /** Banner text lines (the node's line is then `banner KIND ^C`). */
  banner?: string[];
  /** Spaces before the line when IOS indents it other than one per level (e.g. `  expression 42`). */
  indent?: number;
}
export type ConfigTree = ConfigNode[];

const BANNER = /^banner (\S+) \^C(.*)$/;

export function parseConfig(text: string): ConfigTree {
  const root: ConfigTree = [];
  const stack: { depth: number; children: ConfigTree }[] = [{ depth: -1, children: root }];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    if (raw.trim() === '') continue;
    // Only spaces indent. IOS ends a certificate with `  \tquit`: the tab is part of the
    // line, and trailing spaces are kept too (IOS prints some lines with one): a copy must be byte-true.
    const depth = raw.length - raw.replace(/^ +/, '').length;
    const line = raw.slice(depth);
    while ((stack[stack.length - 1]?.depth ?? -1) >= depth) stack.pop();
    const parent = stack[stack.length - 1] ?? stack[0]!;
    const banner = BANNER.exec(line);
    if (banner) {
      const [, kind, rest = ''] = banner;
      const body: string[] = [];
      let tail = rest;
      while (!tail.includes('^C')) {
        body.push(tail);
        i++;
        if (i >= lines.length) break;
        tail = lines[i] ?? '';
      }
      const last = tail.slice(0, tail.indexOf('^C'));
      if (last !== '' || body.length === 0) body.push(last);
      if (body[0] === '') body.shift();
      parent.children.push({ line: `banner ${kind} ^C`, children: [], banner: body });
      continue;
    }
    const node: ConfigNode = { line, children: [] };
    const level = stack.length - 1; // how deep the node sits: 0 at the top
    if (depth !== level) node.indent = depth;
    parent.children.push(node);
    stack.push({ depth, children: node.children });
  }
  return root;
}

export function renderConfig(tree: ConfigTree): string {
  const out: string[] = [];
  const walk = (nodes: ConfigTree, depth: number) => {
    for (const n of nodes) {
      if (n.banner) {
        out.push(' '.repeat(depth) + n.line);
        out.push(...n.banner);
        out.push('^C');
        continue;
      }
      out.push(' '.repeat(n.indent ?? depth) + n.line);
      walk(n.children, depth + 1);
    }
  };
  walk(tree, 0);
  return out.join('\n') + '\n';
}

export function cloneTree(tree: ConfigTree): ConfigTree {
  return tree.map((n) => ({
    line: n.line,
    children: cloneTree(n.children),
    ...(n.banner ? { banner: [...n.banner] } : {}),
    ...(n.indent !== undefined ? { indent: n.indent } : {}),
  }));
}

export function countLines(tree: ConfigTree): number {
  return tree.reduce((sum, n) => sum + 1 + countLines(n.children) + (n.banner ? n.banner.length + 1 : 0), 0);
}

/**
 * Put `line` among `siblings`: an existing node with the same key is replaced in
 * place (its children kept), otherwise the line goes where `place` says (the
 * personality knows where its OS prints a line), or, when it does not say, after the
 * last sibling that starts with the same word, or before the closing `end`.
 * Returns the node.
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
