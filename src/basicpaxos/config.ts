// Command-line constants of `check basicpaxos` -> BpConfig and network options (MCBasicPaxos.cfg's constants).
import { quorumsIntersect, setOf, subsets, UsageError, type ConstantSpec, type NetworkOptions } from '../core/index.ts';
import type { BpConfig } from './types.ts';

export const constants: readonly ConstantSpec[] = [
  { flag: 'proposers', constant: 'Proposer', description: 'how many proposers (p1..pN, at most 9), or their names', default: '2' },
  { flag: 'acceptors', constant: 'Acceptor', description: 'how many acceptors (a1..aN, at most 9), or their names', default: '3' },
  { flag: 'learners', constant: 'Learner', description: 'how many learners (l1..lN, at most 9), or their names', default: '1' },
  { flag: 'values', constant: 'Value', description: 'how many values (v1..vN, at most 9), or their names; dealt out to the proposers in order (ValueOf)', default: '2' },
  { flag: 'quorums', constant: 'Quorum', description: "'majority' or a list like a1,a2;a2,a3;a1,a3 (any two must intersect)", default: 'majority' },
  { flag: 'max-round', constant: 'MaxRound', description: 'CONSTRAINT ballot[p].round <= MaxRound', default: '0' },
  { flag: 'max-dup', constant: 'MaxDup', description: 'CONSTRAINT copies of one message in flight <= MaxDup', default: '1' },
  { flag: 'max-msgs', constant: 'MaxMsgs', description: 'CONSTRAINT messages in flight (all copies) <= MaxMsgs', default: '1' },
  { flag: 'drop', constant: 'DropEnabled', description: 'DropMessage enabled: on or off', default: 'on' },
  { flag: 'duplicate', constant: 'DuplicateEnabled', description: 'DuplicateMessage enabled: on or off', default: 'off' },
  { flag: 'restart', constant: 'RestartEnabled', description: 'Restart enabled: on or off', default: 'off' },
];

const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/** A count N (names prefix1..prefixN) or a list of distinct names, sorted (the proposers' rank is this order). */
function count(flag: string, text: string, prefix: string): string[] {
  if (/^\d+$/.test(text)) {
    if (Number(text) < 1 || Number(text) > 9) throw new UsageError(`--${flag} must be a number from 1 to 9 or a list like ${prefix}1,${prefix}2, got '${text}'`);
    return Array.from({ length: Number(text) }, (_, k) => `${prefix}${k + 1}`);
  }
  const xs = text.split(',').map((x) => x.trim()).filter((x) => x !== '');
  if (xs.length === 0 || xs.length > 9 || xs.some((x) => !NAME.test(x)) || new Set(xs).size !== xs.length) {
    throw new UsageError(`--${flag} must be a number from 1 to 9 or a list of distinct names like ${prefix}1,${prefix}2, got '${text}'`);
  }
  return xs.sort();
}

function whole(flag: string, text: string, min: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min) throw new UsageError(`--${flag} must be a whole number >= ${min}, got '${text}'`);
  return Number(text);
}

function onOff(flag: string, text: string): boolean {
  if (text !== 'on' && text !== 'off') throw new UsageError(`--${flag} must be on or off, got '${text}'`);
  return text === 'on';
}

function quorums(text: string, acceptors: readonly string[]): readonly (readonly string[])[] {
  if (text.trim() === 'majority') return subsets(acceptors).filter((Q) => 2 * Q.length > acceptors.length);
  const out: (readonly string[])[] = [];
  for (const part of text.split(';')) {
    const Q = setOf(part.split(',').map((x) => x.trim()).filter((x) => x !== ''));
    if (Q.length === 0) throw new UsageError(`--quorums: empty quorum in '${text}' (expected: majority, or a list like a1,a2;a2,a3;a1,a3)`);
    const stranger = Q.find((a) => !acceptors.includes(a));
    if (stranger !== undefined) throw new UsageError(`--quorums: unknown acceptor '${stranger}' (acceptors: ${acceptors.join(', ')})`);
    if (!out.some((q) => q.join() === Q.join())) out.push(Q);
  }
  if (!quorumsIntersect(out)) throw new UsageError(`--quorums: two quorums of '${text}' do not intersect (Paxos needs every two to share an acceptor)`);
  return out;
}

/** Parses the flag values (defaults filled in here). */
export function parse(values: Readonly<Record<string, string>>): { config: BpConfig; network: NetworkOptions } {
  const v = (flag: string): string => values[flag] ?? (constants.find((k) => k.flag === flag) as ConstantSpec).default;
  const acceptors = count('acceptors', v('acceptors'), 'a');
  const config: BpConfig = {
    proposers: count('proposers', v('proposers'), 'p'),
    acceptors,
    learners: count('learners', v('learners'), 'l'),
    values: count('values', v('values'), 'v'),
    quorums: quorums(v('quorums'), acceptors),
    maxRound: whole('max-round', v('max-round'), 0),
    maxDup: whole('max-dup', v('max-dup'), 1),
    maxMsgs: whole('max-msgs', v('max-msgs'), 1),
  };
  const network: NetworkOptions = { network: 'bag', drop: onOff('drop', v('drop')), duplicate: onOff('duplicate', v('duplicate')), restart: onOff('restart', v('restart')) };
  return { config, network };
}

/** One line naming the setting, e.g. for reports. */
export function settings(c: BpConfig, n: NetworkOptions): string {
  return [
    `proposers ${c.proposers.join(',')}`,
    `acceptors ${c.acceptors.join(',')}`,
    `learners ${c.learners.join(',')}`,
    `values ${c.values.join(',')}`,
    `quorums ${c.quorums.map((q) => q.join(',')).join(';')}`,
    `max-round ${c.maxRound ?? 'none'}`,
    `max-dup ${c.maxDup ?? 'none'}`,
    `max-msgs ${c.maxMsgs ?? 'none'}`,
    `drop ${n.drop ? 'on' : 'off'}`,
    `duplicate ${n.duplicate ? 'on' : 'off'}`,
    `restart ${n.restart ? 'on' : 'off'}`,
  ].join('; ');
}
