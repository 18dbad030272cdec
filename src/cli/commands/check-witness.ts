// Witnesses as checks (stateright's "sometimes" properties): which ones a run requires, and the
// ones it required but never reached, which fail the run unless allowed.
import type { Model, Tagged } from '../../core/index.ts';
import { UsageError } from '../../core/index.ts';

/** The witnesses a run requires and those it only reports. */
export interface WitnessChoice {
  /** Witnesses that fail the run when no state reached them. */
  readonly required: readonly string[];
  /** Witnesses reported, never failing the run. */
  readonly reported: readonly string[];
}

function known(model: Model<unknown, Tagged>, flag: string, names: readonly string[]): void {
  const valid = Object.keys(model.witnesses);
  for (const n of names) {
    if (!valid.includes(n)) throw new UsageError(`${flag}: unknown witness '${n}' for ${model.name} (expected: ${valid.join(', ') || 'none'})`);
  }
}

/**
 * `--witness` (only these), `--no-witness` (not these) and `--allow-unreached` (reported, not
 * required). With a TLC model file and no `--witness`, witnesses are reported only: TLC's model has none.
 */
export function chooseWitnesses(
  model: Model<unknown, Tagged>, only: readonly string[], without: readonly string[], allowed: readonly string[], fromConfig: boolean,
): WitnessChoice {
  known(model, '--witness', only);
  known(model, '--no-witness', without);
  known(model, '--allow-unreached', allowed);
  for (const n of without) if (only.includes(n)) throw new UsageError(`--witness ${n} and --no-witness ${n} contradict each other`);
  const all = only.length > 0 ? [...new Set(only)] : Object.keys(model.witnesses);
  const chosen = all.filter((n) => !without.includes(n));
  if (fromConfig && only.length === 0) return { required: [], reported: chosen };
  return { required: chosen.filter((n) => !allowed.includes(n)), reported: chosen.filter((n) => allowed.includes(n)) };
}

/** The required witnesses no state reached. */
export function unreached(choice: WitnessChoice, reached: Readonly<Record<string, boolean>>): string[] {
  return choice.required.filter((n) => reached[n] !== true);
}

/** The chosen witnesses and whether each was reached, in the model's order. */
export function chosenReached(choice: WitnessChoice, reached: Readonly<Record<string, boolean>>): Record<string, boolean> {
  return Object.fromEntries([...choice.required, ...choice.reported].map((n) => [n, reached[n] === true]));
}
