// The `!` lines IOS prints in `show running-config`. They are not configuration:
// IOS writes them itself, section by section, whatever was typed, so the same
// configuration always reads back with the same separators. The lab puts them back
// the same way after every change (a restore typed line by line must read back as
// the backup it came from, `!` lines included).
//
// The sections and their separators follow the IOS-XE 17.9 running config this
// personality is modelled on (state.ts): a `!` after most sections, two after some,
// one after each interface and VLAN, and a few that print one more when a feature in
// them is on (aaa new-model, vtp, ip ssh), as IOS's own empty sub-sections do.

import type { ConfigNode, ConfigTree } from '../../config-tree.js';

interface Section {
  /** The top-level lines that belong to it (matched without a leading `no `). */
  lines: RegExp;
  /** A `!` after each of its blocks (interfaces, VLANs), not only after the section. */
  each?: boolean;
  /** `!` lines after the section, given its lines. */
  after: (lines: string[]) => number;
}

const one = () => 1;
const two = () => 2;
const none = () => 0;
const plusOneIf = (re: RegExp) => (lines: string[]) => (lines.some((l) => re.test(l)) ? 2 : 1);

/** In the order IOS prints them; a line matching none stays in the section before it. */
const SECTIONS: Section[] = [
  { lines: /^(version|service|platform) /, after: one },
  { lines: /^hostname /, after: two },
  { lines: /^vrf definition /, each: true, after: none },
  {
    lines: /^(logging (buffered|console|monitor|rate-limit|count|persistent|discriminator|queue-limit)\b|aaa new-model$)/,
    after: plusOneIf(/^aaa new-model$/),
  },
  { lines: /^aaa (group server|authentication|authorization|accounting) /, after: two },
  { lines: /^(aaa |clock |boot |switch \d+ provision )/, after: two },
  { lines: /^ip (routing$|name-server |domain|dhcp )/, after: two },
  { lines: /^(login |vtp )/, after: plusOneIf(/^vtp /) },
  { lines: /^(license|memory) /, after: one },
  { lines: /^diagnostic /, after: one },
  { lines: /^spanning-tree /, after: one },
  { lines: /^errdisable /, after: one },
  { lines: /^enable /, after: one },
  { lines: /^username /, after: one },
  { lines: /^redundancy$/, after: one },
  { lines: /^transceiver /, after: one },
  { lines: /^vlan /, each: true, after: one },
  { lines: /^(class-map|policy-map) /, each: true, after: none },
  { lines: /^interface /, each: true, after: none },
  { lines: /^(ip (?!access-list )|ipv6 )/, after: plusOneIf(/^ip ssh /) },
  { lines: /^(ip access-list|access-list) /, each: true, after: none },
  { lines: /^logging /, after: one },
  { lines: /^snmp(-server)? /, after: one },
  { lines: /^(radius|tacacs)/, after: one },
  { lines: /^control-plane$/, after: one },
  { lines: /^banner /, each: true, after: none },
  { lines: /^line /, after: one },
  { lines: /^ntp /, after: two },
];

const bang = (): ConfigNode => ({ line: '!', children: [] });

function sectionOf(line: string): Section | undefined {
  const bare = line.replace(/^no /, '');
  return SECTIONS.find((s) => s.lines.test(bare));
}

/** Put the top-level `!` lines (and those inside a VRF definition) where IOS prints them. */
export function iosSeparators(tree: ConfigTree): void {
  const out: ConfigTree = [];
  let current: Section | undefined;
  let lines: string[] = [];
  /** Leave the current section: the `!` after its last block, then those after the section. */
  const close = () => {
    if (current?.each) out.push(bang());
    if (current) for (let i = current.after(lines); i > 0; i--) out.push(bang());
    current = undefined;
    lines = [];
  };
  for (const node of tree) {
    if (node.line === '!') continue;
    if (node.line === 'end') {
      close();
      out.push(node);
      continue;
    }
    const section = sectionOf(node.line);
    if (section && section !== current) {
      close();
      current = section;
    } else if (section?.each) out.push(bang()); // after the block before this one
    if (section) lines.push(node.line);
    if (/^vrf definition /.test(node.line)) vrfSeparators(node);
    out.push(node);
  }
  close();
  tree.splice(0, tree.length, ...out);
}

/** Inside a VRF definition IOS prints a ` !` before each address family. */
function vrfSeparators(vrf: ConfigNode): void {
  const children = vrf.children.filter((c) => c.line !== '!');
  vrf.children = children.flatMap((c) => (/^address-family /.test(c.line) ? [bang(), c] : [c]));
}
