// docs/api.md names every export of every entry point of package.json, so the reference cannot fall
// behind an index.ts silently.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const doc = readFileSync(join(root, 'docs/api.md'), 'utf8');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };

/** The names a module exports, following `export type * from` (as the Raft index uses). */
function exported(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const names: string[] = [];
  for (const m of text.matchAll(/^export (?:type )?\{([^}]*)\}/gm)) {
    for (const part of (m[1] as string).split(',')) {
      const name = part.trim().split(/\s+as\s+/).pop()?.replace(/^type\s+/, '');
      if (name) names.push(name);
    }
  }
  for (const m of text.matchAll(/^export (?:declare )?(?:const|function|class|interface|type|abstract class) ([A-Za-z_$][\w$]*)/gm)) names.push(m[1] as string);
  for (const m of text.matchAll(/^export type \* from '([^']+)'/gm)) names.push(...exported(join(dirname(file), m[1] as string)));
  return names;
}

describe('docs/api.md', () => {
  const entries = Object.keys(pkg.exports).filter((k) => k !== './package.json');

  it('has a section for each entry point', () => {
    for (const e of entries) expect(doc).toContain(`## \`consensus-checked/${e.slice(2)}\``);
  });

  it.each(entries)('names every export of %s', (e) => {
    const source = join(root, (pkg.exports[e] as { import: string }).import.replace(/^\.\/dist\//, '').replace(/\.js$/, '.ts'));
    const names = exported(source);
    expect(names.length).toBeGreaterThan(5);
    const missing = names.filter((n) => !new RegExp('`' + n.replace(/\$/g, '\\$') + '(?![\\w$])').test(doc));
    expect(missing).toEqual([]);
  });
});
