// The lab's generic member roles and states in StackWise's words, as `show switch` prints them.

import type { MemberRole, MemberState } from '../../model.js';

export const IOS_ROLE: Record<MemberRole, string> = { active: 'Active', standby: 'Standby', member: 'Member' };

export const IOS_STATE: Record<MemberState, string> = {
  ready: 'Ready',
  provisioned: 'Provisioned',
  removed: 'Removed',
  initializing: 'Initializing',
  'version-mismatch': 'V-Mismatch',
};
