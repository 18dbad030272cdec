// One node: owns one protocol state and changes it only through `step` and `restart` (design.md, "The
// runtime"). Inputs are decoded peer messages (Receive), timer-chosen internal actions (`timers`)
// and client commands (`command`). Processing is a group commit: take every queued input, step
// them in order, make `durable(state)` durable once (WAL, fsync), and only then send the messages,
// deliver self-addressed ones locally, apply newly committed entries and answer clients. No protocol
// logic lives here: every decision comes from the protocol's `NodeRuntime` (src/core/runtime.ts).
import { finishRead, type ReadBatch, type WaitingRead } from './reads.ts';
import type { Message, NodeId, NodeRuntime, Receive, RuntimeSnapshot, Step, Tagged } from '../core/index.ts';
import { KvStore } from './kv/kv.ts';
import type { KvCommand, KvResult } from './kv/kv.ts';
import { Flow } from './flow.ts';
import { ElectionTimer, HeartbeatTimer } from './timers.ts';
import { systemClock } from './timers.ts';
import type { Clock, TimerSettings } from './timers.ts';
import { Snapshotter } from './snapshot-node.ts';
import type { SnapshotStore } from './snapshot-store.ts';

/** Where the durable state goes (a `Wal`, or memory for Maelstrom without a disk). */
export interface Storage {
  write(value: unknown): Promise<unknown>;
  /** Starts rewriting what is stored as the last value alone, in the background (the WAL truncated after a snapshot). */
  truncate?(): void;
  /** Bytes stored (the WAL's size), for the snapshot policy. */
  bytes?(): number;
}

/** A client command's outcome: the state machine's result, or why it did not complete. */
export type Outcome =
  | { readonly kind: 'done'; readonly result: KvResult }
  /** Not applied, certainly: this node cannot propose, or the entry was replaced by another leader. */
  | { readonly kind: 'failed'; readonly reason: 'not-leader' | 'replaced'; readonly leader: NodeId | null }
  /** May or may not be applied later. */
  | { readonly kind: 'timeout' };

/** What `GET /status` shows. */
export interface NodeStatus {
  readonly id: NodeId;
  readonly role: string;
  readonly term: number;
  readonly commitIndex: number;
  readonly leader: NodeId | null;
  readonly lastIndex: number;
  readonly applied: number;
  readonly keys: number;
  /** The last position the snapshot includes (0: none). */
  readonly snapshotIndex?: number;
}

export interface NodeOptions<S, A extends Tagged, M extends Message> {
  readonly id: NodeId;
  /** The protocol, bound to this cluster's constants. */
  readonly runtime: NodeRuntime<S, A, M>;
  /** The recovered durable value, given to `runtime.restore` (null: a fresh node). */
  readonly recovered: unknown;
  /** The snapshot recovered from `snapshots` (null: none), given to `runtime.restore`. */
  readonly recoveredSnapshot?: RuntimeSnapshot | null;
  /** Where snapshots go and when to take them (absent, or a protocol without `snapshots`: never). */
  readonly snapshots?: SnapshotStore;
  readonly storage: Storage;
  /** Sends a message to a peer (self-addressed ones too if `sendSelf`). */
  readonly send: (m: M) => void;
  /** Self-addressed messages go through `send`, for an in-process network that orders every delivery (default: delivered locally). */
  readonly sendSelf?: boolean;
  /** The timers' clock (default: the process's); in-process.ts drives one by hand. */
  readonly clock?: Clock;
  /** Adaptive batching (default on); off, a command is proposed in the round it arrives, even behind an uncommitted entry (a replay). */
  readonly batching?: boolean;
  /** Whether peer j is connected now (absent: always); batches to a peer that is not are held back, not queued. */
  readonly reachable?: (j: NodeId) => boolean;
  readonly log: (line: string) => void;
  readonly timers: TimerSettings;
  /** How long a client command may wait for its entry to commit (default 5000 ms). */
  readonly commandTimeoutMs?: number;
  /** A client session idle longer than this (by the leader's clock in the entries) expires; absent: never. */
  readonly sessionTimeoutMs?: number | null;
  /** Called after a storage failure stopped the node (a process exits). */
  readonly onFatal?: (e: unknown) => void;
  /** Each step the node takes, before it adopts `r.state` (the trace log; absent: no cost). */
  readonly onStep?: (input: A | Receive<M>, before: S, r: Step<S, M>) => void;
  /** The trace log's other hooks (absent: none). */
  readonly trace?: NodeTrace<S>;
}

