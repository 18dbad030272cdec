// The explorer's one page: plain HTML and a script that reads the path from the URL (`?p=0.3.1`),
// asks the server for that state, and draws its variables, messages, choices and sequence diagram.

const STYLE = `body{font-family:system-ui,sans-serif;margin:1em;color:#222}h1{font-size:1.3em;margin:.2em 0}
h2{font-size:1.05em;margin:.8em 0 .3em}code,td,li.message,#path li{font-family:monospace;font-size:12px}
button{margin:2px;font-size:12px}#choices button{display:block;text-align:left}
.cols{display:flex;gap:1.5em;align-items:flex-start;flex-wrap:wrap}#nodes{display:flex;flex-wrap:wrap;gap:6px;max-width:60em}.node{border:1px solid #ccc;padding:2px 8px}.node h3{margin:2px 0;font-size:1em}
table{border-collapse:collapse}td{border-top:1px solid #eee;padding:1px 6px;vertical-align:top;max-width:40em;word-break:break-all}
#diagram{overflow:auto;border:1px solid #ddd;max-height:70vh}#error{color:#c62828}.violated{color:#c62828;font-weight:bold}`;

const SCRIPT = `
const $ = (id) => document.getElementById(id);
const el = (tag, attrs, text) => { const e = document.createElement(tag); for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v); if (text !== undefined) e.textContent = text; return e; };
const show = (v) => JSON.stringify(v);
let path = new URLSearchParams(location.search).get('p') || '';

async function getJson(url, init) {
  const r = await fetch(url, init);
  const body = await r.json();
  if (!r.ok) throw new Error(body.error || r.statusText);
  return body;
}

async function go(p, push) {
  document.body.dataset.state = 'loading';
  try {
    const v = await getJson('/api/state?path=' + encodeURIComponent(p));
    path = v.path;
    if (push) history.pushState({ p: path }, '', path === '' ? location.pathname : '?p=' + path);
    render(v);
    $('error').textContent = '';
  } catch (e) {
    $('error').textContent = e.message;
  }
  document.body.dataset.path = path;
  document.body.dataset.state = 'ready';
}

function render(v) {
  const choices = $('choices');
  choices.replaceChildren(...v.choices.map((c) => {
    const b = el('button', { class: 'choice', 'data-index': String(c.index) }, c.label);
    b.onclick = () => go(path === '' ? String(c.index) : path + '.' + c.index, true);
    return b;
  }));
  if (v.choices.length === 0) choices.append(el('p', {}, v.path === '' ? 'No initial state.' : 'No action is enabled (a deadlock, or the bounds are reached).'));
  $('back').disabled = v.path === '';
  $('violated').textContent = v.violated.length === 0 ? '' : 'Violated here: ' + v.violated.join(', ');
  const nodes = $('nodes');
  nodes.replaceChildren(...Object.entries(v.nodes).map(([n, vars]) => {
    const d = el('div', { class: 'node', 'data-node': n });
    d.append(el('h3', {}, n));
    const t = el('table', {});
    for (const [k, x] of Object.entries(vars)) { const tr = el('tr', {}); tr.append(el('td', {}, k), el('td', {}, show(x))); t.append(tr); }
    d.append(t);
    return d;
  }));
  for (const [k, x] of Object.entries(v.globals)) nodes.append(el('p', { class: 'global' }, k + ' = ' + show(x)));
  $('messages').replaceChildren(...v.messages.map((m) => el('li', { class: 'message' }, show(m))));
  $('path').replaceChildren(...v.steps.map((s) => el('li', { title: s.changes.join('\\n') }, s.action)));
  $('diagram').innerHTML = v.svg;
}

async function info() {
  const i = await getJson('/api/info');
  $('title').textContent = 'Explorer: ' + i.name;
  $('settings').textContent = i.settings;
  renderCheck(i.check);
  const w = $('witnesses');
  w.replaceChildren(...i.witnesses.map((name) => {
    const b = el('button', { class: 'jump-witness', 'data-name': name }, 'Shortest path to ' + name);
    b.onclick = () => jump('witness:' + name, b);
    return b;
  }));
}

function renderCheck(c) {
  const s = $('check');
  $('jump-violation').hidden = !(c.status === 'done' && c.violation);
  $('run-check').hidden = c.status !== 'not run';
  if (c.status === 'not run') s.textContent = 'The exhaustive check has not run.';
  else if (c.violation) s.textContent = 'Check: ' + c.violation.kind + ' ' + c.violation.name + ' violated (' + c.distinct + ' distinct states, ' + c.violation.path.split('.').length + ' steps).';
  else s.textContent = 'Check: ' + c.verdict + ', ' + c.distinct + ' distinct states' + (c.reason ? ' (' + c.reason + ')' : '') + ', no violation.';
  s.dataset.status = c.status;
}

async function jump(to, button) {
  const label = button.textContent;
  button.disabled = true;
  button.textContent = 'Searching…';
  try {
    const r = await getJson('/api/jump?to=' + encodeURIComponent(to));
    await go(r.path, true);
  } catch (e) {
    $('error').textContent = e.message;
  }
  button.textContent = label;
  button.disabled = false;
}

$('back').onclick = () => go(path.split('.').slice(0, -1).join('.'), true);
$('jump-violation').onclick = () => jump('violation', $('jump-violation'));
$('run-check').onclick = async () => {
  $('check').textContent = 'Checking every reachable state…';
  $('run-check').disabled = true;
  try { renderCheck(await getJson('/api/check', { method: 'POST' })); } catch (e) { $('error').textContent = e.message; }
  $('run-check').disabled = false;
};
window.onpopstate = () => go(new URLSearchParams(location.search).get('p') || '', false);
info().catch((e) => { $('error').textContent = e.message; });
go(path, false);
`;

/** The page, with its style and script inline (no external resources). */
export function explorerPage(): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>consensus-checked explorer</title><style>${STYLE}</style></head>
<body data-state="loading">
<h1 id="title">Explorer</h1><p><code id="settings"></code></p>
<p><span id="check"></span> <button id="jump-violation" hidden>Jump to the violation</button><button id="run-check" hidden>Run the check</button></p>
<p id="witnesses"></p>
<p id="error"></p>
<div class="cols">
<section><h2>Actions</h2><button id="back">← Back</button><div id="choices"></div></section>
<section><h2>State</h2><p id="violated" class="violated"></p><div id="nodes"></div><h2>Messages in flight</h2><ul id="messages"></ul></section>
<section><h2>Path</h2><ol id="path"></ol></section>
</div>
<h2>Sequence diagram</h2><div id="diagram"></div>
<script>${SCRIPT}</script>
</body></html>
`;
}
