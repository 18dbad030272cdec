// `check --config F.cfg`: the model TLC reads from F.cfg, as check's arguments. Constants map to the
// protocol's flags by their TLA+ names; `X <- Def` is evaluated from the MC module's definition.
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Checkable } from '../core/index.ts';
import { subsets, UsageError } from '../core/index.ts';
import { parseTlcConfig, parseValueText, show, type At, type CfgValue, type TlcConfig } from './tlc-config.ts';

/** What the MC module of a protocol names, beyond its constants. */
interface Profile {
  readonly module: string;
  readonly specification: string;
  /** The VIEW the module defines (our states are that view already), if any. */
  readonly view: string | null;
  /** The CONSTRAINT holding the bounds, which our model always applies; null: none allowed. */
  readonly constraint: string | null;
  readonly symmetry: string;
  /** The model value that means "no bound" ('none' on the command line). */
  readonly unbounded: string | null;
  /** Constants the protocol derives from the others (no flag), e.g. an order of model values. */
  readonly derived?: readonly string[];
  /** Further SPECIFICATIONs the module defines (a liveness module's, each with its fairness). */
  readonly specifications?: readonly string[];
  /** A liveness module's temporal properties by the SPECIFICATION whose fairness and assumptions they take. */
  readonly temporal?: Readonly<Record<string, readonly string[]>>;
}

/** The liveness modules (`MC<Module>Live.cfg` and `MC<Module>Live-*.cfg`, docs/liveness.md): their specs, VIEW and CONSTRAINT. */
const liveProfiles: Readonly<Record<string, Partial<Profile>>> = {
  basicpaxos: {
    module: 'MCBasicPaxosLive', specification: 'DuelSpec', specifications: ['LeaderSpec'], view: 'LiveView', constraint: 'LiveConstraint',
    temporal: { DuelSpec: ['EventuallyLearned'], LeaderSpec: ['EventuallyLearnedStableLeader'] },
  },
  raft: {
    module: 'MCRaftLive', specification: 'LiveSpec', specifications: ['PatientTimerSpec', 'StableTimerSpec'], view: 'LiveView', constraint: 'LiveConstraint',
    temporal: { LiveSpec: ['EventuallyLeader'], PatientTimerSpec: ['EventuallyLeaderPatientTimers'], StableTimerSpec: ['EventuallyLeaderStableTimer', 'SubmittedCommittedStableTimer'] },
  },
};

/** The profile of `file`: a liveness module's when the file is named after one. */
function profileOf(protocol: string, file: string): Profile {
  const base = profiles[protocol] as Profile;
  const live = liveProfiles[protocol];
  return live !== undefined && new RegExp(`^${live.module}(-[\\w-]+)?\\.cfg$`).test(basename(file)) ? { ...base, ...live } : base;
}

const profiles: Readonly<Record<string, Profile>> = {
  raft: { module: 'MCRaft', specification: 'MCSpec', view: 'MCView', constraint: 'StateConstraint', symmetry: 'MCSymmetry', unbounded: 'Unbounded' },
  paxos: { module: 'MCPaxos', specification: 'Spec', view: null, constraint: null, symmetry: 'MCSymmetry', unbounded: null },
  multipaxos: { module: 'MCMultiPaxos', specification: 'MCSpec', view: null, constraint: 'StateConstraint', symmetry: 'MCSymmetry', unbounded: null, derived: ['Rank', 'Command', 'Quorum'] },
  basicpaxos: { module: 'MCBasicPaxos', specification: 'MCSpec', view: 'MCView', constraint: 'StateConstraint', symmetry: 'MCSymmetry', unbounded: null, derived: ['ValueOf', 'Rank'] },
};

/** A .cfg as check's arguments. */
export interface FromConfig {
  readonly file: string;
  readonly protocol: string;
  /** flag -> value text, for every constant of the protocol. */
  readonly constants: Readonly<Record<string, string>>;
  /** flag -> where the file sets it, e.g. `spec/MCRaft.cfg:9 (MaxTerm = 3)`. */
  readonly origin: Readonly<Record<string, string>>;
  readonly invariants: readonly At[];
  readonly properties: readonly At[];
  readonly symmetry: boolean;
  /** TLC's CHECK_DEADLOCK (default TRUE). */
  readonly deadlock: boolean;
}

