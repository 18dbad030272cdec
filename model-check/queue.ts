// A BFS level's queue of (state, id) that keeps at most `limit` states in memory and spills older
// ones to disk in chunks (node:v8 serialization), read back in the same order.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';

/** FIFO of states with their ids; past `limit` states in memory, the oldest go to disk. */
export class SpillQueue<S> {
  private states: S[] = [];
  private ids: number[] = [];
  private chunks: string[] = [];
  private dir: string | null = null;
  private spilled = 0;
  private readonly limit: number;
  private readonly parent: string;

  private readonly intern: ((s: S) => S) | undefined;

  /** `intern` maps a state read back from disk onto the objects this thread holds (Model.intern). */
  constructor(limit: number, parent: string = tmpdir(), intern?: (s: S) => S) {
    this.limit = limit;
    this.parent = parent;
    this.intern = intern;
  }

  get length(): number {
    return this.spilled + this.states.length;
  }

  /** States written to disk so far (over the queue's life). */
  spilledTotal = 0;

  push(s: S, id: number): void {
    this.states.push(s);
    this.ids.push(id);
    if (this.states.length >= this.limit) this.spill();
  }

  /** Removes up to `n` of the newest in-memory entries (for another worker to take). */
  takeNewest(n: number): { states: S[]; ids: number[] } {
    const k = Math.max(0, this.states.length - n);
    return { states: this.states.splice(k), ids: this.ids.splice(k) };
  }

  /** The in-memory entries a running `drain` has yet to give (its last part, read last). */
  private draining: { readonly states: S[]; readonly ids: number[] } | null = null;

  /**
   * Removes a third of the in-memory entries that a running `drain` has not given yet, from its end
   * (for an idle worker to expand); fewer than `min` left: none. Not half: a state that crossed
   * threads costs the taker a copy and a lookup of its parts, about as much again as expanding it.
   */
  stealFromDrain(min: number): { states: S[]; ids: number[] } {
    const d = this.draining;
    const left = d === null ? 0 : d.states.length - this.drained;
    if (d === null || left < min) return { states: [], ids: [] };
    const k = d.states.length - Math.floor(left / 3);
    return { states: d.states.splice(k), ids: d.ids.splice(k) };
  }

  private drained = 0;

  /** Every entry in FIFO order; the queue is empty afterwards and its files are gone. */
  *drain(): Generator<readonly [S, number]> {
    const chunks = this.chunks;
    const states = this.states;
    const ids = this.ids;
    this.chunks = [];
    this.states = [];
    this.ids = [];
    this.spilled = 0;
    this.draining = null;
    this.drained = 0;
    for (const file of chunks) {
      const chunk = deserialize(readFileSync(file)) as { states: S[]; ids: number[] };
      rmSync(file);
      const intern = this.intern;
      for (let k = 0; k < chunk.states.length; k++) {
        const s = chunk.states[k] as S;
        yield [intern === undefined ? s : intern(s), chunk.ids[k] as number];
      }
    }
    this.draining = { states, ids };
    // `states` may shrink from its end meanwhile (stealFromDrain): its length is read every time.
    for (let k = 0; k < states.length; k++) {
      this.drained = k + 1;
      yield [states[k] as S, ids[k] as number];
    }
    this.draining = null;
  }

  /** Removes the spill directory. */
  close(): void {
    if (this.dir !== null) rmSync(this.dir, { recursive: true, force: true });
    this.dir = null;
  }

  private spill(): void {
    this.dir ??= mkdtempSync(join(this.parent, 'consensus-checked-queue-'));
    const file = join(this.dir, `chunk-${this.chunks.length}-${this.spilledTotal}`);
    writeFileSync(file, serialize({ states: this.states, ids: this.ids }));
    this.chunks.push(file);
    this.spilled += this.states.length;
    this.spilledTotal += this.states.length;
    this.states = [];
    this.ids = [];
  }
}
