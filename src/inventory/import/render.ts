// Imported devices as an inventory file (devices/*.yaml). Credentials are references only:
// the file's defaults name environment variables for the login and the password, whatever
// the source held (a secret never lands in the inventory, see README "Secrets").

import { Document, isSeq, visit } from 'yaml';
import type { ImportedDevice } from './devices.js';

export interface RenderOptions {
  /** The first comment lines: what was imported from where. */
  header: string[];
  usernameEnv: string;
  passwordEnv: string;
}

export function renderInventory(devices: ImportedDevice[], opts: RenderOptions): string {
  const doc = new Document({
    defaults: { credentials: { username: `env:${opts.usernameEnv}`, password: `env:${opts.passwordEnv}` } },
    devices: devices.map(({ where: _where, ...d }) => ({
      name: d.name,
      host: d.host,
      ...(d.port !== undefined ? { port: d.port } : {}),
      platform: d.platform,
      ...(d.group !== undefined ? { group: d.group } : {}),
      ...(d.tags !== undefined ? { tags: d.tags } : {}),
      ...(d.credentials !== undefined ? { credentials: d.credentials } : {}),
    })),
  });
  // `tags: [core, dc1]` on one line, as people write them.
  visit(doc, {
    Seq(_, node) {
      if (isSeq(node)) node.flow = node.items.length > 0 && node !== doc.get('devices', true);
    },
  });
  doc.commentBefore = opts.header.map((l) => ` ${l}`).join('\n');
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}
