// `show version | display-xml` → VersionFacts. OS10 prints its show commands as XML on request
// (`| display-xml`, the form NAPALM's OS10 driver reads): one parser for a stable layout instead of
// the aligned text. Checked against the real capture (napalm-dellos10 show_version___display_xml).

import type { VersionFacts } from '../platform.js';

/** The text of the first `<tag>…</tag>` (no attributes, no nesting of the same tag), trimmed. */
export function xmlValue(xml: string, tag: string): string | undefined {
  const m = new RegExp(String.raw`<${tag}>([^<]*)</${tag}>`).exec(xml);
  const v = m?.[1]?.trim();
  return v ? v : undefined;
}

/**
 * Hostname, version, model (`sw-platform`: `S6000-VM`, `S4148F-ON`), uptime (`<uptime>` is in
 * seconds: the real capture's 1925299 is exactly its date-time minus its boot-datetime). OS10's
 * version carries no serial (the service tag is in `show system`), so `serials` stays empty.
 * A VLT pair is two switches, each with its own version: no members.
 */
export function parseVersion(output: string): VersionFacts {
  const facts: VersionFacts = { serials: [], members: [] };
  const hostname = xmlValue(output, 'hostname');
  // `<sw-version>` wraps the block and holds the version inside: the innermost one has text.
  const version = xmlValue(output, 'sw-version');
  const model = xmlValue(output, 'sw-platform');
  const uptime = xmlValue(output, 'uptime');
  if (hostname) facts.hostname = hostname;
  if (version) facts.version = version;
  if (model) facts.model = model;
  if (uptime && /^\d+$/.test(uptime)) facts.uptimeSeconds = Number(uptime);
  return facts;
}