/** What the trace log sees besides steps: compactions, snapshot writes, steps taken back. */
export interface NodeTrace<S> {
  /** The log was compacted into this node's durable snapshot `snap`, giving `state`. */
  compact(snap: RuntimeSnapshot, state: S): void;
  /** A snapshot file is about to be written: the lines so far go first. */
  flush(): void;
  /** Where the log stands: the function returned takes back the lines since (false: already written). */
  mark(): () => boolean;
}

/** An eager run does not repeat the same message to a peer within this many milliseconds. */
const EAGER_REPEAT_MS = 5;
/** Client commands' JSON in one log entry (a larger command goes alone), and proposed per round. */
const ENTRY_BYTES = 256 * 1024;
const ROUND_BYTES = 1024 * 1024;
/** Steps of one input while the protocol keeps it: raft.tla removes a conflicting tail one entry per step. */
const MAX_KEEPS = 1_000_000;
const TRACE = process.env['CC_TRACE'] === '1';
/** CPU time of the process in microseconds (CC_TRACE). */
const cpuNow = (): number => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

type Input<M> =
  | { readonly kind: 'receive'; readonly m: M }
  | { readonly kind: 'timer'; readonly name: string; readonly eager: boolean }
  | { readonly kind: 'handOff' }
  /** A snapshot of ours is durable: compact the log up to it. */
  | { readonly kind: 'snapshot'; readonly snap: RuntimeSnapshot }
  /** An operator's action (a membership change): stepped in the next round; `done` hears whether it was enabled. */
  | { readonly kind: 'act'; readonly run: (out: M[]) => () => void };

type Pending = { readonly command: KvCommand; readonly bytes: number; readonly resolve: (o: Outcome) => void; done: boolean };
type Proposed = { readonly index: number; readonly id: string | number | null; readonly batch: Pending[] };

/** About the JSON length of a command: its strings' lengths (a 1 MB value is not serialized to measure it). */
function commandBytes(c: KvCommand): number {
  let n = 64;
  for (const v of Object.values(c)) n += typeof v === 'string' ? v.length : typeof v === 'number' ? 16 : JSON.stringify(v ?? null).length;
  return n;
}

/** A running node. */
export class Node<S, A extends Tagged, M extends Message> {
  private s: S;
  private readonly o: NodeOptions<S, A, M>;
  private readonly inbox: Input<M>[] = [];
  private commands: Pending[] = [];
  /** Commands waiting for the uncommitted entry before them to commit (adaptive batching). */
  private held: Pending[] = [];
  private proposed: Proposed[] = [];
  private readonly kv: KvStore;
  private applied = 0;
  private busy = false;
  private readonly idleWaiters: (() => void)[] = [];
  private stopped = false;
  private leaderHint: { leader: NodeId; term: number } | null = null;
  /** Last message each peer got from an eager timer run: identical ones wait for the periodic tick. */
  private readonly lastEager = new Map<NodeId, { key: string; at: number }>();
  private readonly election: ElectionTimer;
  private readonly heartbeat: HeartbeatTimer;
  private readonly flow: Flow;
  private readonly clock: Clock;
  /** ReadIndex reads (thesis §6.4): waiting for a read to start, and the read being confirmed. */
  private reads: WaitingRead[] = [];
  private readBatch: ReadBatch | null = null;
  private readKick = false;
  /** Inputs processed and rounds (group commits) run, for benchmarks. */
  readonly stats = { rounds: 0, inputs: 0, writes: 0, stepErrors: 0 };
  /** Log compaction, when the protocol has it and a store is given. */
  readonly snapshotter: Snapshotter<S, A, M> | null;
  /** The next durable write replaces the WAL (a snapshot now holds its prefix). */
  private truncate = false;

