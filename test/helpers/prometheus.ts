// Reading a metrics file as Prometheus would: its own checker (`promtool check metrics`, from
// Debian's `prometheus` package; .ci/run installs it) and a small parser of the text format,
// written here apart from src/report/ so that a test does not check the renderer with itself.

import { spawnSync } from 'node:child_process';

export interface PromtoolResult {
  code: number | null;
  /** What promtool said (problems, lint), stdout and stderr together. */
  output: string;
}

/** `promtool check metrics` on `text` (its stdin). Fails loudly when promtool is not installed. */
export function promtoolCheck(text: string): PromtoolResult {
  const run = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
  if (run.error) throw new Error(`promtool could not be run (${run.error.message}): install Debian's prometheus package (apt-get install prometheus)`);
  return { code: run.status, output: `${run.stdout}${run.stderr}` };
}

export interface ParsedSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface ParsedExposition {
  samples: ParsedSample[];
  /** `# TYPE` lines, by family, in order (a family twice shows twice). */
  types: [string, string][];
  helps: Map<string, string>;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/;

function unescape(s: string): string {
  return s.replace(/\\(\\|"|n)/g, (_, c: string) => (c === 'n' ? '\n' : c));
}

function parseLabels(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  const re = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(,|$)/y;
  let m: RegExpExecArray | null;
  while (re.lastIndex < text.length && (m = re.exec(text)) !== null) labels[m[1]!] = unescape(m[2]!);
  if (re.lastIndex !== text.length) throw new Error(`labels not understood: {${text}}`);
  return labels;
}

export function parseExposition(text: string): ParsedExposition {
  const out: ParsedExposition = { samples: [], types: [], helps: new Map() };
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const type = /^# TYPE (\S+) (\S+)$/.exec(line);
    if (type) {
      out.types.push([type[1]!, type[2]!]);
      continue;
    }
    const help = /^# HELP (\S+) (.*)$/.exec(line);
    if (help) {
      out.helps.set(help[1]!, help[2]!);
      continue;
    }
    const m = SAMPLE.exec(line);
    if (!m) throw new Error(`not a sample line: ${line}`);
    const raw = m[3]!;
    out.samples.push({ name: m[1]!, labels: m[2] ? parseLabels(m[2]) : {}, value: raw === '+Inf' ? Infinity : raw === '-Inf' ? -Infinity : Number(raw) });
  }
  return out;
}

/** The value of the one sample of `name` whose labels include `labels`; throws when none or several match. */
export function valueOf(parsed: ParsedExposition, name: string, labels: Record<string, string> = {}): number {
  const found = samplesOf(parsed, name, labels);
  if (found.length !== 1) throw new Error(`${name}${JSON.stringify(labels)}: ${found.length} samples`);
  return found[0]!.value;
}

export function samplesOf(parsed: ParsedExposition, name: string, labels: Record<string, string> = {}): ParsedSample[] {
  return parsed.samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
}
