// Prometheus' text exposition format (version 0.0.4), rendered from plain data: the file
// `--metrics-file` writes for node_exporter's textfile collector, and what `watch` will serve
// on /metrics. Pure: no clock, no file, no CLI option. The rules it keeps are the format's
// (https://prometheus.io/docs/instrumenting/exposition_formats/):
// - each family once, as `# HELP`, `# TYPE`, then all of its samples together (a family
//   split in two, or typed twice, is refused by Prometheus' parser);
// - names `[a-zA-Z_:][a-zA-Z0-9_:]*`, label names `[a-zA-Z_][a-zA-Z0-9_]*` and never `__…`
//   (reserved); a bad one is a bug in the caller, so it throws rather than writing a file
//   that a scrape would reject whole;
// - in HELP text `\` and newline escaped; in label values `\`, `"` and newline escaped;
// - values as Go's ParseFloat reads them: `NaN`, `+Inf`, `-Inf` spelt so;
// - no sample timestamps: the textfile collector refuses a file that carries them.

export type MetricType = 'gauge' | 'counter';

export interface MetricSample {
  labels: Readonly<Record<string, string>>;
  value: number;
}

export interface MetricFamily {
  name: string;
  help: string;
  type: MetricType;
  samples: readonly MetricSample[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

export function escapeLabelValue(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

export function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  // JavaScript's shortest round-trip form (`0.25`, `1e-7`, `1765000000`) is valid for ParseFloat; -0 prints as 0.
  return String(value);
}

/** `{a="1",b="x\"y"}` with label names in order, or '' for none. */
function labelSet(labels: Readonly<Record<string, string>>, family: string): string {
  const names = Object.keys(labels).sort();
  if (names.length === 0) return '';
  for (const n of names)
    if (!LABEL_NAME.test(n) || n.startsWith('__')) throw new Error(`metrics: ${family}: label name ${JSON.stringify(n)} is not a valid Prometheus label name`);
  return `{${names.map((n) => `${n}="${escapeLabelValue(labels[n]!)}"`).join(',')}}`;
}

/**
 * The exposition text of these families, in the order given. Families that share a name are
 * merged into one (their help and type must agree); a family without samples is left out (a
 * HELP and TYPE with nothing under them says nothing); the same series twice throws.
 * Samples keep their order; label names are sorted, so the text does not depend on how a
 * caller built its label objects.
 */
export function renderMetrics(families: readonly MetricFamily[]): string {
  const merged = new Map<string, MetricFamily & { samples: MetricSample[] }>();
  for (const f of families) {
    if (!METRIC_NAME.test(f.name)) throw new Error(`metrics: ${JSON.stringify(f.name)} is not a valid Prometheus metric name`);
    const seen = merged.get(f.name);
    if (!seen) {
      merged.set(f.name, { ...f, samples: [...f.samples] });
      continue;
    }
    if (seen.help !== f.help || seen.type !== f.type) throw new Error(`metrics: ${f.name} is given twice with a different help or type`);
    seen.samples.push(...f.samples);
  }
  const out: string[] = [];
  for (const f of merged.values()) {
    if (f.samples.length === 0) continue;
    out.push(`# HELP ${f.name} ${escapeHelp(f.help)}`, `# TYPE ${f.name} ${f.type}`);
    const series = new Set<string>();
    for (const s of f.samples) {
      const labels = labelSet(s.labels, f.name);
      if (series.has(labels)) throw new Error(`metrics: ${f.name}${labels} is given twice`);
      series.add(labels);
      out.push(`${f.name}${labels} ${formatValue(s.value)}`);
    }
  }
  return out.length === 0 ? '' : out.join('\n') + '\n';
}

/**
 * The value of one series in exposition text (the labels exactly these), or undefined when
 * the text does not hold it. For figures a run carries over from the file it replaces (the
 * last successful run's time); it reads what renderMetrics writes, not every dialect.
 */
export function sampleValue(text: string, name: string, labels: Readonly<Record<string, string>>): number | undefined {
  const wanted = `${name}${labelSet(labels, name)} `;
  for (const line of text.split('\n')) {
    if (!line.startsWith(wanted)) continue;
    const raw = line.slice(wanted.length).trim();
    const value = raw === '+Inf' ? Infinity : raw === '-Inf' ? -Infinity : raw === 'NaN' ? NaN : Number(raw);
    return raw === '' || (Number.isNaN(value) && raw !== 'NaN') ? undefined : value;
  }
  return undefined;
}