  constructor(o: NodeOptions<S, A, M>) {
    this.o = o;
    this.s = o.runtime.restore(o.id, o.recovered, o.recoveredSnapshot ?? null);
    this.kv = new KvStore(o.sessionTimeoutMs ?? null);
    this.clock = o.clock ?? systemClock;
    const rs = o.runtime.snapshots;
    const store = o.snapshots;
    this.snapshotter =
      rs === undefined || store === undefined
        ? null
        : new Snapshotter({ id: o.id, runtime: o.runtime, store, kv: this.kv, log: o.log, ready: (snap) => this.enqueue({ kind: 'snapshot', snap }) }, rs);
    this.applied = this.snapshotter?.restore(this.s) ?? 0;
    this.election = new ElectionTimer(o.timers, () => this.enqueue({ kind: 'timer', name: 'election', eager: false }), this.clock);
    this.heartbeat = new HeartbeatTimer(o.timers, () => this.enqueue({ kind: 'timer', name: 'heartbeat', eager: false }), this.clock);
    // A held-back payload goes again well within the lowest election timeout.
    this.flow = new Flow(Math.min(4 * o.timers.heartbeatMs, o.timers.electionMs[0] / 2));
  }

  /** Starts the timers. */
  start(): void {
    if (TRACE) this.cpuAtStart = cpuNow();
    this.election.start();
    this.heartbeat.start();
  }

  stop(): void {
    if (TRACE && !this.stopped) this.o.log(`trace stop cpu=${cpuNow() - this.cpuAtStart} rounds=${this.stats.rounds} inputs=${this.stats.inputs} writes=${this.stats.writes}`);
    this.stopped = true;
    this.election.stop();
    this.heartbeat.stop();
    for (const c of this.commands) this.finish(c, { kind: 'timeout' });
    for (const c of this.held) this.finish(c, { kind: 'timeout' });
    for (const p of this.proposed) for (const c of p.batch) this.finish(c, { kind: 'timeout' });
    for (const w of [...this.reads, ...(this.readBatch?.reads ?? [])]) finishRead(w, { kind: 'timeout' });
  }

  /**
   * Reads `key` by ReadIndex (thesis §6.4) if the protocol has it, else through the log; resolves with
   * its value once a quorum confirmed this node's leadership and it applied up to the read index.
   */
  read(key: string): Promise<Outcome> {
    if (this.o.runtime.reads === undefined) return this.submit({ op: 'get', key });
    return new Promise((resolve) => {
      const w: WaitingRead = { key, resolve, done: false };
      const t = setTimeout(() => finishRead(w, { kind: 'timeout' }), this.o.commandTimeoutMs ?? 5000);
      t.unref();
      this.reads.push(w);
      this.readKick = true;
      this.kick();
    });
  }

  /**
   * Steps the action `pick` chooses in the state of the next round (a membership change at the leader);
   * resolves with the action once it is durable and sent, with `pick`'s refusal (an object without
   * `type`) if it chose none, or null if the action was not enabled (or the node stopped).
   */
  act<R extends object>(pick: (s: S) => A | R): Promise<A | R | null> {
    if (this.stopped) return Promise.resolve(null);
    return new Promise((done) => this.enqueue({ kind: 'act', run: (out) => this.actInput(pick, done, out) }));
  }

  /** A decoded, validated message from a peer. */
  receive(m: M): void {
    this.enqueue({ kind: 'receive', m });
  }

  /**
   * Part of a message from peer j arrived (a snapshot's chunk): only a leader sends one, so a leader is
   * alive, also one this node does not know yet (its term is read when the message is whole).
   */
  alive(j: NodeId): void {
    if (j !== this.o.id && !this.isLeader()) this.election.reset();
  }

  /** Submits a client command; resolves when it is applied, certainly failed, or timed out. */
  submit(command: KvCommand): Promise<Outcome> {
    return new Promise((resolve) => {
      const p: Pending = { command, bytes: commandBytes(command), resolve, done: false };
      const t = setTimeout(() => this.finish(p, { kind: 'timeout' }), this.o.commandTimeoutMs ?? 5000);
      t.unref();
      if (TRACE && this.firstIn === 0) this.firstIn = performance.now();
      this.commands.push(p);
      this.kick();
    });
  }

