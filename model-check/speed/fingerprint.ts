// The fingerprint an exploration uses: the structural hash of the state (speed layer on), the hash
// of its canonical text (off), or the least hash over the symmetry group.
import { canonical, type Model, type Tagged } from '../../src/core/index.ts';
import type { Hasher } from '../fingerprint.ts';
import { values } from './hash.ts';
import { symmetricFingerprint } from './symmetry.ts';

/** How states are fingerprinted. */
export interface FingerprintOptions {
  /** One fingerprint per class under the model's symmetry (TLC's SYMMETRY). */
  readonly symmetry: boolean;
  /** Structural hashes remembered per object (default); false hashes each state's canonical text. */
  readonly speed: boolean;
}

/** The fingerprint function: leaves the 64-bit fingerprint of `s` in `h.hi` and `h.lo`. */
export function fingerprinter<S>(model: Model<S, Tagged>, o: FingerprintOptions): (s: S, h: Hasher) => void {
  if (o.symmetry) {
    if (model.symmetry === undefined) throw new Error(`${model.name} declares no symmetry`);
    return symmetricFingerprint(model.symmetry);
  }
  if (!o.speed) return (s, h) => h.hash(canonical(s));
  return (s, h) => values.into(s, h);
}
