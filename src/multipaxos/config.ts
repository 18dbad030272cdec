// Command-line constants of `check multipaxos` -> MpConfig and network options.
import { subsets, UsageError, type ConstantSpec, type NetworkOptions } from '../core/index.ts';
import type { MpConfig } from './types.ts';

export const constants: readonly ConstantSpec[] = [
  { flag: 'replicas', constant: 'Replica', description: 'how many replicas (r1..rN, at most 9), or their names', default: '3' },
  { flag: 'commands', constant: 'Commands', description: 'how many client commands (client cK, sequence number 1)', default: '1' },
  { flag: 'candidates', constant: 'Candidates', description: "replicas that may start an election: 'all' or a list like r1", default: 'r1' },
  { flag: 'max-round', constant: 'MaxRound', description: 'CONSTRAINT ballot[i].round <= MaxRound', default: '0' },
  { flag: 'max-slot', constant: 'MaxSlot', description: 'CONSTRAINT proposals in slots <= MaxSlot', default: '1' },
  { flag: 'max-dup', constant: 'MaxDup', description: 'CONSTRAINT copies of one message in flight <= MaxDup', default: '1' },
  { flag: 'max-msgs', constant: 'MaxMsgs', description: 'CONSTRAINT messages in flight (all copies) <= MaxMsgs', default: '3' },
  { flag: 'drop', constant: 'DropEnabled', description: 'DropMessage enabled: on or off', default: 'off' },
  { flag: 'duplicate', constant: 'DuplicateEnabled', description: 'DuplicateMessage enabled: on or off', default: 'off' },
  { flag: 'restart', constant: 'RestartEnabled', description: 'Restart enabled: on or off', default: 'off' },
  { flag: 'hand-off', constant: 'HandOffEnabled', description: 'SendHandOff enabled (a leader asks a candidate to take over): on or off', default: 'off' },
];

function whole(flag: string, text: string, min: number, max = Infinity): number {
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) throw new UsageError(`--${flag} must be a whole number from ${min}${max === Infinity ? '' : ` to ${max}`}, got '${text}'`);
  return Number(text);
}

/** A count N (r1..rN) or a list of distinct names, sorted (ballots of one round are ordered by this). */
function names(flag: string, text: string): string[] {
  if (/^\d+$/.test(text)) return Array.from({ length: whole(flag, text, 1, 9) }, (_, k) => `r${k + 1}`);
  const xs = text.split(',').map((x) => x.trim()).filter((x) => x !== '');
  if (xs.length === 0 || xs.length > 9 || xs.some((x) => !/^[A-Za-z][A-Za-z0-9_]*$/.test(x)) || new Set(xs).size !== xs.length) {
    throw new UsageError(`--${flag} must be a number from 1 to 9 or a list of distinct names like r1,r2,r3, got '${text}'`);
  }
  return xs.sort();
}

function onOff(flag: string, text: string): boolean {
  if (text !== 'on' && text !== 'off') throw new UsageError(`--${flag} must be on or off, got '${text}'`);
  return text === 'on';
}

export function parse(values: Readonly<Record<string, string>>): { config: MpConfig; network: NetworkOptions } {
  const v = (flag: string): string => values[flag] ?? (constants.find((k) => k.flag === flag) as ConstantSpec).default;
  const replicas = names('replicas', v('replicas'));
  const candidates = v('candidates') === 'all' ? replicas : v('candidates').split(',').map((x) => x.trim()).filter((x) => x !== '');
  const stranger = candidates.find((x) => !replicas.includes(x));
  if (stranger !== undefined || candidates.length === 0) throw new UsageError(`--candidates must be 'all' or a list of replicas among ${replicas.join(',')}, got '${v('candidates')}'`);
  const config: MpConfig = {
    replicas,
    commands: Array.from({ length: whole('commands', v('commands'), 0, 9) }, (_, k) => ({ client: `c${k + 1}`, seq: 1 })),
    quorums: subsets(replicas).filter((Q) => 2 * Q.length > replicas.length),
    candidates,
    maxRound: whole('max-round', v('max-round'), 0),
    maxSlot: whole('max-slot', v('max-slot'), 1),
    maxDup: whole('max-dup', v('max-dup'), 1),
    maxMsgs: whole('max-msgs', v('max-msgs'), 1),
    handOff: onOff('hand-off', v('hand-off')),
  };
  return { config, network: { network: 'bag', drop: onOff('drop', v('drop')), duplicate: onOff('duplicate', v('duplicate')), restart: onOff('restart', v('restart')) } };
}

export function settings(c: MpConfig, n: NetworkOptions): string {
  return `replicas ${c.replicas.join(',')}; commands ${c.commands.length}; candidates ${c.candidates.join(',')}; max-round ${c.maxRound}; max-slot ${c.maxSlot}; max-dup ${c.maxDup}; max-msgs ${c.maxMsgs}; drop ${n.drop ? 'on' : 'off'}; duplicate ${n.duplicate ? 'on' : 'off'}; restart ${n.restart ? 'on' : 'off'}; hand-off ${c.handOff ? 'on' : 'off'}`;
}
