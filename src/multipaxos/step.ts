// Next of Multi-Paxos at one replica: each input names one action, looked up in a handler table.
import type { NodeId } from '../core/index.ts';
import { clientRequest } from './actions/clientRequest.ts';
import { execute } from './actions/execute.ts';
import { requestCatchUp } from './actions/requestCatchUp.ts';
import { restart } from './actions/restart.ts';
import { sendHandOff } from './actions/sendHandOff.ts';
import { sendAccept } from './actions/sendAccept.ts';
import { sendPrepare } from './actions/sendPrepare.ts';
import { startElection } from './actions/startElection.ts';
import { handleAccept } from './handlers/handleAccept.ts';
import { handleAccepted } from './handlers/handleAccepted.ts';
import { handleCatchUpReply } from './handlers/handleCatchUpReply.ts';
import { handleCatchUpRequest } from './handlers/handleCatchUpRequest.ts';
import { handleHandOff } from './handlers/handleHandOff.ts';
import { handleNack } from './handlers/handleNack.ts';
import { handlePrepare } from './handlers/handlePrepare.ts';
import { handlePromise } from './handlers/handlePromise.ts';
import { receive } from './handlers/receive.ts';
import type { Handlers, MpConfig, MpInput, MpStep, Replica } from './types.ts';

export const handlers: Handlers = {
  startElection, sendPrepare, clientRequest, sendAccept, execute, requestCatchUp, sendHandOff, restart,
  handlePrepare, handlePromise, handleNack, handleAccept, handleAccepted, handleCatchUpRequest, handleCatchUpReply, handleHandOff,
};

export function step(h: Handlers, i: NodeId, s: Replica, x: MpInput, c: MpConfig): MpStep | null {
  switch (x.type) {
    case 'Receive':
      return receive(h, s, x.m, c);
    case 'StartElection':
      return h.startElection(s, i, c);
    case 'SendPrepare':
      return h.sendPrepare(s, i, x.j, c);
    case 'ClientRequest':
      return h.clientRequest(s, i, x.cmd, c);
    case 'SendAccept':
      return h.sendAccept(s, i, x.j, x.slot, c);
    case 'Execute':
      return h.execute(s, i, c);
    case 'RequestCatchUp':
      return h.requestCatchUp(s, i, x.j, c);
    case 'SendHandOff':
      return h.sendHandOff(s, i, x.j, c);
  }
}
