// TLC re-checks our exported traces: `check --trace-out T.tla --trace-format tla` on a model file,
// then TLC on T.tla, which must find exactly the trace's states and no error (each step a step of
// the spec, the last state violating the property). A control cuts the last state off one trace:
// TLC must then report TraceEndsInViolation violated, so the check is known to have teeth.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tlc } from './java.ts';
import { run } from './run.ts';
import type { Outcome } from './tlc-output.ts';

/** One trace to export and re-check. */
export interface TraceJob {
  readonly id: string;
  readonly protocol: string;
  /** The project (or a mutated copy of it) whose checker exports the trace. */
  readonly root: string;
  /** Its spec/ directory, holding `cfg`; the trace module is written there. */
  readonly specDir: string;
  readonly cfg: string;
  /** A witness to trace instead of the counterexample, or null. */
  readonly witness: string | null;
  /** Also run the control (the trace without its last state). */
  readonly control: boolean;
}

export interface TraceRow {
  readonly id: string;
  readonly states: number | null;
  readonly tlc: (Outcome & { seconds: number }) | null;
  readonly control: (Outcome & { seconds: number }) | null;
  readonly problems: string[];
}

/** Exports the job's trace as a TLA+ module and has TLC check it (and the control, if asked). */
export async function recheckTrace(jar: string, tsxRoot: string, job: TraceJob): Promise<TraceRow> {
  const module = `Trace_${job.id.replace(/[^A-Za-z0-9]/g, '_')}`;
  const args = ['src/cli/main.ts', 'check', job.protocol, '--config', join(job.specDir, job.cfg), '--workers', '1', '--trace-out', join(job.specDir, `${module}.tla`), '--trace-format', 'tla'];
  if (job.witness !== null) args.push('--trace-witness', job.witness);
  const ours = await run(join(tsxRoot, 'node_modules', '.bin', 'tsx'), args, job.root);
  const written = /Wrote the TLA\+ trace module/.test(ours.out);
  if (!written) return { id: job.id, states: null, tlc: null, control: null, problems: [`no trace exported (exit ${ours.code}): ${(ours.err.trim().split('\n').pop() ?? ours.out.trim().split('\n').pop() ?? '').slice(0, 200)}`] };
  const text = readFileSync(join(job.specDir, `${module}.tla`), 'utf8');
  const states = Number(/\((\d+) states\)/.exec(text)?.[1] ?? NaN);
  const cfg = readFileSync(join(job.specDir, `${module}.cfg`), 'utf8');
  // An action property violated by the last step is a PROPERTY of the trace spec (trace-tla.ts).
  const action = /^PROPERTY (\w+)$/m.exec(cfg)?.[1] ?? null;
  const checked = await tlc(jar, job.specDir, `${module}.cfg`, `${module}.tla`);
  const problems = action === null ? invariantProblems(checked, states) : actionProblems(checked, states, action);
  let control: (Outcome & { seconds: number }) | null = null;
  if (job.control) {
    const cut = `${module}_cut`;
    writeFileSync(join(job.specDir, `${cut}.tla`), withoutLastState(text, module, cut));
    writeFileSync(join(job.specDir, `${cut}.cfg`), cfg);
    control = await tlc(jar, job.specDir, `${cut}.cfg`, `${cut}.tla`);
    // Cut before the violating step: an invariant trace must now end outside the violation; an action
    // trace must have no violating step left (so the one cut off was the only one).
    if (action === null && control.verdict !== 'invariant TraceEndsInViolation') problems.push(`control (last state cut off): TLC reported ${control.error ?? control.verdict}, expected TraceEndsInViolation violated`);
    if (action !== null) problems.push(...invariantProblems(control, states - 1).map((p) => `control (last state cut off): ${p}`));
  }
  return { id: job.id, states, tlc: checked, control, problems };
}

/** TLC on a trace whose last state violates an invariant: every state found, no error. */
function invariantProblems(checked: Outcome, states: number): string[] {
  if (checked.error !== null) return [checked.error];
  if (checked.verdict !== 'none') return [`TLC: ${checked.verdict}`];
  if (checked.distinct !== states) return [`TLC found ${checked.distinct ?? '?'} distinct states, the trace has ${states}: a step is not a step of the spec`];
  return [];
}

/** TLC on a trace whose last step violates action property `name`: that violation, shown with all the trace's states. */
function actionProblems(checked: Outcome, states: number, name: string): string[] {
  if (checked.verdict !== `action property ${name}`) return [`TLC reported ${checked.error ?? checked.verdict}, expected action property ${name} violated`];
  if (checked.traceLength !== states) return [`TLC's violating behaviour has ${checked.traceLength ?? '?'} states, the trace ${states}: the violation is not the last step`];
  return [];
}

/** The module with its last trace record removed and renamed `name`. */
function withoutLastState(text: string, module: string, name: string): string {
  const last = text.lastIndexOf(',\n  \\* ');
  const end = text.indexOf('\n  >>', last);
  if (last < 0 || end < 0) throw new Error(`${module}: cannot find the trace's last state`);
  return (text.slice(0, last) + text.slice(end)).replace(`MODULE ${module} `, `MODULE ${name} `);
}
