// One self-contained HTML page: the run's settings, counts and properties, the trace as a sequence
// diagram (svg.ts, inline) and the state table, a row per step with what it changed.
import { canonical } from '../src/core/index.ts';
import type { DiagramInput } from './events.ts';
import { esc } from './escape.ts';
import { sequenceSvg } from './svg.ts';

/** What the report shows; `trace` is null when there is no counterexample or witness path. */
export interface ReportInput {
  readonly title: string;
  readonly settings: string;
  readonly verdict: string;
  readonly counts: Readonly<Record<string, number | string>>;
  readonly properties: { readonly invariants: readonly string[]; readonly actionProperties: readonly string[]; readonly witnesses: readonly string[] };
  readonly trace: (DiagramInput & { readonly property: string; readonly kind: string }) | null;
}

const STYLE = `body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}table{border-collapse:collapse;margin:.5em 0}
td,th{border:1px solid #ccc;padding:2px 8px;text-align:left;vertical-align:top}td.mono,code{font-family:monospace;font-size:12px}
.diagram{overflow:auto;border:1px solid #ddd;margin:.5em 0}`;

/** The report as one HTML document with no external resources. */
export function htmlReport(r: ReportInput): string {
  const counts = Object.entries(r.counts).map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(typeof v === 'number' ? v.toLocaleString('en-US') : v)}</td></tr>`).join('');
  const list = (xs: readonly string[]): string => (xs.length === 0 ? '(none)' : xs.map((x) => `<code>${esc(x)}</code>`).join(', '));
  const parts = [
    '<!DOCTYPE html>',
    `<html lang="en"><head><meta charset="utf-8"><title>${esc(r.title)}</title><style>${STYLE}</style></head><body>`,
    `<h1>${esc(r.title)}</h1>`,
    `<section class="settings"><h2>Settings</h2><p><code>${esc(r.settings)}</code></p><p>Verdict: <strong>${esc(r.verdict)}</strong></p></section>`,
    `<section class="counts"><h2>Counts</h2><table>${counts}</table></section>`,
    `<section class="properties"><h2>Properties</h2><p>Invariants: ${list(r.properties.invariants)}</p><p>Action properties: ${list(r.properties.actionProperties)}</p><p>Witnesses: ${list(r.properties.witnesses)}</p></section>`,
  ];
  if (r.trace === null) parts.push('<section class="trace"><h2>Trace</h2><p>No counterexample or witness path.</p></section>');
  else {
    const t = r.trace;
    parts.push(`<section class="trace"><h2>Trace: ${esc(t.kind)} ${esc(t.property)} (${t.steps.length} states)</h2>`);
    if (t.nodes.length > 0) parts.push(`<div class="diagram">${sequenceSvg(t)}</div>`);
    parts.push(stateTable(t), '</section>');
  }
  parts.push('</body></html>', '');
  return parts.join('\n');
}

/** A row per step: the action, then each change (all variables for the initial state). */
function stateTable(t: DiagramInput): string {
  const rows = t.steps.map((s, k) => {
    const lines = k === 0 ? Object.entries(s.variables).map(([n, v]) => `${n} = ${canonical(v)}`) : s.changes.map((c) => `${c.path}: ${canonical(c.from ?? null)} → ${canonical(c.to ?? null)}`);
    return `<tr data-step="${k + 1}"><td>${k + 1}</td><td class="mono">${esc(s.action ?? 'Initial state')}</td><td class="mono">${lines.map(esc).join('<br>') || '(no change)'}</td></tr>`;
  });
  return `<table class="states"><tr><th>#</th><th>action</th><th>state (changes)</th></tr>${rows.join('')}</table>`;
}
