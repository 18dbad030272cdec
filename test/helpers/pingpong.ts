// A tiny node-level protocol for testing compose(): a node may ping its peer once; a ping is
// answered with a pong; a node counts the pongs it received (durable: pings sent, volatile: pongs).
import type { Message, NodeProtocol } from '../../src/core/index.ts';

export type PingState = { readonly sent: number; readonly pongs: number };
export type PingAction = { readonly type: 'SendPing'; readonly j: string };
export type PingMessage = Message & { readonly type: 'Ping' | 'Pong' | 'Bump' };
export type PingConfig = { readonly nodes: readonly string[]; readonly maxPongs?: number };

export const pingPong: NodeProtocol<PingConfig, PingState, PingAction, PingMessage> = {
  name: 'pingpong',
  nodes: (c) => c.nodes,
  init: () => ({ sent: 0, pongs: 0 }),
  internal: (i, _s, c) => c.nodes.filter((j) => j !== i).map((j) => ({ type: 'SendPing', j })),
  step: (i, s, input) => {
    if (input.type === 'SendPing') {
      if (s.sent > 0) return null;
      return { state: { ...s, sent: s.sent + 1 }, send: [{ type: 'Ping', source: i, dest: input.j }] };
    }
    const m = input.m;
    switch (m.type) {
      case 'Ping':
        return { state: s, send: [{ type: 'Pong', source: i, dest: m.source }] };
      case 'Pong':
        return { state: { ...s, pongs: s.pongs + 1 }, send: [] };
      case 'Bump':
        // Like raft.tla's UpdateTerm: change state, leave the message for a later step.
        return s.pongs === 0 ? { state: { ...s, pongs: 1 }, send: [], keep: true } : null;
    }
  },
  restart: (_i, s) => ({ sent: s.sent, pongs: 0 }),
  durable: (s) => ({ sent: s.sent }),
  invariants: { AtMostOnePongEach: (g) => Object.values(g.nodes).every((s) => s.pongs <= 1) },
  actionProperties: {},
  witnesses: { SomePong: (g) => Object.values(g.nodes).some((s) => s.pongs > 0) },
  symmetry: {
    groups: (c) => [c.nodes],
    state: 'plain',
    message: { fields: { source: 'name', dest: 'name' } },
  },
  describe: (i, a) => `SendPing(${i}, ${a.j})`,
  describeMessage: (m) => `${m.type} ${m.source}->${m.dest}`,
};