  status(): NodeStatus {
    const v = this.o.runtime.view(this.s);
    return {
      id: this.o.id,
      // As raft.tla and MultiPaxos.tla name the roles: Leader, Candidate, Follower.
      role: `${v.role.charAt(0).toUpperCase()}${v.role.slice(1)}`,
      term: v.term,
      commitIndex: v.commitIndex,
      leader: this.leader(),
      lastIndex: v.lastIndex,
      applied: this.applied,
      keys: this.kv.size,
      snapshotIndex: this.snapshotter?.index(this.s) ?? 0,
    };
  }

  /** Who this node believes leads now, if anyone. */
  leader(): NodeId | null {
    if (this.isLeader()) return this.o.id;
    const h = this.leaderHint;
    return h !== null && h.term === this.o.runtime.view(this.s).term ? h.leader : null;
  }

  /** The current state (tests). */
  get state(): S {
    return this.s;
  }

  private isLeader(): boolean {
    return this.o.runtime.view(this.s).role === 'leader';
  }

  private finish(p: Pending, o: Outcome): void {
    if (p.done) return;
    p.done = true;
    if (TRACE) this.roundTrace.answered += 1;
    p.resolve(o);
  }

  private enqueue(x: Input<M>): void {
    if (this.stopped) return;
    if (TRACE && this.firstIn === 0) this.firstIn = performance.now();
    this.inbox.push(x);
    this.kick();
  }

  private kick(): void {
    if (this.busy || this.stopped) return;
    this.busy = true;
    // Let the current I/O callbacks queue their inputs first, so that one round takes them all.
    setImmediate(() => void this.loop());
  }

  private async loop(): Promise<void> {
    try {
      while (!this.stopped && (this.inbox.length > 0 || this.commands.length > 0 || this.readKick)) await this.round();
    } catch (e) {
      // Only storage can fail here (steps that throw are skipped): without a durable write the node
      // must not go on.
      this.o.log(`node: fatal: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      this.stop();
      this.o.onFatal?.(e);
    } finally {
      this.busy = false;
      for (const r of this.idleWaiters.splice(0)) r();
    }
  }

  /** Resolves when no round is running (after `stop`, before closing the storage). */
  idle(): Promise<void> {
    return this.busy ? new Promise((r) => this.idleWaiters.push(r)) : Promise.resolve();
  }

  /**
   * Steps `input`, then the protocol's reactions to that step (once: reactions do not react). True
   * if `input` was enabled. Restarts the election timer when the protocol says the step calls for it.
   */
  private apply(input: A | Receive<M>, out: M[], react = true): boolean {
    const rt = this.o.runtime;
    const before = this.s;
    if (!this.stepKept(input, out)) return false;
    if (rt.resetsElection(this.o.id, before, this.s, input)) this.election.reset();
    if (react) for (const a of rt.reactions(this.o.id, before, this.s, input)) this.apply(a, out, false);
    return true;
  }

  /** Steps `input` (again while the protocol keeps the message, as raft.tla's UpdateTerm does). */
  private stepKept(input: A | Receive<M>, out: M[]): boolean {
    const rt = this.o.runtime;
    for (let k = 0; k < MAX_KEEPS; k += 1) {
      let r;
      try {
        r = rt.step(this.o.id, this.s, input);
      } catch (e) {
        // A protocol throws only for a state it deems impossible: a bug, or a peer that sent
        // well-formed nonsense. Steps are pure, so the state is unchanged: log loudly, skip the input,
        // keep serving (bytes from the network must not stop a node).
        this.o.log(`node: step threw on ${rt.describe(this.o.id, input)}; input skipped: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        this.stats.stepErrors += 1;
        return k > 0;
      }
      if (r === null) return k > 0;
      this.o.onStep?.(input, this.s, r);
      this.s = r.state;
      for (const m of r.send) out.push(m);
      if (r.keep !== true) return true;
    }
    this.o.log(`node: step kept the same input ${MAX_KEEPS} times; input dropped`);
    return true;
  }

