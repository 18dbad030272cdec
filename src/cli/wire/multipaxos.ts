// Multi-Paxos's peer messages as the wire carries them (src/multipaxos/types.ts). A command carries
// the client batch it proposes in `body`; a slot value is such a command or the no-op 'noop'.
import { arr, int, json, obj, str, tagged } from '../../runtime/transport/schema.ts';
import type { Schema } from '../../runtime/transport/schema.ts';

const ballot = obj({ round: int(), leader: str() });
const command = obj({ client: str(), seq: int(), body: json });
const value: Schema = (x, p) => (x === 'noop' ? null : command(x, p));
const vote = obj({ slot: int(1), bal: ballot, val: value });
const head = { type: str(), source: str(), dest: str(), bal: ballot };

export const multiPaxosSchema: Schema = tagged('type', {
  Prepare: obj({ ...head, from: int(1) }),
  Promise: obj({ ...head, accepted: arr(vote) }),
  Nack: obj({ ...head, higher: ballot }),
  Accept: obj({ ...head, slot: int(1), val: value }),
  Accepted: obj({ ...head, slot: int(1), val: value }),
  HandOff: obj({ ...head }),
  CatchUpRequest: obj({ type: str(), source: str(), dest: str(), from: int(1) }),
  CatchUpReply: obj({ type: str(), source: str(), dest: str(), decided: arr(obj({ slot: int(1), val: value })) }),
});
