// Trace validation: per-node JSON-lines logs of a real run checked against the model (docs/trace-validation.md).
export { parseTrace, TRACE_FORMAT, TRACE_VERSION } from './format.ts';
export type { EventKind, SentRef, TraceEvent, TraceFile, TraceHeader } from './format.ts';
export { validateTrace } from './check.ts';
export type { Possible, ValidateOptions, ValidateResult } from './check.ts';
export { describeEvent, formatFailure } from './report.ts';
