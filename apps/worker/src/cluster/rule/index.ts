// The event-level clustering rule: which story an item belongs to. Pure and in memory; the
// clusterer stage persists what it decides.
export { changedMaterially } from './changed-materially.js';
export type { ClusterDoc } from './doc.js';
export {
  type ClusterRuleSettings,
  DEFAULT_CLUSTER_RULE_SETTINGS,
  DEFAULT_CLUSTER_WINDOW_HOURS,
  DEFAULT_MAX_CANDIDATES,
  DEFAULT_MAX_INDEXED_ITEMS,
  DEFAULT_RULE_TUNING,
  type RuleTuning,
} from './settings.js';
export { type Placement, StoryIndex } from './story-index.js';
