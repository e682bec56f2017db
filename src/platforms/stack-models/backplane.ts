// Backplane stacking over dedicated stacking ports or modules (ArubaOS-Switch 2920/2930M/3810,
// Dell OS6 N-series): one commander (management unit), one standby, the rest members.
// A lost commander is replaced by the standby (HP-STACK-MIB hpStackCommanderChange: "the
// standby becomes commander"; Dell: the standby unit takes over management); with both gone
// the members left have no unit that holds the running state, re-elect and reload — an outage.

import { activeStandbyRule, commonStandbyExpected } from './model.js';
import type { StackModel } from './model.js';

export const backplane: StackModel = {
  survive: activeStandbyRule((w) => `the members left re-elect a ${w.active} and reload`),
  standbyExpected: commonStandbyExpected,
};
