import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { constants, rewrite } from '../../tlc/cfg.ts';
import { applyEdit } from '../../tlc/mutations.ts';
import { tlcCases } from '../../tlc/variant-edits.ts';
import { protocols } from '../../src/cli/registry.ts';

const read = (f: string): string => readFileSync(new URL(`../../${f}`, import.meta.url), 'utf8');

describe("the variants' edits of spec/ (npm run bench:variants -- --tlc)", () => {
  it('every shipped variant of raft, paxos, basicpaxos and multipaxos has one', async () => {
    const shipped: string[] = [];
    for (const p of ['raft', 'paxos', 'basicpaxos', 'multipaxos']) {
      const target = await (protocols[p] as () => Promise<{ variants: Readonly<Record<string, unknown>> }>)();
      shipped.push(...Object.keys(target.variants).map((v) => `${p}/${v}`));
    }
    expect(Object.keys(tlcCases).sort()).toEqual(shipped.sort());
  });

  for (const [id, c] of Object.entries(tlcCases)) {
    it(`${id}: each edit applies to the current spec (its text occurs once) and changes it`, () => {
      const files = new Map<string, string>();
      for (const e of c.edits) {
        const before = files.get(e.file) ?? read(e.file);
        const after = applyEdit(before, e);
        expect(after).not.toBe(before);
        files.set(e.file, after);
      }
    });

    it(`${id}: its constants are ones ${c.cfg} assigns`, () => {
      const out = rewrite(read(`spec/${c.cfg}`), c.changes);
      const given = constants(out);
      for (const [name, value] of Object.entries(c.changes.constants ?? {})) expect(given.find((a) => a.name === name)?.value).toBe(value);
      expect(read(`spec/${c.module}`)).toContain(`MODULE ${c.module.replace(/\.tla$/, '')}`);
    });
  }
});
