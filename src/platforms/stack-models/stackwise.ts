// StackWise (Catalyst 3750 … 9300): one Active, one Standby, the rest Members. The Standby
// takes over from a lost Active; when the Active and the Standby go together the remaining
// members reload ("Lost both active and standby"): an outage. A stack with no Standby (a
// 3750: Master and Members only) has none by design.

import { activeStandbyRule, commonStandbyExpected } from './model.js';
import type { StackModel } from './model.js';

/** Two or more members want a Standby, unless the last backup showed several and none (no Standby by design). */
export const stackwise: StackModel = { survive: activeStandbyRule(() => 'the other members reload'), standbyExpected: commonStandbyExpected };
