// The admin endpoint's input (src/runtime/admin.ts): a change is {"op", "node"}; anything else is one
// line naming what is wrong, before the node is asked anything.
import { describe, expect, it } from 'vitest';
import { parseChange } from '../../../src/runtime/admin.ts';

const parse = (text: string) => parseChange(Buffer.from(text));

describe('POST /admin/members body', () => {
  it('takes add, promote and remove of a node id', () => {
    expect(parse('{"op":"add","node":"s4"}')).toEqual({ op: 'add', node: 's4' });
    expect(parse('{"op":"promote","node":"n-2"}')).toEqual({ op: 'promote', node: 'n-2' });
    expect(parse('{"op":"remove","node":"s1"}')).toEqual({ op: 'remove', node: 's1' });
  });

  it('refuses anything else with one line', () => {
    expect(parse('add s4')).toBe('the body is not JSON: expected {"op": "add" | "promote" | "remove", "node": "<id>"}');
    expect(parse('{"op":"drop","node":"s4"}')).toBe(`'op' must be add, promote or remove, got "drop"`);
    expect(parse('null')).toBe(`'op' must be add, promote or remove, got null`);
    expect(parse('{"op":"add"}')).toBe(`'node' must be a node id, got null`);
    expect(parse('{"op":"add","node":"4s; rm"}')).toBe(`'node' must be a node id, got "4s; rm"`);
  });
});