  /**
   * Runs a timer's actions. `eager` (a run right after a round, not a tick) sends only to the peers
   * in `to` (null: all) and never repeats a message within EAGER_REPEAT_MS; a message not sent is, to
   * the model, a lost one, and the periodic tick sends it again.
   */
  private runTimer(name: string, eager: boolean, out: M[], to: ReadonlySet<NodeId> | null = null): void {
    const rt = this.o.runtime;
    const t = rt.timers[name];
    if (t === undefined) return;
    for (const a of t.actions(this.o.id, this.s)) {
      const sent: M[] = [];
      this.apply(a, sent);
      for (const m of sent) if (this.eagerAllows(m, eager, to)) this.emit(m, out);
    }
  }

  /** Whether a timer's message goes: an eager run's filters (a message they skip is, to the model, lost). */
  private eagerAllows(m: M, eager: boolean, to: ReadonlySet<NodeId> | null): boolean {
    const payload = this.o.runtime.payload(m);
    // An eager run (after a round, to pipeline) skips a message identical to the last one that
    // peer got; the model allows it as loss, and the periodic tick resends it.
    if (eager && to !== null && !to.has(m.dest)) return false;
    // With nothing new to replicate, an eager message without a payload (only a commit index) waits for the tick: one exchange per write, not two.
    if (eager && to !== null && payload === null) return false;
    const key = payload ?? JSON.stringify(m);
    const last = this.lastEager.get(m.dest);
    const now = this.clock.now();
    if (eager && last !== undefined && last.key === key && now - last.at < EAGER_REPEAT_MS) return false;
    this.lastEager.set(m.dest, { key, at: now });
    return true;
  }

  /**
   * A message that may precede the durable write (thesis §10.2.1) leaves as soon as its step made it,
   * not after the round's remaining steps; the others wait in `out` for the write.
   */
  private emit(m: M, out: M[]): void {
    if (m.dest === this.o.id || !this.o.runtime.early(m)) {
      out.push(m);
      return;
    }
    if (TRACE && this.roundTrace.send === 0) this.roundTrace.send = performance.now();
    this.transmit(m);
  }

  /** CC_TRACE: when the first input of the next round arrived, and this round's phases. */
  private firstIn = 0;
  private cpuAtStart = 0;
  private roundStart = 0;
  private roundTrace = { first: 0, send: 0, write: 0, sent: 0, answered: 0, cpu: [] as number[] };

  private async round(): Promise<void> {
    if (TRACE) {
      this.roundStart = performance.now();
      this.roundTrace = { first: this.firstIn, send: 0, write: 0, sent: 0, answered: 0, cpu: [cpuNow()] };
      this.firstIn = 0;
    }
    const inputs = this.inbox.splice(0);
    const commands = this.commands.splice(0).filter((c) => !c.done);
    const out: M[] = [];
    const rt = this.o.runtime;
    this.stats.rounds += 1;
    this.stats.inputs += inputs.length + commands.length;
    const heard = new Set<NodeId>();
    const lastBefore = rt.view(this.s).lastIndex;
    // Inputs of one round are concurrent, so any order is an interleaving the model has: messages
    // first, so that an election timeout that fired while the loop was busy (its callback runs before
    // the socket reads) yields to the leader's message that had arrived meanwhile.
    let reset = false;
    for (const x of inputs) if (x.kind === 'receive') reset = this.receiveInput(x.m, out, heard) || reset;
    for (const x of inputs) if (x.kind === 'snapshot') this.compact(x.snap);
    const acted: (() => void)[] = [];
    for (const x of inputs) {
      if (x.kind === 'act') acted.push(x.run(out));
      if (x.kind === 'handOff') this.tryHandOff(out);
      if (x.kind !== 'timer' || (reset && rt.timers[x.name]?.kind === 'election')) continue;
      this.runTimer(x.name, x.eager, out);
    }
    const leaderNow = this.isLeader();
    if (commands.length > 0) {
      if (!leaderNow) for (const c of commands) this.finish(c, { kind: 'failed', reason: 'not-leader', leader: this.leader() });
      // Adaptive batching: while an entry is uncommitted, commands wait and then go as one entry.
      else if (this.o.batching !== false && this.uncommitted()) this.held.push(...commands);
      else this.proposeBounded(commands, out);
    }
    this.readRound(out, inputs.some((x) => x.kind === 'timer'));
    // Pipelining: a leader runs its heartbeat actions at once after every round (replicate new
    // entries, advance the commit index) instead of waiting for the next tick.
    if (leaderNow && (inputs.length > 0 || commands.length > 0)) {
      const to = rt.view(this.s).lastIndex !== lastBefore ? null : heard;
      for (const [name, t] of Object.entries(rt.timers)) if (t.kind === 'heartbeat') this.runTimer(name, true, out, to);
    }
    await this.commit(out);
    for (const f of acted) f();
    this.applyCommitted();
    this.snapshotter?.maybeStart(this.s, this.applied, this.o.storage.bytes?.() ?? 0);
    this.answerReads();
    if (this.held.length > 0 && (!this.isLeader() || !this.uncommitted())) this.commands.unshift(...this.held.splice(0));
    if (TRACE) this.traceRound(inputs, commands.length);
  }

