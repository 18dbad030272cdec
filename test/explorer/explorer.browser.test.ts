// The explorer end to end in headless Chromium: load, pick the initial state, click an action, go
// back, jump to the checker's violation, follow a shared link; asserts on the page's DOM (a lifeline
// per node, an arrow per delivered message) and keeps screenshots in artifacts/.
import { accessSync, constants, mkdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExplorer, type Explorer } from '../../explorer/index.ts';
import { build } from '../../src/cli/build-model.ts';

const root = join(import.meta.dirname, '../..');
const artifacts = join(root, 'artifacts');
const WAIT = 120_000;

/** CHROMIUM_PATH, else `chromium` on PATH; null when neither is there. */
function chromiumPath(): string | null {
  const given = process.env['CHROMIUM_PATH'];
  if (given !== undefined && given !== '') return given;
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    try {
      accessSync(join(dir, 'chromium'), constants.X_OK);
      return join(dir, 'chromium');
    } catch {
      // not in this directory
    }
  }
  return null;
}

const skip = process.env['CC_NO_BROWSER'] === '1';
if (skip) process.stderr.write('\n*** CC_NO_BROWSER=1: SKIPPING the explorer\'s browser test (CI never sets it) ***\n\n');

// Basic Paxos forgetting its promise on restart: VoteWithinPromise fails after 11 states, 6 nodes.
const flags = { 'max-round': '0', 'max-msgs': '1', duplicate: 'off', restart: 'on', drop: 'off' };

describe.skipIf(skip)('explorer in the browser', () => {
  let browser: Browser;
  let explorer: Explorer;
  let nodes: readonly string[];

  beforeAll(async () => {
    const path = chromiumPath();
    if (path === null) throw new Error('no Chromium: install Debian\'s chromium (apt-get install chromium), set CHROMIUM_PATH, or set CC_NO_BROWSER=1 to skip this test');
    const { built, model } = await build({ protocol: 'basicpaxos', constants: { ...defaultsOf(), ...flags }, variant: 'forget-promise-on-restart', refinement: false });
    if (built.kind !== 'node') throw new Error('basicpaxos is node-level');
    nodes = [...built.protocol.nodes(built.config)].sort();
    explorer = await startExplorer({ model, nodes, settings: built.settings, port: 0, checkAtStart: true, maxStates: 1_000_000, maxSeconds: 600 });
    browser = await chromium.launch({ executablePath: path, headless: true, timeout: WAIT, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
    mkdirSync(artifacts, { recursive: true });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await explorer?.close();
  });

  /** Waits until the page has drawn `path`. */
  const drawn = (page: Page, path: string) => page.waitForSelector(`body[data-state="ready"][data-path="${path}"]`, { timeout: WAIT });
  const diagram = async (page: Page) => ({
    lifelines: await page.locator('#diagram svg g.lifeline').count(),
    delivered: await page.locator('#diagram svg g.msg.delivered').count(),
    steps: await page.locator('#path li').allTextContents(),
  });

  it('loads, clicks an action, goes back, jumps to the violation, and a shared link reproduces it', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    page.setDefaultTimeout(WAIT);
    await page.goto(explorer.url);
    await drawn(page, '');
    await page.waitForSelector('#check[data-status="done"]');
    expect(await page.locator('#choices button.choice').allTextContents()).toEqual(['Initial state 1']);

    await page.click('#choices button.choice[data-index="0"]');
    await drawn(page, '0');
    expect(await page.locator('#nodes .node').count()).toBe(nodes.length);
    expect(await diagram(page)).toEqual({ lifelines: nodes.length, delivered: 0, steps: ['Initial state'] });
    const first = (await page.locator('#choices button.choice').first().textContent()) ?? '';

    await page.click('#choices button.choice[data-index="0"]');
    await drawn(page, '0.0');
    expect(new URL(page.url()).searchParams.get('p')).toBe('0.0');
    expect((await diagram(page)).steps).toEqual(['Initial state', first]);

    await page.click('#back');
    await drawn(page, '0');
    expect(new URL(page.url()).searchParams.get('p')).toBe('0');
    expect((await diagram(page)).steps).toEqual(['Initial state']);

    await page.click('#jump-violation');
    const info = (await (await fetch(`${explorer.url}api/info`)).json()) as { check: { violation: { name: string; path: string } } };
    const target = info.check.violation.path;
    await drawn(page, target);
    expect(info.check.violation.name).toBe('VoteWithinPromise');
    expect(await page.locator('#violated').textContent()).toContain('VoteWithinPromise');
    const seen = await diagram(page);
    expect(seen.steps).toHaveLength(11);
    expect(seen.lifelines).toBe(nodes.length);
    expect(seen.delivered).toBe(seen.steps.filter((s) => s.startsWith('Receive(')).length);
    expect(seen.delivered).toBeGreaterThan(0);
    await page.screenshot({ path: join(artifacts, 'explorer-violation.png'), fullPage: true });

    const shared = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    shared.setDefaultTimeout(WAIT);
    await shared.goto(`${explorer.url}?p=${target}`);
    await drawn(shared, target);
    expect(await diagram(shared)).toEqual(seen);
    expect(await shared.locator('#violated').textContent()).toContain('VoteWithinPromise');

    await page.goBack();
    await drawn(page, '0');
  }, 600_000);

  it('a link to a path that does not exist says so on the page', async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(WAIT);
    await page.goto(`${explorer.url}?p=0.999`);
    await page.waitForSelector('body[data-state="ready"]');
    expect(await page.locator('#error').textContent()).toMatch(/^path step 2: no enabled action with index 999 \(\d+ are enabled\)$/);
  }, 300_000);
});

function defaultsOf(): Record<string, string> {
  return { proposers: '2', acceptors: '3', learners: '1', values: '2', quorums: 'majority', 'max-dup': '1' };
}
