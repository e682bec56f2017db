// A configuration as a tree: one node per line, children indented one space deeper
// than their parent. The lab keeps a switch's running and startup configs in this
// form. What differs between vendors (which lines open a multi-line value and what
// closes it) is data the personality passes in: this file knows no vendor's syntax.

export interface ConfigNode {
  line: string;
  children: ConfigNode[];
  /**
   * A multi-line value kept verbatim: its text lines, and the line (or the text on a
   * line) that closes it. Rendered as the node's line, the text, then `end`.
   */
  verbatim?: { lines: string[]; end: string };
  /** Spaces before the line when the OS indents it other than one per level. */
  indent?: number;
}
export type ConfigTree = ConfigNode[];

/** How a personality's configuration text is laid out, for the parser. */
export interface TreeSyntax {
  /**
   * A line that opens a verbatim multi-line value. Named groups: `head` (the node's line
   * as it is kept), `delim` (the text that closes the value) and `rest` (text after the
   * opening delimiter on the same line, part of the value).
   */
  multiLine?: RegExp;
}

export function parseConfig(text: string, syntax: TreeSyntax = {}): ConfigTree {
  const root: ConfigTree = [];
  const stack: { depth: number; children: ConfigTree }[] = [{ depth: -1, children: root }];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    if (raw.trim() === '') continue;
    // Only spaces indent. A tab is part of the line, and trailing spaces are kept too:
    // a copy must be byte-true.
    const depth = raw.length - raw.replace(/^ +/, '').length;
    const line = raw.slice(depth);
    while ((stack[stack.length - 1]?.depth ?? -1) >= depth) stack.pop();
    const parent = stack[stack.length - 1] ?? stack[0]!;
    const open = syntax.multiLine?.exec(line);
    if (open?.groups?.head !== undefined && open.groups.delim) {
      const { head, delim, rest = '' } = open.groups;
      const body: string[] = [];
      let tail = rest;
      while (!tail.includes(delim)) {
        body.push(tail);
        i++;
        if (i >= lines.length) break;
        tail = lines[i] ?? '';
      }
      const last = tail.includes(delim) ? tail.slice(0, tail.indexOf(delim)) : tail;
      if (last !== '' || body.length === 0) body.push(last);
      if (body[0] === '') body.shift();
      parent.children.push({ line: head, children: [], verbatim: { lines: body, end: delim } });
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
      if (n.verbatim) {
        out.push(' '.repeat(depth) + n.line);
        out.push(...n.verbatim.lines);
        out.push(n.verbatim.end);
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
    ...(n.verbatim ? { verbatim: { lines: [...n.verbatim.lines], end: n.verbatim.end } } : {}),
    ...(n.indent !== undefined ? { indent: n.indent } : {}),
  }));
}

export function countLines(tree: ConfigTree): number {
  return tree.reduce((sum, n) => sum + 1 + countLines(n.children) + (n.verbatim ? n.verbatim.lines.length + 1 : 0), 0);
}