  /** CC_TRACE=1: one line per round, times in ms since the epoch (comparable across the nodes of one host). */
  private traceRound(inputs: readonly Input<M>[], commands: number): void {
    const t = this.roundTrace;
    const at = (x: number) => (x === 0 ? '-' : (performance.timeOrigin + x).toFixed(3));
    const got = inputs.map((x) => (x.kind === 'receive' ? x.m.type : x.kind)).join(',');
    const end = performance.now();
    const cpu = [...t.cpu, cpuNow()].map((c, k, all) => (k === 0 ? '' : String(c - (all[k - 1] as number)))).slice(1);
    this.o.log(`trace round first=${at(t.first)} start=${at(this.roundStart)} send=${at(t.send)} write=${at(t.write)} sent=${at(t.sent)} end=${at(end)} answered=${t.answered} cmds=${commands} in=${got} cpu=${cpu.join('/')}`);
  }

  /** ReadIndex: starts a read for the waiting clients, asks for confirmations (again at a tick), tries to answer. */
  private readRound(out: M[], tick: boolean): void {
    this.readKick = false;
    const r = this.o.runtime.reads;
    const i = this.o.id;
    if (r === undefined || (this.reads.length === 0 && this.readBatch === null)) return;
    if (!this.isLeader()) {
      const leader = this.leader();
      for (const w of [...this.reads.splice(0), ...(this.readBatch?.reads ?? [])]) finishRead(w, { kind: 'failed', reason: 'not-leader', leader });
      this.readBatch = null;
      return;
    }
    let b = this.readBatch;
    if (b === null) {
      this.reads = this.reads.filter((w) => !w.done);
      // Not enabled until an entry of this leader's term is committed: the reads wait for a later round.
      if (this.reads.length === 0 || !this.apply(r.start(i, this.s), out)) return;
      const st = r.state(this.s);
      if (st === null || !st.pending) return;
      b = this.readBatch = { id: st.id, index: st.index, answered: false, reads: this.reads.splice(0) };
      tick = true;
    }
    if (tick) for (const a of r.confirm(i, this.s)) this.apply(a, out);
    if (!b.answered && this.apply(r.answer(i, this.s), out)) b.answered = true;
  }

  /** ReadIndex: a confirmed read is answered from the state machine once it applied up to the read index. */
  private answerReads(): void {
    const b = this.readBatch;
    if (b === null || !b.answered || this.applied < b.index) return;
    this.readBatch = null;
    for (const w of b.reads) finishRead(w, { kind: 'done', result: this.kv.apply({ op: 'get', key: w.key }) });
    if (this.reads.length > 0) this.readKick = true;
  }

  /** Whether the log has an entry past the commit index. */
  private uncommitted(): boolean {
    const v = this.o.runtime.view(this.s);
    return v.lastIndex > v.commitIndex;
  }

