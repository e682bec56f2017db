// No stacking, or members without roles (a chassis, a standalone switch): nobody takes
// over, so the generic rules decide (the stack keeps what stays powered; nothing left is an
// outage), and no standby is expected.

import type { StackModel } from './model.js';

export const none: StackModel = {
  survive: () => undefined,
  standbyExpected: () => false,
};
