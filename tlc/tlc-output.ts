// What a TLC run printed: its counts, the property it found violated and the length of the trace,
// or why the run is not a result (a parse error, an evaluation error, a crash).

/** A completed or stopped TLC (or our) run, reduced to what the comparison needs. */
export interface Outcome {
  readonly distinct: number | null;
  readonly generated: number | null;
  readonly depth: number | null;
  /** 'none', or the violated property as `invariant Name`, `action property Name`, `deadlock`. */
  readonly verdict: string;
  /** States in the counterexample (TLC's "State N:" count), null without one. */
  readonly traceLength: number | null;
  /** Why the run gives no result, or null. */
  readonly error: string | null;
}

const num = (s: string | undefined): number | null => (s === undefined ? null : Number(s.replace(/,/g, '')));

/** Parses TLC's standard output (with -workers 1) and its exit code. */
export function parseTlc(out: string, exitCode: number | null): Outcome {
  const counts = [...out.matchAll(/^([\d,]+) states generated, ([\d,]+) distinct states found, ([\d,]+) states left on queue\.$/gm)].pop();
  const depth = /^The depth of the complete state graph search is ([\d,]+)\.$/m.exec(out);
  const invariant = /^Error: Invariant (\w+) is violated/m.exec(out);
  const action = /^Error: Action property (\w+) is violated/m.exec(out);
  const deadlock = /^Error: Deadlock reached\./m.test(out);
  const verdict = invariant !== null ? `invariant ${invariant[1]}` : action !== null ? `action property ${action[1]}` : deadlock ? 'deadlock' : 'none';
  const states = [...out.matchAll(/^State (\d+): /gm)].map((m) => Number(m[1]));
  const base = {
    distinct: num(counts?.[2]), generated: num(counts?.[1]), depth: num(depth?.[1]),
    verdict, traceLength: states.length > 0 ? Math.max(...states) : null,
  };
  const expected = verdict === 'none' ? exitCode === 0 : exitCode !== null && exitCode >= 10 && exitCode <= 13;
  if (expected && counts !== undefined) return { ...base, error: null };
  const firstError = out.split('\n').find((l) => /^(Error|TLC threw|Exception|Attempted|\*\*\*)/.test(l.trim()));
  // An evaluation error's reason follows "The exception was ..." up to the position it names.
  const reason = /The exception was [^\n]*\n([\s\S]*?)\n(?:line \d+|Error:)/.exec(out)?.[1]?.replace(/^:\s*/, '').replace(/\s+/g, ' ').trim();
  const why = [firstError?.trim() ?? (counts === undefined ? 'no final state counts printed' : 'unexpected exit code'), reason].filter((x) => x !== undefined && x !== '').join(' ');
  return { ...base, error: `TLC exit ${exitCode ?? 'signal'}: ${why}` };
}

/** Parses SANY's output: null if the modules parsed and passed semantic analysis, else the first error. */
export function parseSany(out: string, exitCode: number | null): string | null {
  const bad = /\*\*\* ?Parse Error|Semantic errors?:|Fatal errors|\*\*\* Errors:|Could not parse|Lexical error/i.exec(out);
  if (bad === null && exitCode === 0) return null;
  const at = bad === null ? 0 : bad.index;
  const lines = out.slice(at).split('\n').map((l) => l.trim()).filter((l) => l !== '');
  return `SANY exit ${exitCode ?? 'signal'}: ${lines.slice(0, 4).join(' | ') || 'no output'}`;
}

/** Parses the `--json` summary of `check <protocol>` and its exit code. */
export function parseOurs(out: string, err: string, exitCode: number | null): Outcome {
  const none = { distinct: null, generated: null, depth: null, verdict: 'none', traceLength: null };
  const line = out.trim().split('\n').pop() ?? '';
  let j: unknown;
  try {
    j = JSON.parse(line);
  } catch {
    const why = err.trim().split('\n').filter((l) => !l.startsWith('progress:')).pop() ?? 'no JSON summary printed';
    return { ...none, error: `ours exit ${exitCode ?? 'signal'}: ${why}` };
  }
  type Violation = { kind: string; name: string; traceLength?: number; trace?: unknown[] };
  const r = j as { distinct?: number; generated?: number; depth?: number; verdict?: string; violation?: Violation | null };
  const v = r.violation ?? null;
  const verdict = v === null ? 'none' : v.kind === 'deadlock' ? 'deadlock' : `${v.kind === 'invariant' ? 'invariant' : 'action property'} ${v.name}`;
  const traceLength = v === null ? null : (v.traceLength ?? v.trace?.length ?? null);
  const counted = { distinct: r.distinct ?? null, generated: r.generated ?? null, depth: r.depth ?? null, verdict, traceLength };
  const expected = v === null ? exitCode === 0 && r.verdict === 'ok' : exitCode === 11 || exitCode === 12;
  return { ...counted, error: expected ? null : `ours exit ${exitCode ?? 'signal'}, verdict ${r.verdict ?? '?'}` };
}
