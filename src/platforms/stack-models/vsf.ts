// VSF (Aruba AOS-CX 6200/6300, ArubaOS-Switch 2930F/5400R): one conductor (the primary,
// "Master" or "Commander" in older releases), one standby (the designated secondary), the
// rest members. A lost conductor is replaced by the standby (ARUBAWIRED-VSFv2-MIB: the
// secondary "would normally become the standby member"); with both gone no member can
// manage the stack and it stops forwarding — an outage. Not judged here: a chain that a
// lost middle member splits in two (split detection decides which fragment stays up; the
// topology is not among the members read). On ArubaOS-Switch VSF a member is promoted to
// standby when the standby takes over (HPE 2930F guide); with commander and standby lost
// together the verdict is an outage either way, but whether the members left re-elect
// there (as on a backplane stack) is unverified.

import { activeStandbyRule, commonStandbyExpected } from './model.js';
import type { StackModel } from './model.js';

export const vsf: StackModel = {
  survive: activeStandbyRule((w) => `no member is left to be ${w.active} and the stack stops forwarding`),
  standbyExpected: commonStandbyExpected,
};
