// The models TLC and our explorer must agree on: each is a base .cfg of spec/ with some constants
// changed (docs/paxos.md and docs/raft.md quote every row). `ci: false` rows take TLC over a minute
// on 2 cores: `npm run tlc -- --all` runs them, docs/ keeps their figures.
import type { CfgChanges } from './cfg.ts';

export interface Setting {
  /** Short name, printed in the tables and accepted by `--only`. */
  readonly id: string;
  readonly protocol: 'paxos' | 'raft' | 'basicpaxos' | 'multipaxos';
  /** The module and its base .cfg in spec/. */
  readonly module: string;
  readonly cfg: string;
  readonly changes: CfgChanges;
  readonly ci: boolean;
}

const paxos = (id: string, changes: CfgChanges, ci = true): Setting => ({ id, protocol: 'paxos', module: 'MCPaxos.tla', cfg: 'MCPaxos.cfg', changes, ci });
const raft = (id: string, changes: CfgChanges, ci = true): Setting => ({ id, protocol: 'raft', module: 'MCRaft.tla', cfg: 'MCRaft.cfg', changes, ci });
/** Membership change (spec/MCRaftMembership.cfg: joint, 3 voters, s1 alone a candidate, no faults). */
const raftMem = (id: string, changes: CfgChanges, ci = true): Setting => ({ id, protocol: 'raft', module: 'MCRaftMembership.tla', cfg: 'MCRaftMembership.cfg', changes, ci });

const basicpaxos = (id: string, changes: CfgChanges, ci = true): Setting => ({ id, protocol: 'basicpaxos', module: 'MCBasicPaxos.tla', cfg: 'MCBasicPaxos.cfg', changes, ci });

const multipaxos = (id: string, changes: CfgChanges, ci = true): Setting => ({ id, protocol: 'multipaxos', module: 'MCMultiPaxos.tla', cfg: 'MCMultiPaxos.cfg', changes, ci });

const sym = { symmetry: 'MCSymmetry' } as const;
/** Two replicas that may both lead: the leader changes (a quorum is both, MaxMsgs 2 fits an Accept's answers). */
const leaderChange = { Replica: '{r1, r2}', Candidates: '{r1, r2}', MaxMsgs: '2' } as const;
const noFaults = { MaxRestarts: '0', DropEnabled: 'FALSE', DuplicateEnabled: 'FALSE' } as const;

