// Next of spec/BasicPaxos.tla at one node: each input names one spec action, looked up in a handler table.
import type { NodeId } from '../core/index.ts';
import { restart } from './actions/restart.ts';
import { sendAccept } from './actions/sendAccept.ts';
import { sendPrepare } from './actions/sendPrepare.ts';
import { timeout } from './actions/timeout.ts';
import { handleAccept } from './handlers/handleAccept.ts';
import { handleAccepted } from './handlers/handleAccepted.ts';
import { handleNack } from './handlers/handleNack.ts';
import { handlePrepare } from './handlers/handlePrepare.ts';
import { handlePromise } from './handlers/handlePromise.ts';
import { receive } from './handlers/receive.ts';
import type { BpConfig, BpInput, BpStep, Handlers, Node } from './types.ts';

/** The correct protocol. */
export const handlers: Handlers = {
  timeout,
  sendPrepare,
  sendAccept,
  restart,
  handlePrepare,
  handlePromise,
  handleNack,
  handleAccept,
  handleAccepted,
};

/** One atomic action at node i through the table h; null if it is not enabled. */
export function step(h: Handlers, i: NodeId, s: Node, x: BpInput, c: BpConfig): BpStep | null {
  if (x.type === 'Receive') return receive(h, s, x.m, c);
  if (s.role !== 'Proposer') return null; // only proposers have internal actions
  switch (x.type) {
    case 'Timeout':
      return h.timeout(s, i, c);
    case 'SendPrepare':
      return h.sendPrepare(s, i, x.a, c);
    case 'SendAccept':
      return h.sendAccept(s, i, x.a, c);
  }
}
