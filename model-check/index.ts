export { explore } from './bfs.ts';
export type { ExploreOptions, ExploreResult, Progress, Violation } from './bfs.ts';
export { compose } from './compose.ts';
export type { GlobalAction } from './compose.ts';
export { diff, formatTrace } from './trace.ts';
export type { Change, TraceStep } from './trace.ts';
export { FingerprintSet, Hasher } from './fingerprint.ts';
export { simulate } from './simulate.ts';
export type { SimulateOptions, SimulateResult } from './simulate.ts';
