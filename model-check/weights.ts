// Swarm testing's action weights (Groce et al., ISSTA 2012): each walk favours some action kinds
// and leaves others out, so that walks differ in what they do most.
import type { Random } from './random.ts';

/** A walk's weight for each action kind, drawn on first sight; all 1 without swarm. */
export class Weights {
  private readonly w = new Map<string, number>();
  private readonly rng: Random;
  private readonly swarm: boolean;
  constructor(rng: Random, swarm: boolean) {
    this.rng = rng;
    this.swarm = swarm;
  }

  of(kind: string): number {
    if (!this.swarm) return 1;
    let x = this.w.get(kind);
    if (x === undefined) {
      const r = this.rng.below(8);
      x = r < 2 ? 0 : 1 << (r - 2); // a quarter of the kinds left out, the rest weighted 1..32
      this.w.set(kind, x);
    }
    return x;
  }
}

/** The index whose cumulative weight first exceeds `r`. */
export function pick(weight: readonly number[], r: number): number {
  for (let k = 0; k < weight.length; k++) {
    r -= weight[k] as number;
    if (r < 0) return k;
  }
  return weight.length - 1;
}
