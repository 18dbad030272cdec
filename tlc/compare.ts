// The verdict of one comparison: what differs between our run and TLC's, as readable lines.
import type { Outcome } from './tlc-output.ts';

/** Exact-count agreement: both complete without error, nothing violated, the same three figures. */
export function countProblems(ours: Outcome, tlc: Outcome): string[] {
  const out: string[] = [];
  if (tlc.error !== null) out.push(tlc.error);
  if (ours.error !== null) out.push(ours.error);
  if (out.length > 0) return out;
  if (tlc.verdict !== 'none') out.push(`TLC reports ${tlc.verdict}`);
  if (ours.verdict !== 'none') out.push(`ours reports ${ours.verdict}`);
  for (const k of ['distinct', 'generated', 'depth'] as const) {
    if (ours[k] !== tlc[k]) out.push(`${k}: ours ${ours[k] ?? '?'}, TLC ${tlc[k] ?? '?'}`);
  }
  return out;
}

/** Mutation parity: the same verdict and trace length; with nothing violated, the same counts. */
export function mutationProblems(ours: Outcome, tlc: Outcome): string[] {
  const out: string[] = [];
  if (tlc.error !== null) out.push(tlc.error);
  if (ours.error !== null) out.push(ours.error);
  if (out.length > 0) return out;
  if (ours.verdict !== tlc.verdict) out.push(`verdict: ours ${ours.verdict}, TLC ${tlc.verdict}`);
  else if (ours.traceLength !== tlc.traceLength) out.push(`trace: ours ${ours.traceLength ?? '-'} states, TLC ${tlc.traceLength ?? '-'}`);
  else if (tlc.verdict === 'none') out.push(...countProblems(ours, tlc));
  return out;
}
