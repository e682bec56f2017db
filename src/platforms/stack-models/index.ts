// The stack models by name (a platform's `stack.model`). Every name has its rule; `none`:
// the members are judged, nobody is predicted to take over.

import type { PlatformStack, StackMember, StackModelName, StackReading } from '../platform.js';
import type { StackModel } from './model.js';
import { none } from './none.js';
import { backplane } from './backplane.js';
import { stackwise } from './stackwise.js';
import { virtualChassis } from './virtual-chassis.js';
import { vsf } from './vsf.js';

const MODELS: Record<StackModelName, StackModel> = { stackwise, 'virtual-chassis': virtualChassis, vsf, backplane, none };

/** A stack model's name as state.json may hold it (anything else: not one). */
export function isStackModelName(name: unknown): name is StackModelName {
  return typeof name === 'string' && Object.hasOwn(MODELS, name);
}

export function stackModel(name: StackModelName | undefined): StackModel {
  return name ? MODELS[name] : none;
}

/** The rule of a stack with an active and a standby, for members whose platform is not known (their roles are). */
export const activeStandby: StackModel = stackwise;

/** Generic role words, for a platform without a stack of its own (ENTITY-MIB members have no roles anyway). */
export const GENERIC_ROLE_WORDS = { active: 'active', standby: 'standby', member: 'member' } as const;

export { commonStandbyExpected } from './model.js';
export type { FeedLoss, RoleWords, StackModel, Survival } from './model.js';

/**
 * The members of a switch that answered: as its platform read them, or, for a switch that
 * does not stack (no stack, or the model `none`) and listed none, itself as the one member:
 * number 1, active, ready. So an inventory's `stack.members: [{ number: 1, feed: A }]` (how
 * a standalone switch gets its feed) is met, and a feed loss is judged, as for a stack of one.
 */
export function membersOf(stack: Pick<StackReading, 'model'> | undefined, members: StackMember[]): StackMember[] {
  if (members.length > 0 || (stack !== undefined && stack.model !== 'none')) return members;
  return [{ number: 1, role: 'active', state: 'ready' }];
}

/** The platform's stack reads in the order they are tried: its own, then its alternatives. */
export function stackReadings(stack: PlatformStack | undefined): StackReading[] {
  return stack ? [stack, ...(stack.alternatives ?? [])] : [];
}

/**
 * The read whose model applied (`model`, as a capture or state.json recorded it), for its
 * rule and role words; the platform's first read when none is recorded or the platform
 * no longer has that model. Undefined for a platform that does not stack.
 */
export function stackReadingFor(stack: PlatformStack | undefined, model?: StackModelName): StackReading | undefined {
  if (!stack) return undefined;
  return (model !== undefined ? stackReadings(stack).find((r) => r.model === model) : undefined) ?? stack;
}
