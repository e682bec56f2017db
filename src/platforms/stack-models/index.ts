// The stack models by name (a platform's `stack.model`). A model not built yet falls back
// to `none`: its members are judged, nobody is predicted to take over.

import type { StackModelName } from '../platform.js';
import type { StackModel } from './model.js';
import { none } from './none.js';
import { stackwise } from './stackwise.js';
import { virtualChassis } from './virtual-chassis.js';

const MODELS: Partial<Record<StackModelName, StackModel>> = { stackwise, 'virtual-chassis': virtualChassis, none };

export function stackModel(name: StackModelName | undefined): StackModel {
  return (name && MODELS[name]) || none;
}

/** The rule of a stack with an active and a standby, for members whose platform is not known (their roles are). */
export const activeStandby: StackModel = stackwise;

/** Generic role words, for a platform without a stack of its own (ENTITY-MIB members have no roles anyway). */
export const GENERIC_ROLE_WORDS = { active: 'active', standby: 'standby', member: 'member' } as const;

export { commonStandbyExpected } from './model.js';
export type { FeedLoss, RoleWords, StackModel, Survival } from './model.js';