export function readConfig(path: string): TlcConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`--config: cannot read '${path}' (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  return parseTlcConfig(text, path);
}

/** The protocol the file's name gives (MCRaft*.cfg -> raft), or null. */
export function protocolOfFile(path: string, names: readonly string[]): string | null {
  const base = basename(path).toLowerCase();
  return names.find((n) => base.startsWith(`mc${profiles[n]?.module.slice(2).toLowerCase() ?? n}`)) ?? null;
}

/** The protocol to check: the one named, which must agree with the file's name, or the file's. */
export function pickProtocol(path: string, given: string | undefined, names: readonly string[]): string {
  const inferred = protocolOfFile(path, names);
  if (given !== undefined && inferred !== null && given !== inferred) {
    throw new UsageError(`--config ${path} is a model of ${profiles[inferred]?.module} (${inferred}), not of ${given}`);
  }
  const p = given ?? inferred;
  if (p === undefined || p === null) {
    throw new UsageError(`--config ${path}: cannot tell the protocol from the file name (name it: check <${names.join('|')}> --config ${path})`);
  }
  if (profiles[p] === undefined) throw new UsageError(`--config is not supported for ${p} (it has no MC module)`);
  return p;
}

/** Maps the parsed file onto protocol `t`; every constant must be assigned, as TLC requires. */
export function fromConfig(cfg: TlcConfig, t: Checkable): FromConfig {
  const profile = profileOf(t.name, cfg.file);
  const f = cfg.file;
  const at = (line: number, msg: string): never => {
    throw new UsageError(`${f}:${line}: ${msg}`);
  };
  const byConstant = new Map(t.constants.map((c) => [c.constant, c.flag]));
  const constants: Record<string, string> = {};
  const origin: Record<string, string> = {};
  let moduleText: { path: string; text: string } | null = null;
  for (const c of cfg.constants) {
    const flag = byConstant.get(c.name);
    if (flag === undefined) {
      if (c.kind === 'value' && c.value.kind === 'name' && c.value.name === c.name) continue; // a model value
      if (profile.derived?.includes(c.name) === true) continue;
      at(c.line, `unknown constant ${c.name} for ${profile.module} (expected: ${[...byConstant.keys()].join(', ')}, or a model value X = X)`);
    }
    let value: CfgValue | { majorityOf: string } | 'majority';
    if (c.kind === 'subst') {
      moduleText ??= readModule(f, profile.module);
      value = definition(moduleText, c.by, `${f}:${c.line}: ${c.name} <- ${c.by}`);
    } else value = c.value;
    const where = `${f}:${c.line}: ${c.name} ${c.kind === 'subst' ? `<- ${c.by}` : `= ${show(c.value)}`}`;
    if (typeof value === 'object' && 'majorityOf' in value) value = majoritiesOf(value.majorityOf, cfg, (moduleText ??= readModule(f, profile.module)), where);
    constants[flag as string] = value === 'majority' ? value : text(value, profile, where);
    origin[flag as string] = `${f}:${c.line} (${c.name} ${c.kind === 'subst' ? `<- ${c.by}` : `= ${show(c.value)}`})`;
  }
  for (const c of t.constants) {
    if (constants[c.flag] === undefined) throw new UsageError(`${f}: no value for constant ${c.constant} (TLC requires one; e.g. ${c.constant} = ${c.default})`);
  }
  checkDirectives(cfg, profile);
  return {
    file: f, protocol: t.name, constants, origin, invariants: cfg.invariants, properties: cfg.properties,
    symmetry: cfg.symmetry !== null, deadlock: cfg.checkDeadlock?.value ?? true,
  };
}

function checkDirectives(cfg: TlcConfig, p: Profile): void {
  const f = cfg.file;
  const spec = cfg.specification;
  if (spec === null) throw new UsageError(`${f}: no SPECIFICATION (expected: SPECIFICATION ${p.specification})`);
  const specs = [p.specification, ...(p.specifications ?? [])];
  if (!specs.includes(spec.name)) throw new UsageError(`${f}:${spec.line}: unknown specification ${spec.name} for ${p.module} (expected: ${specs.join(' or ')})`);
  const allowed: readonly string[] | null = p.temporal?.[spec.name] ?? null;
  for (const x of allowed === null ? [] : cfg.properties) {
    if (!(allowed as readonly string[]).includes(x.name)) throw new UsageError(`${f}:${x.line}: PROPERTY ${x.name} does not go with SPECIFICATION ${spec.name} (its properties: ${(allowed as readonly string[]).join(', ')})`);
  }
  if (cfg.view !== null && cfg.view.name !== p.view) {
    throw new UsageError(`${f}:${cfg.view.line}: unknown VIEW ${cfg.view.name} for ${p.module} (expected: ${p.view ?? 'no VIEW'})`);
  }
  if (cfg.symmetry !== null && cfg.symmetry.name !== p.symmetry) {
    throw new UsageError(`${f}:${cfg.symmetry.line}: unknown SYMMETRY ${cfg.symmetry.name} for ${p.module} (expected: ${p.symmetry})`);
  }
  for (const c of cfg.constraints) {
    if (c.name !== p.constraint) throw new UsageError(`${f}:${c.line}: unknown CONSTRAINT ${c.name} for ${p.module} (expected: ${p.constraint ?? 'none'})`);
  }
  if (p.constraint !== null && !cfg.constraints.some((c) => c.name === p.constraint)) {
    throw new UsageError(`${f}: no CONSTRAINT ${p.constraint}: TLC would explore ${p.module} unbounded, and check always applies the bounds`);
  }
}

/** A value as the flag text the protocol's parser takes. */
function text(v: CfgValue, p: Profile, where: string): string {
  const names = (xs: readonly CfgValue[]): string[] | null => (xs.every((x) => x.kind === 'name') ? xs.map((x) => (x as { name: string }).name) : null);
  switch (v.kind) {
    case 'int':
      return String(v.n);
    case 'bool':
      return v.b ? 'on' : 'off';
    case 'string':
      return v.s;
    case 'name':
      if (v.name === p.unbounded) return 'none';
      break;
    case 'set': {
      if (v.items.length === 0) return 'none';
      const flat = names(v.items);
      // A one-name list keeps a trailing comma: a bare name would be ambiguous on the command line.
      if (flat !== null) return flat.length === 1 ? `${flat[0]},` : flat.join(',');
      const nested = v.items.map((x) => (x.kind === 'set' ? names(x.items) : null));
      if (nested.every((x) => x !== null && x.length > 0)) return nested.map((x) => (x as string[]).join(',')).join(';');
      break;
    }
    default:
      break;
  }
  throw new UsageError(`${where}: check does not take this value here`);
}

/**
 * `{Q \in SUBSET X : 2 * Cardinality(Q) > Cardinality(X)}`: 'majority' when X is a constant of the
 * file (the majorities of whatever it is set to), else the explicit majorities of X's definition.
 */
function majoritiesOf(x: string, cfg: TlcConfig, m: { path: string; text: string }, where: string): CfgValue | 'majority' {
  if (cfg.constants.some((d) => d.name === x)) return 'majority';
  const set = definition(m, x, where);
  if ('majorityOf' in set || set.kind !== 'set' || !set.items.every((i) => i.kind === 'name')) {
    throw new UsageError(`${where}: the majorities of ${x}, which is not a set of names`);
  }
  const names = set.items.map((i) => (i as { name: string }).name);
  const items = subsets(names).filter((q) => 2 * q.length > names.length);
  return { kind: 'set', items: items.map((q) => ({ kind: 'set', items: q.map((name) => ({ kind: 'name', name }) as const) })) };
}

function readModule(cfgFile: string, module: string): { path: string; text: string } {
  const beside = join(dirname(cfgFile), `${module}.tla`);
  const shipped = fileURLToPath(new URL(`../../spec/${module}.tla`, import.meta.url));
  const path = existsSync(beside) ? beside : shipped;
  try {
    return { path, text: readFileSync(path, 'utf8') };
  } catch {
    throw new UsageError(`${cfgFile}: cannot read ${path} to evaluate a '<-' substitution`);
  }
}

const MAJORITY = /^\{\s*(\w+)\s*\\in\s+SUBSET\s+(\w+)\s*:\s*2\s*\*\s*Cardinality\(\s*\1\s*\)\s*>\s*Cardinality\(\s*\2\s*\)\s*\}$/;

/** `name`'s definition in the module: a literal value, or the majorities of a set. */
function definition(m: { path: string; text: string }, name: string, where: string): CfgValue | { majorityOf: string } {
  const lines = m.text.split('\n');
  const k = lines.findIndex((l) => new RegExp(`^${name}\\s*==`).test(l));
  if (k < 0) throw new UsageError(`${where}: ${m.path} defines no ${name}`);
  const rhs = (lines[k] as string).replace(/^[^=]*==/, '').replace(/\\\*.*$/, '').trim();
  const majority = MAJORITY.exec(rhs);
  if (majority !== null) return { majorityOf: majority[2] as string };
  try {
    return parseValueText(rhs, `${m.path}`, k + 1);
  } catch {
    throw new UsageError(`${where}: cannot evaluate ${name} == ${rhs} (${m.path}:${k + 1}; supported: a literal value or the majorities of a set)`);
  }
}
