// How far a lab switch's running configuration is from its startup configuration, counted by the very
// function backup and check use (config/normalise), so that the lab's "+2/-1" is the
// number backup's UNSAVED column and check's "N lines not saved" then show. A personality
// whose platform reads its configuration in another syntax counts for itself.

import { unsavedLines } from '../config/normalise.js';
import { renderConfig } from './config-tree.js';
import type { SwitchState } from './model.js';
import type { LabPersonality } from './personality.js';

export function unsavedCounts(state: SwitchState, personality?: Pick<LabPersonality, 'unsavedCounts'>): { added: number; removed: number } {
  if (personality?.unsavedCounts) return personality.unsavedCounts(state);
  return unsavedLines(renderConfig(state.running), state.startup === null ? '' : renderConfig(state.startup)).counts;
}
