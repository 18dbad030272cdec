import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/core/index.ts';
import { raft, type RaftVariant } from '../../../src/raft/index.ts';

const defaults = Object.fromEntries(raft.constants.map((k) => [k.flag, k.default]));

describe('raft (Checkable)', () => {
  it('builds reference setting A by default, with a bag network, drop, duplicate and restart', () => {
    const b = raft.build(defaults, null);
    expect(b.kind).toBe('node');
    if (b.kind !== 'node') return;
    expect(b.network).toEqual({ network: 'bag', drop: true, duplicate: true, restart: true });
    expect(b.config).toEqual({
      servers: ['s1', 's2'], values: ['v1'], maxTerm: 3, maxLogLen: 2, maxDup: 1, maxMsgs: 1, maxRestarts: null, passive: [], historyFields: true,
    });
    expect(b.settings).toBe('servers s1,s2; values v1; max-term 3; max-log 2; max-dup 1; max-msgs 1; max-restarts none; passive none; drop on; duplicate on; history on');
  });

  it('takes server and value lists, and max-restarts 0 as no Restart at all', () => {
    const b = raft.build({ ...defaults, servers: 'b,a,c', values: 'x,y', 'max-restarts': '0', drop: 'off' }, null);
    if (b.kind !== 'node') throw new Error('node expected');
    expect(b.config).toMatchObject({ servers: ['a', 'b', 'c'], values: ['x', 'y'], maxRestarts: null });
    expect(b.network).toEqual({ network: 'bag', drop: false, duplicate: true, restart: false });
  });

  it('builds each variant under its name', () => {
    for (const name of Object.keys(raft.variants)) {
      const b = raft.build(defaults, name);
      expect(b.kind === 'node' && b.protocol.name).toBe(`raft/${name}`);
    }
  });

  it.each([
    ['servers', '0', "--servers must be a number from 1 to 9 or a list like s1,s2, got '0'"],
    ['servers', 's1,s1', "--servers must be a number from 1 to 9 or a list of distinct names like s1,s2, got 's1,s1'"],
    ['max-term', 'x', "--max-term must be a whole number >= 1, got 'x'"],
    ['max-log', '-1', "--max-log must be a whole number >= 0, got '-1'"],
    ['max-restarts', 'lots', "--max-restarts must be none or a whole number >= 0, got 'lots'"],
    ['drop', 'yes', "--drop must be on or off, got 'yes'"],
    ['passive', 's7', "--passive must be none or a list of servers among s1,s2, got 's7'"],
  ])('--%s %s is a one-line UsageError naming the flag', (flag, value, message) => {
    expect(() => raft.build({ ...defaults, [flag]: value }, null)).toThrow(new UsageError(message));
  });

  it('an unknown variant is a UsageError listing the registered variants', () => {
    // Derived from the registry, so that a user's own variant (src/raft/variants/index.ts) keeps this test green.
    expect(() => raft.build(defaults, 'nope')).toThrow(
      new UsageError(`unknown variant 'nope' for raft (expected: ${Object.keys(raft.variants).join(', ')})`),
    );
  });

  it('registers the shipped variants, and every variant module under src/raft/variants by its name', async () => {
    expect(Object.keys(raft.variants)).toEqual(
      expect.arrayContaining([
        'commit-previous-term', 'vote-without-log-check', 'append-without-log-check', 'forget-vote-on-restart',
        'snapshot-past-commit', 'discard-log-on-install-snapshot', 'install-snapshot-from-stale-term',
      ]),
    );
    const dir = new URL('../../../src/raft/variants/', import.meta.url);
    const modules = readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'index.ts');
    expect(modules.length).toBeGreaterThanOrEqual(4);
    for (const f of modules) {
      const exported = Object.values((await import(new URL(f, dir).href)) as Record<string, RaftVariant>);
      for (const v of exported) expect([f, raft.variants[v.name]]).toEqual([f, v]);
    }
  });
});
