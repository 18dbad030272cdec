// Plain-text tables with aligned columns, and figures written as the docs write them.

/** 1234567 -> "1,234,567"; null -> "-". */
export function fig(n: number | null): string {
  return n === null ? '-' : n.toLocaleString('en-US');
}

/** The rows as aligned columns under a header and a rule. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, k) => Math.max(h.length, ...rows.map((r) => (r[k] ?? '').length)));
  const line = (r: readonly string[]): string => r.map((x, k) => x.padEnd(widths[k] ?? 0)).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
