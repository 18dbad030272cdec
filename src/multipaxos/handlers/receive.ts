// Receive(m) — message m reaches replica m.dest; the network removes it.
import { match } from 'ts-pattern';
import type { Handlers, MpConfig, MpMessage, MpStep, Replica } from '../types.ts';

export function receive(h: Handlers, s: Replica, m: MpMessage, c: MpConfig): MpStep | null {
  const i = m.dest;
  return match(m)
    .with({ type: 'Prepare' }, (m) => h.handlePrepare(s, i, m, c))
    .with({ type: 'Promise' }, (m) => h.handlePromise(s, i, m, c))
    .with({ type: 'Nack' }, (m) => h.handleNack(s, i, m, c))
    .with({ type: 'Accept' }, (m) => h.handleAccept(s, i, m, c))
    .with({ type: 'Accepted' }, (m) => h.handleAccepted(s, i, m, c))
    .with({ type: 'CatchUpRequest' }, (m) => h.handleCatchUpRequest(s, i, m, c))
    .with({ type: 'CatchUpReply' }, (m) => h.handleCatchUpReply(s, i, m, c))
    .with({ type: 'HandOff' }, (m) => h.handleHandOff(s, i, m, c))
    .exhaustive();
}