  /** Makes the state durable and sends the round's messages (those the protocol allows, before the write). */
  private async commit(out: readonly M[]): Promise<void> {
    const rt = this.o.runtime;
    const i = this.o.id;
    // Messages that may precede the durable write (a leader's AppendEntries) leave first, so that
    // the followers write in parallel with the leader (thesis §10.2.1) and hear from it during a long write.
    const late: M[] = [];
    if (TRACE && this.roundTrace.send === 0) this.roundTrace.send = performance.now();
    for (const m of out) this.emit(m, late);
    if (TRACE) {
      this.roundTrace.write = performance.now();
      this.roundTrace.cpu.push(cpuNow());
    }
    // An installed snapshot is durable before the WAL drops the entries it holds and before the reply.
    if (this.snapshotter?.pending(this.s) === true) this.o.trace?.flush();
    if ((await this.snapshotter?.persist(this.s)) === true) {
      this.truncate = true;
      this.restartElectionAfterBusyWrite();
    }
    if (await this.o.storage.write(rt.durable(this.s))) this.stats.writes += 1;
    // The WAL's records before the snapshot go in the background: appends are not held up.
    if (this.truncate) this.o.storage.truncate?.();
    this.truncate = false;
    if (TRACE) {
      this.roundTrace.sent = performance.now();
      this.roundTrace.cpu.push(cpuNow());
    }
    // Now durable: the other messages may leave.
    for (const m of late) {
      if (m.dest !== i) this.transmit(m);
      else if (this.o.sendSelf === true) this.o.send(m);
      else this.inbox.push({ kind: 'receive', m });
    }
  }

  /**
   * After writing a snapshot the leader sent: the leader was not silent, this node was busy. An election
   * timeout that fired meanwhile is dropped (a Timeout not taken) and the timer restarts.
   */
  private restartElectionAfterBusyWrite(): void {
    const rt = this.o.runtime;
    for (let k = this.inbox.length - 1; k >= 0; k -= 1) {
      const x = this.inbox[k] as Input<M>;
      if (x.kind === 'timer' && rt.timers[x.name]?.kind === 'election') this.inbox.splice(k, 1);
    }
    this.election.reset();
  }

  /** Steps an operator's action; the returned callback answers after the round's write. */
  private actInput<R extends object>(pick: (s: S) => A | R, done: (r: A | R | null) => void, out: M[]): () => void {
    const a = pick(this.s);
    // Anything but an action of the protocol (a tagged input) is the chooser's refusal, answered as it is.
    const r = !('type' in a) ? a : this.apply(a as A, out) ? a : null;
    return () => done(r);
  }

  /** The first enabled hand-off action (Raft: TransferLeadership to a caught-up follower). */
  private tryHandOff(out: M[]): void {
    for (const a of this.o.runtime.handOff(this.o.id, this.s)) if (this.apply(a, out)) return;
  }

  /**
   * Before a planned stop: if this node leads, asks a caught-up peer to take over (thesis §3.10,
   * TimeoutNow) once per heartbeat, until another node leads or `waitMs` passed. True if one does.
   */
  async handOff(waitMs: number): Promise<boolean> {
    if (!this.isLeader() || this.o.runtime.handOff(this.o.id, this.s).length === 0) return false;
    const end = performance.now() + waitMs;
    while (performance.now() < end && !this.stopped) {
      if (!this.isLeader()) {
        const l = this.leader();
        if (l !== null && l !== this.o.id) return true;
      } else this.enqueue({ kind: 'handOff' });
      await new Promise((r) => setTimeout(r, Math.min(this.o.timers.heartbeatMs, 20)));
    }
    return false;
  }

  /** Sends m to its peer if the peer's window admits it (flow.ts). */
  private transmit(m: M): void {
    const key = this.o.runtime.payload(m);
    // A batch for a disconnected peer would only be queued and go stale: to the model, a lost message.
    if (key !== null && this.o.reachable?.(m.dest) === false) return;
    if (this.flow.admit(m.dest, key, this.clock.now())) this.o.send(m);
  }

