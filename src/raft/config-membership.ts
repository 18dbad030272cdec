// Command-line constants of membership change (spec/RaftMembership.tla's): --membership joint|single|off,
// the initial voters and learners, MaxConfigChanges and the voter sets clients may ask for.
import { subsets, UsageError, type ConstantSpec } from '../core/index.ts';
import type { MembershipConfig } from './types.ts';

export const membershipConstants: readonly ConstantSpec[] = [
  { flag: 'membership', constant: 'Membership', description: 'membership change: joint (Raft 6), single (thesis 4.1) or off (raft.tla)', default: 'off' },
  { flag: 'voters', constant: 'InitVoters', description: "with --membership: the initial voters, a list like s1,s2,s3, or 'all'", default: 'all' },
  { flag: 'learners', constant: 'InitLearners', description: "with --membership: the initial learners, a list like s4, or 'none'", default: 'none' },
  { flag: 'max-config-changes', constant: 'MaxConfigChanges', description: 'with --membership: a leader appends a requested configuration entry only while its log holds fewer', default: '1' },
  { flag: 'targets', constant: 'Targets', description: "with --membership: the voter sets clients may ask for, like s1,s2,s3,s4;s2,s3, or 'all' (every nonempty set)", default: 'all' },
  { flag: 'remove-learners', constant: 'LearnerRemovals', description: "with --membership: the learners clients may ask to remove, a list like s4, or 'none'", default: 'none' },
];

type Get = (flag: string) => string;

function serverList(flag: string, text: string, servers: readonly string[]): string[] {
  const xs = text.split(',').map((x) => x.trim()).filter((x) => x !== '');
  if (xs.some((x) => !servers.includes(x)) || new Set(xs).size !== xs.length) {
    throw new UsageError(`--${flag} must list distinct servers among ${servers.join(',')}, got '${text}'`);
  }
  return xs.sort();
}

/** The membership constants, or undefined with --membership off; other modes' combinations are refused by the caller. */
export function parseMembership(v: Get, servers: readonly string[]): MembershipConfig | undefined {
  const mode = v('membership');
  if (mode !== 'joint' && mode !== 'single' && mode !== 'off') throw new UsageError(`--membership must be joint, single or off, got '${mode}'`);
  if (mode === 'off') return undefined;
  const voters = v('voters') === 'all' ? [...servers] : serverList('voters', v('voters'), servers);
  if (voters.length === 0) throw new UsageError('--voters must name at least one server');
  const learners = v('learners') === 'none' ? [] : serverList('learners', v('learners'), servers);
  if (learners.some((j) => voters.includes(j))) throw new UsageError(`--learners must not repeat a voter, got '${v('learners')}'`);
  const max = v('max-config-changes');
  if (!/^\d+$/.test(max)) throw new UsageError(`--max-config-changes must be a whole number >= 0, got '${max}'`);
  const text = v('targets');
  const targets =
    text === 'all' ? subsets(servers).filter((x) => x.length > 0)
      : text === 'none' ? []
        : text.split(';').map((t) => serverList('targets', t, servers));
  if (targets.some((t) => t.length === 0)) throw new UsageError(`--targets: every voter set needs a server, got '${text}'`);
  const removals = v('remove-learners') === 'none' ? [] : serverList('remove-learners', v('remove-learners'), servers);
  return { mode, voters, learners, maxChanges: Number(max), targets, removals };
}

/** One line for `settings`. */
export function membershipSettings(m: MembershipConfig | undefined): string[] {
  if (m === undefined) return [];
  const set = (xs: readonly string[]): string => xs.join(',');
  return [`membership ${m.mode}; voters ${set(m.voters)}; learners ${m.learners.length === 0 ? 'none' : set(m.learners)}; max-config-changes ${m.maxChanges}; targets ${m.targets.map(set).join(';')}${m.removals.length === 0 ? '' : `; remove-learners ${set(m.removals)}`}`];
}
