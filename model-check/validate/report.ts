// The validator's verdict as text: for a failure, the event (file:line, node, kind), why, and each
// state that was possible before it with the first logged fact each input contradicts.
import type { ValidateResult } from './check.ts';
import type { TraceEvent } from './format.ts';

/** One line naming an event: where it is, whose, what. */
export function describeEvent(e: TraceEvent): string {
  const what =
    e.kind === 'receive'
      ? `receive ${e.type ?? 'message'} from ${e.from}`
      : e.kind === 'timer'
        ? `timer ${e.timer ?? '?'}${e.action === null ? '' : `: ${e.action.type}`}`
        : e.kind === 'request'
          ? `request${e.action === null ? '' : `: ${e.action.type}`}`
          : e.kind;
  return `${e.file}:${e.line} (node ${e.node}, ${what})`;
}

/** The report of a failed validation. */
export function formatFailure(r: Extract<ValidateResult, { ok: false }>): string {
  const lines = [`trace does not conform at ${describeEvent(r.event)}: ${r.reason}`, `(after ${r.events} events that conform)`];
  if (r.possible.length > 0) lines.push(`the states of ${r.event.node} that were possible before it (${r.possible.length}):`);
  r.possible.slice(0, 5).forEach((p, k) => {
    const v = p.view;
    lines.push(`  ${k + 1}. role ${v.role}, term ${v.term}, votedFor ${v.votedFor ?? 'null'}, lastIndex ${v.lastIndex}, commitIndex ${v.commitIndex}`);
    for (const a of p.attempts.slice(0, 8)) lines.push(`     ${a.input}: ${a.problem}`);
    if (p.attempts.length > 8) lines.push(`     ... and ${p.attempts.length - 8} more inputs`);
  });
  if (r.possible.length > 5) lines.push(`  ... and ${r.possible.length - 5} more`);
  return `${lines.join('\n')}\n`;
}