  /** Steps a peer's message; true if it shows a live leader (the election timer was reset). */
  private receiveInput(m: M, out: M[], heard: Set<NodeId>): boolean {
    const rt = this.o.runtime;
    heard.add(m.source);
    this.flow.heard(m.source);
    const before = this.s;
    const sent = out.length;
    const undo = this.snapshotter !== null && rt.snapshots?.carries(m) === true ? this.o.trace?.mark() : undefined;
    this.apply({ type: 'Receive', m }, out);
    // A snapshot whose data this state machine cannot load is dropped, as a lost message (steps are pure).
    if (this.snapshotter !== null && !this.snapshotter.acceptable(before, this.s)) {
      if (undo?.() === false) this.o.log('trace-log: a dropped snapshot\'s receive was already written; the log will not validate');
      this.s = before;
      out.length = sent;
      return false;
    }
    const l = rt.leaderShown(this.o.id, this.s, m);
    if (l === null) return false;
    this.election.reset();
    this.leaderHint = { leader: l, term: rt.view(this.s).term };
    return true;
  }

  /**
   * Proposes the commands as entries of at most ENTRY_BYTES each (a larger command alone), and at most
   * ROUND_BYTES in this round: the rest waits, so that one round's write and batches stay bounded.
   */
  private proposeBounded(commands: Pending[], out: M[]): void {
    let round = 0;
    let k = 0;
    while (k < commands.length && (k === 0 || round + (commands[k] as Pending).bytes <= ROUND_BYTES)) {
      const batch: Pending[] = [];
      let bytes = 0;
      while (k < commands.length && (batch.length === 0 || bytes + (commands[k] as Pending).bytes <= ENTRY_BYTES)) {
        const c = commands[k++] as Pending;
        bytes += c.bytes;
        batch.push(c);
      }
      round += bytes;
      this.propose(batch, out);
    }
    this.commands.unshift(...commands.slice(k));
  }

  private propose(batch: Pending[], out: M[]): void {
    const rt = this.o.runtime;
    // Thesis §6.3: a command with a session carries the leader's clock; its expiry reads only that.
    const now = Date.now();
    const a = rt.command(this.o.id, this.s, batch.map((p) => (p.command.client === undefined || p.command.op === 'get' ? p.command : { ...p.command, time: now })));
    if (a === null || !this.apply(a, out)) {
      for (const p of batch) this.finish(p, { kind: 'failed', reason: 'not-leader', leader: this.leader() });
      return;
    }
    const index = rt.view(this.s).lastIndex;
    this.proposed.push({ index, id: rt.entryId(this.s, index), batch });
  }

  /** Compacts the log up to a durable snapshot of ours; the round's write then truncates the WAL. */
  private compact(snap: RuntimeSnapshot): void {
    const next = this.snapshotter?.take(this.o.id, this.s, snap) ?? null;
    if (next === null) return;
    this.o.trace?.compact(snap, next);
    this.s = next;
    this.truncate = true;
  }

  private applyCommitted(): void {
    const rt = this.o.runtime;
    const installed = this.snapshotter?.install(this.s, this.applied) ?? null;
    if (installed !== null) {
      // Entries up to the snapshot's last are in the KV store now; whether a proposal among them was ours is unknown.
      for (const p of this.proposed) if (p.index <= installed) for (const c of p.batch) this.finish(c, { kind: 'timeout' });
      this.applied = installed;
    }
    const values = rt.committed(this.s, this.applied + 1);
    // Forget proposals whose clients have all been answered (timed out), e.g. entries that were cut
    // from the log and whose index the commit point has not reached again.
    if (this.proposed.length > 0) this.proposed = this.proposed.filter((p) => p.batch.some((c) => !c.done));
    for (const v of values) {
      this.applied += 1;
      const results = this.kv.applyEntry(v);
      // Proposals at this index: ours if the entry is still the one proposed, else replaced by another
      // leader's. (Not necessarily in index order: after a lost and regained leadership, a later
      // proposal can sit at a lower index than an earlier one.)
      for (let k = this.proposed.length - 1; k >= 0; k -= 1) {
        const p = this.proposed[k] as Proposed;
        if (p.index !== this.applied) continue;
        this.proposed.splice(k, 1);
        const ours = rt.entryId(this.s, p.index) === p.id;
        p.batch.forEach((c, j) => {
          const r = results[j];
          if (ours && r !== undefined) this.finish(c, { kind: 'done', result: r });
          else this.finish(c, { kind: 'failed', reason: 'replaced', leader: this.leader() });
        });
      }
    }
  }
}
