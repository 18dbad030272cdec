// The trace as a message-sequence diagram in plain SVG: one lifeline per node, one arrow per message
// from its send to its delivery (a cross where it was dropped, "dup" on a duplicated copy), and each
// node's changed variables beside its lifeline at the step that changed them.
import { eventsOf, type DiagramInput } from './events.ts';
import { esc } from './escape.ts';

const COL = 230;
const LEFT = 150;
const TOP = 50;
const LINE = 13;

/** The diagram as one standalone `<svg>` element. */
export function sequenceSvg(d: DiagramInput): string {
  const { rows, arrows } = eventsOf(d);
  const x = (n: string): number => LEFT + Math.max(0, d.nodes.indexOf(n)) * COL;
  const heights = rows.map((r) => Math.max(34, 12 + LINE * Math.max(0, ...Object.values(r.changes).map((c) => c.length))));
  const ys: number[] = [];
  let y = TOP + 20;
  for (const h of heights) {
    ys.push(y);
    y += h;
  }
  const width = LEFT + d.nodes.length * COL;
  const height = y + 20;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="sequence" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="monospace" font-size="11">`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z"/></marker></defs>',
  ];
  for (const n of d.nodes) {
    out.push(`<g class="lifeline" data-node="${esc(n)}"><text x="${x(n)}" y="${TOP - 10}" text-anchor="middle" font-weight="bold" font-size="13">${esc(n)}</text><line x1="${x(n)}" y1="${TOP}" x2="${x(n)}" y2="${height - 10}" stroke="#888" stroke-dasharray="4 3"/></g>`);
  }
  rows.forEach((r, k) => {
    const yk = ys[k] as number;
    out.push(`<g class="step" data-step="${k + 1}"><text x="8" y="${yk}" fill="#555">${k + 1}. ${esc(short(r.action))}</text>`);
    if (r.actor !== null && d.nodes.includes(r.actor)) out.push(`<circle cx="${x(r.actor)}" cy="${yk - 4}" r="4" fill="#1565c0"/>`);
    for (const [n, cs] of Object.entries(r.changes)) {
      cs.forEach((c, j) => out.push(`<text class="change" x="${x(n) + 8}" y="${yk + 10 + j * LINE}" fill="#2e7d32">${esc(c)}</text>`));
    }
    out.push('</g>');
  });
  for (const a of arrows) {
    const y1 = (ys[a.sent] ?? TOP) - 4;
    const x1 = x(a.source);
    const x2 = x(a.dest);
    const dup = a.duplicate ? ' duplicate' : '';
    const label = `${a.label}${a.duplicate ? ' (dup)' : ''}`;
    if (a.fate === 'inflight') {
      out.push(`<g class="msg inflight${dup}"><line x1="${x1}" y1="${y1}" x2="${(x1 + x2) / 2}" y2="${height - 14}" stroke="#999" stroke-dasharray="2 3"/><title>${esc(label)} still in flight</title></g>`);
      continue;
    }
    const y2 = (ys[a.end ?? 0] ?? TOP) - 4;
    if (a.fate === 'dropped') {
      const [mx, my] = [(x1 + x2) / 2, (y1 + y2) / 2];
      out.push(`<g class="msg dropped${dup}"><line x1="${x1}" y1="${y1}" x2="${mx}" y2="${my}" stroke="#c62828" stroke-dasharray="5 3"/><text x="${mx}" y="${my + 4}" text-anchor="middle" fill="#c62828" font-size="14">✕</text><text x="${mx + 8}" y="${my - 4}" fill="#c62828">${esc(label)} dropped</text></g>`);
      continue;
    }
    const color = a.duplicate ? '#6a1b9a' : '#1565c0';
    // A message to itself (raft.tla's RequestVote(i, i)) loops out to the left of its lifeline.
    const line = x1 === x2 ? `<path d="M ${x1} ${y1} C ${x1 - 70} ${y1}, ${x1 - 70} ${y2}, ${x2} ${y2}" fill="none"` : `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}"`;
    const lx = x1 === x2 ? x1 - 56 : (x1 + x2) / 2;
    out.push(`<g class="msg delivered${dup}">${line} stroke="${color}" marker-end="url(#arrow)"/><text x="${lx}" y="${(y1 + y2) / 2 - 3}" text-anchor="middle" fill="${color}">${esc(label)}</text></g>`);
  }
  out.push('</svg>');
  return out.join('\n');
}

function short(s: string): string {
  return s.length > 22 ? `${s.slice(0, 20)}…` : s;
}
