// The report layer: the sequence diagram has one lifeline per node and one arrow per delivered
// message, marks drops and duplicated copies, and files each changed variable under its node; the
// HTML page holds the settings, counts, properties, the diagram and a state-table row per step.
import { describe, expect, it } from 'vitest';
import type { Message, Model, Tagged } from '../../src/core/index.ts';
import { compose, diff, explore, pathOf, type TraceStep } from '../../model-check/index.ts';
import { basicpaxos } from '../../src/basicpaxos/index.ts';
import { eventsOf, htmlReport, sequenceSvg, type DiagramInput } from '../../report/index.ts';

const ping: Message = { type: 'Ping', source: 'n1', dest: 'n2' };
const pong: Message = { type: 'Pong', source: 'n2', dest: 'n1' };

/** A toy trace: n1 sends Ping, the network duplicates it, n2 gets both copies (answering the first), Pong is dropped, n1 pings again. */
function toy(): DiagramInput {
  const states: [Tagged | null, Record<string, unknown>][] = [
    [null, { x: { n1: 0, n2: 0 }, messages: [] }],
    [{ type: 'Internal', i: 'n1', a: { type: 'Send' } } as Tagged, { x: { n1: 1, n2: 0 }, messages: [ping] }],
    [{ type: 'DuplicateMessage', key: 'p', m: ping } as Tagged, { x: { n1: 1, n2: 0 }, messages: [{ copies: 2, m: ping }] }],
    [{ type: 'Receive', key: 'p', m: ping } as Tagged, { x: { n1: 1, n2: 1 }, messages: [ping, pong] }],
    [{ type: 'Receive', key: 'p', m: ping } as Tagged, { x: { n1: 1, n2: 2 }, messages: [pong] }],
    [{ type: 'DropMessage', key: 'q', m: pong } as Tagged, { x: { n1: 1, n2: 2 }, messages: [] }],
    [{ type: 'Internal', i: 'n1', a: { type: 'Send' } } as Tagged, { x: { n1: 2, n2: 2 }, messages: [ping] }],
  ];
  const steps: TraceStep[] = states.map(([a, v], k) => ({ action: a === null ? null : a.type, variables: v, changes: k === 0 ? [] : diff(states[k - 1]?.[1], v) }));
  return { steps, actions: states.map(([a]) => a), nodes: ['n1', 'n2'] };
}

const count = (text: string, re: RegExp): number => [...text.matchAll(re)].length;

describe('sequence diagram', () => {
  it('draws one lifeline per node and one arrow per delivered message, drops and duplicates marked', () => {
    const svg = sequenceSvg(toy());
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(count(svg, /<g class="lifeline" data-node="(n1|n2)"/g)).toBe(2);
    expect(count(svg, /<g class="msg delivered[ "]/g)).toBe(2);
    expect(count(svg, /<g class="msg delivered duplicate"/g)).toBe(1);
    expect(count(svg, /<g class="msg dropped"/g)).toBe(1);
    expect(count(svg, /<g class="msg inflight"/g)).toBe(1);
    expect(svg).toContain('Pong dropped');
  });

  it('files each change under its node and sends arrows from the step that sent them', () => {
    const { rows, arrows } = eventsOf(toy());
    expect(rows[3]).toEqual({ actor: 'n2', action: 'Receive', changes: { n2: ['x: 0 → 1'] } });
    expect(rows[1]?.changes).toEqual({ n1: ['x: 0 → 1'] });
    expect(arrows.filter((a) => a.fate === 'delivered').map((a) => [a.label, a.sent, a.end, a.duplicate])).toEqual([['Ping', 1, 3, false], ['Ping', 1, 4, true]]);
    expect(arrows.find((a) => a.fate === 'dropped')).toMatchObject({ label: 'Pong', sent: 3, end: 5 });
  });

  it('on a real trace (Basic Paxos to ValueLearned): a lifeline per node, an arrow per Receive step', async () => {
    const defaults = Object.fromEntries(basicpaxos.constants.map((c) => [c.flag, c.default]));
    const b = basicpaxos.build(defaults, null);
    if (b.kind !== 'node') throw new Error('node-level');
    const model = compose(b.protocol, b.config, b.network) as Model<unknown, Tagged>;
    const w = model.witnesses['ValueLearned'] as (s: unknown) => boolean;
    const r = await explore({ ...model, invariants: { NotValueLearned: (s) => !w(s) }, actionProperties: {} }, { deadlock: false });
    const trace = r.violation?.trace ?? [];
    const path = pathOf(model, trace);
    const nodes = [...b.protocol.nodes(b.config)];
    const svg = sequenceSvg({ steps: trace, actions: path.actions, nodes });
    expect(count(svg, /<g class="lifeline"/g)).toBe(nodes.length);
    expect(count(svg, /<g class="msg delivered/g)).toBe(path.actions.filter((a) => a?.type === 'Receive').length);
    expect(count(svg, /<g class="msg delivered/g)).toBeGreaterThan(0);
  }, 120_000);
});

describe('HTML report', () => {
  it('is one self-contained page: settings, counts, properties, the diagram and a row per step', () => {
    const t = toy();
    const html = htmlReport({
      title: 'toy: invariant Safe', settings: 'nodes n1,n2 <b>', verdict: 'violation', counts: { distinct: 12345, depth: 7 },
      properties: { invariants: ['Safe'], actionProperties: [], witnesses: ['Pinged'] }, trace: { ...t, property: 'Safe', kind: 'invariant' },
    });
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<(script|link|img)\b|src=|href=/);
    expect(html).toContain('nodes n1,n2 &lt;b&gt;');
    expect(html).toContain('12,345');
    expect(html).toContain('<code>Safe</code>');
    expect(count(html, /<svg /g)).toBe(1);
    expect(count(html, /<tr data-step="/g)).toBe(t.steps.length);
  });

  it('says so when there is no trace', () => {
    const html = htmlReport({ title: 't', settings: 's', verdict: 'ok', counts: {}, properties: { invariants: [], actionProperties: [], witnesses: [] }, trace: null });
    expect(html).toContain('No counterexample or witness path.');
    expect(html).not.toContain('<svg');
  });
});
