// VSF (Aruba AOS-CX 6200/6300, ArubaOS-Switch 2930F/5400R): one conductor (the primary,
// "Master" or "Commander" in older releases), one standby (the designated secondary), the
// rest members. A lost conductor is replaced by the standby (ARUBAWIRED-VSFv2-MIB: the
// secondary "would normally become the standby member"); with both gone no member can
// manage the stack and it stops forwarding — an outage. Not judged here: a chain that a
// lost middle member splits in two (split detection decides which fragment stays up; the
// topology is not among the members read).

import { activeStandbyRule, commonStandbyExpected } from './model.js';
import type { StackModel } from './model.js';

export const vsf: StackModel = {
  survive: activeStandbyRule((w) => `no member is left to be ${w.active} and the stack stops forwarding`),
  standbyExpected: commonStandbyExpected,
};
