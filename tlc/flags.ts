// Our checker's flags for the model a TLC .cfg describes: CONSTANTS to constant flags, SYMMETRY to
// --symmetry. Used until `check --config FILE` reads the .cfg itself.
import { constants, names, type Assignment } from './cfg.ts';

/** The elements of a TLC set value `{a, b}` (an empty list for `{}`). */
export function setElements(value: string): string[] {
  const inner = /^\{([\s\S]*)\}$/.exec(value.trim())?.[1];
  if (inner === undefined) throw new Error(`expected a set like {a, b}, got '${value}'`);
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let k = 0; k <= inner.length; k++) {
    const ch = inner[k];
    if (ch === '{') depth++;
    if (ch === '}') depth--;
    if ((ch === ',' && depth === 0) || k === inner.length) {
      const x = inner.slice(from, k).trim();
      if (x !== '') out.push(x);
      from = k + 1;
    }
  }
  return out;
}

const list = (v: string): string => setElements(v).join(',');
const bound = (v: string): string => (v === 'Unbounded' ? 'none' : v);
const onOff = (v: string): string => {
  if (v !== 'TRUE' && v !== 'FALSE') throw new Error(`expected TRUE or FALSE, got '${v}'`);
  return v === 'TRUE' ? 'on' : 'off';
};

/** Per protocol: constant name -> (flag, value translation); null: a constant our checker fixes. */
const RAFT: Record<string, [string, (v: string) => string] | null> = {
  Server: ['servers', list], Value: ['values', list], MaxTerm: ['max-term', String], MaxLogLen: ['max-log', String],
  MaxDup: ['max-dup', String], MaxMsgs: ['max-msgs', String], MaxRestarts: ['max-restarts', bound],
  MaxDrops: ['max-drops', bound], MaxDuplicates: ['max-dups', bound],
  Passive: ['passive', (v) => (setElements(v).length === 0 ? 'none' : list(v))],
  DropEnabled: ['drop', onOff], DuplicateEnabled: ['duplicate', onOff], HistoryFields: ['history', onOff],
  Nil: null, Unbounded: null,
};

const PAXOS: Record<string, [string, (v: string) => string] | null> = {
  Acceptor: ['acceptors', list], Value: ['values', list], MaxBallot: ['ballots', String],
  Quorum: ['quorums', (v) => setElements(v).map(list).join(';')],
  None: null,
};

const TABLES: Record<string, Record<string, [string, (v: string) => string] | null>> = { raft: RAFT, paxos: PAXOS };

function flag(protocol: string, a: Assignment): string[] {
  const table = TABLES[protocol];
  if (table === undefined) throw new Error(`no flag table for protocol '${protocol}'`);
  if (a.op === '=' && a.value === a.name) return []; // a model value standing for itself (s1 = s1)
  if (protocol === 'paxos' && a.name === 'Quorum' && a.op === '<-') {
    if (a.value !== 'MCQuorum') throw new Error(`Quorum <- ${a.value}: only MCQuorum (all majorities) is known`);
    return ['--quorums', 'majority'];
  }
  const entry = table[a.name];
  if (entry === undefined) throw new Error(`constant ${a.name} has no ${protocol} flag`);
  if (entry === null) return [];
  if (a.op !== '=') throw new Error(`constant ${a.name}: only a value (=) is understood, not '<- ${a.value}'`);
  return [`--${entry[0]}`, entry[1](a.value)];
}

/** The `check <protocol>` flags for the model of the .cfg text `cfg`. */
export function flagsFor(protocol: string, cfg: string): string[] {
  const out = constants(cfg).flatMap((a) => flag(protocol, a));
  if (names(cfg, ['SYMMETRY']).length > 0) out.push('--symmetry');
  return out;
}