/** Beyond the spec/MC*.cfg files as shipped (which are always checked first). */
export const settings: readonly Setting[] = [
  paxos('paxos-3a2v1b-sym', { ...sym }),
  paxos('paxos-3a1v1b', { constants: { Value: '{v1}' } }),
  paxos('paxos-3a3v1b', { constants: { Value: '{v1, v2, v3}' } }),
  paxos('paxos-3a2v0b', { constants: { MaxBallot: '0' } }),
  paxos('paxos-3a2v1b-q2', { constants: { Quorum: '{{a1, a2}, {a1, a3}}' } }),
  paxos('paxos-3a2v1b-q2-sym', { constants: { Quorum: '{{a1, a2}, {a1, a3}}' }, ...sym }),
  paxos('paxos-4a1v1b', { constants: { Acceptor: '{a1, a2, a3, a4}', Value: '{v1}' } }),
  paxos('paxos-4a2v1b', { constants: { Acceptor: '{a1, a2, a3, a4}' } }, false),
  paxos('paxos-3a2v2b-sym', { constants: { MaxBallot: '2' }, ...sym }, false),
  paxos('paxos-3a1v2b', { constants: { Value: '{v1}', MaxBallot: '2' } }, false),
  paxos('paxos-3a2v2b', { constants: { MaxBallot: '2' } }, false),
  paxos('paxos-5a1v1b', { constants: { Acceptor: '{a1, a2, a3, a4, a5}', Value: '{v1}' } }, false),
  basicpaxos('basicpaxos-rounds01', { constants: { MaxRound: '1', DropEnabled: 'FALSE' } }, false),
  multipaxos('multipaxos-2r-leaderchange', { constants: { ...leaderChange, Commands: '2' } }),
  multipaxos('multipaxos-2r-catchup', { constants: { Replica: '{r1, r2}', Commands: '2', MaxSlot: '2', MaxMsgs: '2' } }),
  multipaxos('multipaxos-2r-handoff', { constants: { ...leaderChange, HandOffEnabled: 'TRUE' } }),
  multipaxos('multipaxos-2r-faults', { constants: { ...leaderChange, DropEnabled: 'TRUE', RestartEnabled: 'TRUE' } }, false),
  raft('raft-A-sym', { ...sym }),
  raft('raft-A-nohistory', { constants: { HistoryFields: 'FALSE' } }),
  raft('raft-t2l1', { constants: { MaxTerm: '2', MaxLogLen: '1' } }),
  raft('raft-2v-t2l1-sym', { constants: { Value: '{v1, v2}', MaxTerm: '2', MaxLogLen: '1' }, ...sym }),
  raft('raft-3s-passive', { constants: { Server: '{s1, s2, s3}', MaxTerm: '2', MaxLogLen: '1', ...noFaults, Passive: '{s2, s3}' } }),
  raft('raft-A-drops1', { constants: { MaxDrops: '1' } }),
  raft('raft-3s-t2l0', { constants: { Server: '{s1, s2, s3}', MaxTerm: '2', MaxLogLen: '0', ...noFaults } }),
  raft('raft-snap-t2l1', { constants: { Snapshots: 'TRUE', MaxTerm: '2', MaxLogLen: '1' } }),
  raft('raft-snap-t2l2', { constants: { Snapshots: 'TRUE', MaxTerm: '2' } }),
  raft('raft-snap-3s-passive', { constants: { Snapshots: 'TRUE', Server: '{s1, s2, s3}', MaxTerm: '2', MaxLogLen: '1', ...noFaults, Passive: '{s2, s3}' } }),
  raft('raft-snap-3s-l2-passive', { constants: { Snapshots: 'TRUE', Server: '{s1, s2, s3}', MaxTerm: '2', MaxLogLen: '2', ...noFaults, Passive: '{s2, s3}' } }, false),
  raft('raft-sess-t2l2', { constants: { Sessions: 'TRUE', MaxTerm: '2' } }),
  raft('raft-sess-t2l2-seq2', { constants: { Sessions: 'TRUE', MaxTerm: '2', MaxSeq: '2' } }),
  raft('raft-prevote-t2l2', { constants: { PreVote: 'TRUE', MaxTerm: '2' } }),
  raft('raft-pvcq-t2l2', { constants: { PreVote: 'TRUE', CheckQuorum: 'TRUE', MaxTerm: '2' } }),
  raftMem('raft-mem-joint-grow3', { constants: { InitVoters: '{s1, s2}', InitLearners: '{s3}', Targets: '{{s1, s2, s3}}' } }),
  raftMem('raft-mem-single-grow3', { constants: { Membership: '"single"', InitVoters: '{s1, s2}', InitLearners: '{s3}', Targets: '{{s1, s2, s3}}' } }),
  raftMem('raft-mem-single-shrink3', { constants: { Membership: '"single"' } }),
  raftMem('raft-mem-joint-unlearn3', { constants: { InitVoters: '{s1, s2}', InitLearners: '{s3}', Targets: '{{s1, s2, s3}}', LearnerRemovals: '{s3}' } }),
  raftMem('raft-mem-single-unlearn3', { constants: { Membership: '"single"', InitVoters: '{s1, s2}', InitLearners: '{s3}', Targets: '{{s1, s2, s3}}', LearnerRemovals: '{s3}' } }),
  raftMem('raft-mem-joint-grow4', { constants: { Server: '{s1, s2, s3, s4}', InitLearners: '{s4}', Targets: '{{s1, s2, s3, s4}}', Passive: '{s2, s3, s4}' } }, false),
  raft('raft-read-t2l1', { constants: { ReadIndex: 'TRUE', MaxTerm: '2', MaxLogLen: '1' } }),
  raft('raft-read-t2l2-r2', { constants: { ReadIndex: 'TRUE', MaxTerm: '2', MaxReads: '2' } }),
  raft('raft-sess-expiry-t2l1', { constants: { Sessions: 'TRUE', MaxTerm: '2', MaxLogLen: '1', SessionTimeout: '0', MaxClock: '1' } }),
  raft('raft-2v-t2l2-m2d2', { constants: { Value: '{v1, v2}', MaxTerm: '2', MaxLogLen: '2', MaxMsgs: '2', MaxDup: '2' } }, false),
  raft('raft-t4l1-r2', { constants: { MaxTerm: '4', MaxLogLen: '1', MaxRestarts: '2' } }, false),
  raft('raft-3s-t2l1', { constants: { Server: '{s1, s2, s3}', MaxTerm: '2', MaxLogLen: '1', ...noFaults } }, false),
  raft('raft-3s-t2l1-sym', { constants: { Server: '{s1, s2, s3}', MaxTerm: '2', MaxLogLen: '1', ...noFaults }, ...sym }, false),
];
