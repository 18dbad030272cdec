// Receive(m) — message m reaches its recipient m.dest, whose role decides the handler; the network removes it.
import { match } from 'ts-pattern';
import type { Acceptor, BpConfig, BpMessage, BpStep, Handlers, Learner, Node, Proposer } from '../types.ts';

export function receive(h: Handlers, s: Node, m: BpMessage, c: BpConfig): BpStep | null {
  const i = m.dest;
  return match(m)
    .with({ type: 'Prepare' }, (m) => h.handlePrepare(as(s, 'Acceptor'), i, m, c))
    .with({ type: 'Promise' }, (m) => h.handlePromise(as(s, 'Proposer'), i, m, c))
    .with({ type: 'Nack' }, (m) => h.handleNack(as(s, 'Proposer'), i, m, c))
    .with({ type: 'Accept' }, (m) => h.handleAccept(as(s, 'Acceptor'), i, m, c))
    .with({ type: 'Accepted' }, (m) => h.handleAccepted(as(s, 'Learner'), i, m, c))
    .exhaustive();
}

type ByRole = { Proposer: Proposer; Acceptor: Acceptor; Learner: Learner };

function as<R extends keyof ByRole>(s: Node, role: R): ByRole[R] {
  if (s.role !== role) throw new Error(`a message for a ${role} reached a ${s.role}`);
  return s as ByRole[R];
}
