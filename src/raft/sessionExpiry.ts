// Session expiry decided through the log (Raft thesis §6.3): applying entry k at time t, the larger of
// the state machine's time and the entry's (the leader's clock when it appended it), expires every
// session idle for more than the timeout; a command of an expired session is rejected (SESSION_EXPIRED)
// and never applied. Every replica applies the same entries with the same times, so all expire alike.
import { castDraft, produce } from 'immer';
import type { Command, Entry, RaftConfig, Server, Session, StateMachine } from './types.ts';

/** Spec `NoSession`: a session with expiry fields (registered at time 0). */
export const NO_SESSION: Session = { seq: 0, response: 0, last: 0, expired: false };

/** The sessions after time `t`: those idle for more than `timeout` expired. */
export function expire(sessions: StateMachine['sessions'], t: number, timeout: number): Record<string, Session> {
  const out: Record<string, Session> = {};
  for (const [c, x] of Object.entries(sessions)) out[c] = x.expired === true || t - (x.last ?? 0) <= timeout ? x : { ...x, expired: true };
  return out;
}

/** ApplyCommitted with expiry: entry k (command x) applied at time `t` (the entry's, in the correct protocol). */
export function applyAt(s: Server, k: number, x: Command, t0: number, c: RaftConfig): Server {
  const sm = s.sm as StateMachine;
  const t = Math.max(sm.time ?? 0, t0);
  const sessions = expire(sm.sessions, t, c.sessions?.expiry?.timeout ?? 0);
  const own = sessions[x.client] as Session;
  return produce(s, (d) => {
    const m = d.sm as NonNullable<typeof d.sm>;
    m.lastApplied = k;
    m.time = t;
    if (own.expired === true) {
      m.sessions = castDraft(sessions); // SESSION_EXPIRED: rejected, not applied
    } else if (x.seq <= own.seq) {
      m.sessions = castDraft({ ...sessions, [x.client]: { ...own, last: t } }); // a duplicate, answered from the table
    } else {
      m.applied.push(x);
      m.sessions = castDraft({ ...sessions, [x.client]: { seq: x.seq, response: sm.applied.length + 1, last: t, expired: false } });
    }
  });
}

/** The time entry `e` carries (0 if none). */
export function entryTime(e: Entry | undefined): number {
  return e?.time ?? 0;
}
