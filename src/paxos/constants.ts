// The CLI constants of MCPaxos: parse and validate the flag texts, or throw a one-line UsageError
// naming the flag, the problem and what is accepted.
import { majorities, quorumsIntersect, setOf, UsageError } from '../core/index.ts';
import type { Acceptor, Constants, Quorum } from './types.ts';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** What `build` receives: the flag values, defaults filled in. */
export interface Flags {
  readonly acceptors: string;
  readonly values: string;
  readonly ballots: string;
  readonly quorums: string;
}

/** How a variant may change the quorum rules: its own default system, which may be disjoint. */
export interface QuorumRules {
  readonly system: (acceptors: readonly Acceptor[]) => readonly Quorum[];
  readonly disjoint: boolean;
}

export { majorities };

export function parseConstants(f: Flags, rules: QuorumRules = { system: majorities, disjoint: false }): Constants {
  const acceptors = names('acceptors', f.acceptors, 'a', 'a count like 3 or a list like a1,a2,a3');
  const values = names('values', f.values, 'v', 'a count like 2 or a list like v1,v2');
  for (const v of values) {
    if (acceptors.includes(v)) throw new UsageError(`--values: '${v}' is also an acceptor (names must differ)`);
  }
  const maxBallot = ballots(f.ballots);
  const quorums = f.quorums.trim() === 'majority' ? rules.system(acceptors) : quorumList(f.quorums, acceptors);
  if (quorums.length === 0) throw new UsageError(`--quorums: no quorum of ${acceptors.length} acceptor(s) to use`);
  if (!rules.disjoint && !quorumsIntersect(quorums)) {
    const [q1, q2] = disjointPair(quorums);
    throw new UsageError(
      `--quorums: quorums {${q1}} and {${q2}} do not intersect (Paxos needs every two to share an acceptor; ` +
        `expected: majority, or a list like a1,a2;a2,a3;a1,a3)`,
    );
  }
  return { acceptors, values, maxBallot, quorums };
}

/** A count N (names p1..pN) or a comma list of distinct names. */
function names(flag: string, text: string, prefix: string, expected: string): readonly string[] {
  const t = text.trim();
  if (/^\d+$/.test(t)) {
    const n = Number(t);
    if (n < 1) throw new UsageError(`--${flag}: need at least one (got '${text}'; expected ${expected})`);
    return Array.from({ length: n }, (_, k) => `${prefix}${k + 1}`);
  }
  const xs = t.split(',').map((x) => x.trim());
  if (xs.length > 1 && xs.at(-1) === '') xs.pop(); // `v1,`: a one-name list, as --config writes it
  for (const x of xs) {
    if (!NAME.test(x)) throw new UsageError(`--${flag}: '${x}' is not a name (got '${text}'; expected ${expected})`);
  }
  if (new Set(xs).size !== xs.length) throw new UsageError(`--${flag}: a name appears twice in '${text}'`);
  return xs;
}

function ballots(text: string): number {
  const t = text.trim();
  if (!/^\d+$/.test(t)) {
    throw new UsageError(`--ballots: expected the highest ballot, a whole number >= 0 for Ballot = 0..N (got '${text}')`);
  }
  return Number(t);
}

/** `a1,a2;a2,a3`: quorums separated by `;`, members by `,`. */
function quorumList(text: string, acceptors: readonly Acceptor[]): readonly Quorum[] {
  const out: Quorum[] = [];
  for (const part of text.split(';')) {
    const members = part.split(',').map((x) => x.trim()).filter((x) => x !== '');
    if (members.length === 0) throw new UsageError(`--quorums: empty quorum in '${text}' (expected: majority, or a list like a1,a2;a2,a3;a1,a3)`);
    for (const a of members) {
      if (!acceptors.includes(a)) {
        throw new UsageError(`--quorums: unknown acceptor '${a}' in quorum '${part.trim()}' (acceptors: ${acceptors.join(', ')})`);
      }
    }
    const Q = setOf(members);
    if (!out.some((q) => q.join() === Q.join())) out.push(Q);
  }
  return out;
}

function disjointPair(quorums: readonly Quorum[]): readonly [string, string] {
  for (const q1 of quorums) for (const q2 of quorums) if (!q1.some((a) => q2.includes(a))) return [q1.join(', '), q2.join(', ')];
  return ['', ''];
}
