export { checkLiveness, formatLasso } from './check.ts';
export type { Lasso, LivenessOptions, LivenessResult, PropertyVerdict } from './check.ts';
export { withLiveness } from './node.ts';
