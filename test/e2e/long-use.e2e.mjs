// End-to-end, long use: in a real VS Code (code-server), VSIX installed, the state diagram panel
// is opened and closed 200 times, the walkthrough stepped 1 000 times, the explorer made to branch
// 200 times and 50 captures opened and closed. Afterwards the extension host's JS heap, after a
// forced garbage collection, is within 10 % of what it was after one warm-up round of each
// (the first use loads code lazily: that is not a leak), and nothing of the extension is left:
// no live panel object, no more of its closures alive than at the baseline (a leaked listener
// is a closure), no timer of its own running (the walkthrough's play interval included), no
// walkthrough entry in the status bar; and the 200th opening of the diagram is not slower than
// twice the 10th.
//
// How the extension host is measured: the workbench is opened with the payload
// `inspect-extensions=<port>` (honoured by a built VS Code only with the smoke-test driver on:
// `testDriver`), so code-server starts the extension host with `--inspect=<port>`; that process
// is found in /proc by its command line, and the test speaks the Chrome DevTools Protocol to it
// over a WebSocket of its own (Node 20 has no WebSocket client): HeapProfiler.collectGarbage, then
// Runtime.getHeapUsage (the figure asserted) beside VmRSS from /proc/<pid>/status (printed only),
// and heap snapshots (closures by script, panel objects by their properties). The extension's
// timers are seen through setTimeout/setInterval wrapped in the extension host (Runtime.evaluate):
// a timer created from the extension's files is tracked (weakly) until it is cleared or done.
//
// How it is driven, as a person would, only faster: the diagram by a key bound to its command in
// the user's keybindings.json (the palette once, in the warm-up), closed with Close All Editors
// (Ctrl+K Ctrl+W), each open waiting for the webview's SVG; the walkthrough with ArrowRight and
// Home, each waiting for its step; the explorer from scenario 1 (key S, the quick pick), back
// along its path with ArrowLeft, at each step every choice (digits) and every choice under that,
// each waiting for its step drawn, until the page shows 200 branches; the captures (the scenarios'
// exchanges, written as the explorer exports a pcap) opened with Quick Open, each waiting for its
// connection list, then for the picked connection's sequence diagram.
//
// The counts can be scaled down for a quick look: TSL_LONG_USE_SCALE=0.1 (the assertions hold at
// any scale; the figures the issue asks for are those at 1).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { extensionHostLogs, extensionLogLines, freePort, startCodeServer } from './harness/code-server.mjs';
import { dismissNotifications, frameWith, launchBrowser, pickInQuickInput, runCommand, showInPalette, UI_TIMEOUT } from './harness/workbench.mjs';
import { ROOT, saveFailure } from './harness/artifacts.mjs';

const VSIX = process.env.TSL_VSIX || join(ROOT, 'dist', 'tcp-state-lens.vsix');
const SCALE = Number(process.env.TSL_LONG_USE_SCALE || 1);
const scaled = (n) => Math.max(2, Math.round(n * SCALE));
const COUNTS = { diagramOpens: scaled(200), walkthroughSteps: scaled(1000), explorerBranches: scaled(200), captures: scaled(50) };
/** How far the final heap may be above the baseline. */
const HEAP_TOLERANCE = 0.1;
/** Keys bound (in the user's keybindings.json) to the commands opened and closed hundreds of times. */
const SHOW_DIAGRAM_KEY = 'ctrl+alt+d';
/** Close All Editors: Ctrl+K, then Ctrl+W. */
const CLOSE_ALL_KEYS = ['Control+K', 'Control+W'];

// ---- a WebSocket client (RFC 6455), enough for the DevTools protocol ----

/** Connects to `url` (ws://); resolves with { send(text), onMessage(fn), close() }. */
function connectWebSocket(url) {
  return new Promise((resolve, reject) => {
    const key = randomBytes(16).toString('base64');
    const req = request(url.replace(/^ws:/, 'http:'), {
      headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Key': key, 'Sec-WebSocket-Version': '13' },
    });
    req.once('response', (res) => reject(new Error(`${url} answered ${res.statusCode}, not an upgrade to a WebSocket`)));
    req.once('error', reject);
    req.once('upgrade', (res, socket, head) => {
      const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
      if (res.headers['sec-websocket-accept'] !== accept) {
        socket.destroy();
        reject(new Error(`${url}: wrong Sec-WebSocket-Accept`));
        return;
      }
      socket.setNoDelay(true);
      const listeners = [];
      let buffer = head;
      let fragments = [];
      const frame = (opcode, payload) => {
        const mask = randomBytes(4);
        const length = payload.length;
        const header = length < 126 ? Buffer.from([0x80 | opcode, 0x80 | length]) : length < 65536 ? Buffer.alloc(4) : Buffer.alloc(10);
        if (length >= 126) {
          header[0] = 0x80 | opcode;
          if (length < 65536) {
            header[1] = 0x80 | 126;
            header.writeUInt16BE(length, 2);
          } else {
            header[1] = 0x80 | 127;
            header.writeBigUInt64BE(BigInt(length), 2);
          }
        }
        const masked = Buffer.alloc(length);
        for (let i = 0; i < length; i++) masked[i] = payload[i] ^ mask[i & 3];
        socket.write(Buffer.concat([header, mask, masked]));
      };
      socket.on('data', (chunk) => {
        buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
        for (;;) {
          if (buffer.length < 2) return;
          const fin = (buffer[0] & 0x80) !== 0;
          const opcode = buffer[0] & 0x0f;
          const masked = (buffer[1] & 0x80) !== 0;
          let length = buffer[1] & 0x7f;
          let at = 2;
          if (length === 126) {
            if (buffer.length < 4) return;
            length = buffer.readUInt16BE(2);
            at = 4;
          } else if (length === 127) {
            if (buffer.length < 10) return;
            length = Number(buffer.readBigUInt64BE(2));
            at = 10;
          }
          const maskAt = at;
          if (masked) at += 4;
          if (buffer.length < at + length) return;
          let payload = buffer.subarray(at, at + length);
          if (masked) payload = Buffer.from(payload.map((byte, i) => byte ^ buffer[maskAt + (i & 3)]));
          buffer = buffer.subarray(at + length);
          if (opcode === 0x8) {
            socket.end();
            return;
          }
          if (opcode === 0x9) {
            frame(0xa, payload);
            continue;
          }
          if (opcode === 0x1 || opcode === 0x2 || opcode === 0x0) {
            fragments.push(Buffer.from(payload));
            if (fin) {
              const text = Buffer.concat(fragments).toString('utf8');
              fragments = [];
              for (const listener of listeners) listener(text);
            }
          }
        }
      });
      resolve({
        send: (text) => frame(0x1, Buffer.from(text, 'utf8')),
        onMessage: (listener) => listeners.push(listener),
        onClose: (listener) => socket.once('close', listener),
        close: () => {
          frame(0x8, Buffer.alloc(0));
          socket.end();
        },
      });
    });
    req.end();
  });
}

/** A DevTools-protocol session over a WebSocket: `send(method, params)` and `on(event, fn)`. */
async function cdpSession(url) {
  const socket = await connectWebSocket(url);
  let next = 1;
  const pending = new Map();
  const handlers = new Map();
  socket.onMessage((text) => {
    const message = JSON.parse(text);
    if (message.id !== undefined) {
      const waiting = pending.get(message.id);
      pending.delete(message.id);
      if (message.error) waiting?.reject(new Error(`${waiting.method}: ${message.error.message}`));
      else waiting?.resolve(message.result);
    } else {
      for (const handler of handlers.get(message.method) ?? []) handler(message.params);
    }
  });
  socket.onClose(() => {
    for (const waiting of pending.values()) waiting.reject(new Error(`the inspector closed during ${waiting.method}`));
    pending.clear();
  });
  return {
    send(method, params = {}) {
      const id = next++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject, method });
        socket.send(JSON.stringify({ id, method, params }));
      });
    },
    on(method, handler) {
      if (!handlers.has(method)) handlers.set(method, []);
      handlers.get(method).push(handler);
      return () => handlers.set(method, handlers.get(method).filter((h) => h !== handler));
    },
    close: () => socket.close(),
  };
}

function getJson(url) {
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => {
        try {
          resolve(JSON.parse(body));
        } catch (error) {
          reject(error);
        }
      });
    }).once('error', reject);
  });
}

/** Polls `probe` (every 100 ms) until it returns something other than undefined; `what` names it in the error. */
async function until(probe, what, timeout = UI_TIMEOUT) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// ---- the extension host ----

/** The pid of the extension host that listens for an inspector on `port` (its command line says so). */
function extensionHostPid(port) {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let args;
    try {
      args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue; // gone meanwhile
    }
    if (args.includes('--type=extensionHost') && args.includes(`--inspect=${port}`)) return Number(entry);
  }
  return undefined;
}

/** VmRSS of a process, in bytes. */
function rssOf(pid) {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) * 1024;
}

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

/**
 * Wraps setTimeout and setInterval in the extension host: a timer whose creator is a file under
 * `extensionPath` is kept (as a WeakRef) until Node marks it destroyed (cleared, or a timeout that
 * ran). `globalThis.__tslTimers.live()` then says how many of the extension's timers run.
 */
function instrumentTimers(extensionPath) {
  return `(() => {
    if (globalThis.__tslTimers) return 'already';
    const marker = ${JSON.stringify(extensionPath)};
    const tracked = new Set();
    const created = { setTimeout: 0, setInterval: 0, byVsCodeForTheExtension: 0 };
    // Entries of timers done are dropped now and then, and before each measurement: they are the test's, not the extension's.
    const prune = () => {
      for (const entry of tracked) {
        const timer = entry.ref.deref();
        if (!timer || timer._destroyed) tracked.delete(entry);
      }
    };
    for (const name of ['setTimeout', 'setInterval']) {
      const original = globalThis[name];
      const wrapped = function (...args) {
        const timer = original.apply(this, args);
        const stack = new Error().stack ?? '';
        if (stack.includes(marker) && timer && typeof timer === 'object') {
          // Frames: the message, this wrapper, then the caller: the extension's own timer, or VS Code's during a call of the extension's.
          const lines = stack.split('\\n');
          const own = (lines[2] ?? '').includes(marker);
          if (own) created[name]++;
          else created.byVsCodeForTheExtension++;
          const where = own ? lines.slice(2, 8).map((line) => line.trim()).join(' < ') : (lines.find((line) => line.includes(marker)) ?? '').trim();
          if (tracked.size >= 100) prune();
          tracked.add({ ref: new WeakRef(timer), name, own, where });
        }
        return timer;
      };
      Object.defineProperties(wrapped, Object.getOwnPropertyDescriptors(original));
      globalThis[name] = wrapped;
    }
    const live = (own) => {
      prune();
      return [...tracked].filter((entry) => entry.own === own).map((entry) => entry.name + ' ' + entry.where);
    };
    globalThis.__tslTimers = { live: () => live(true), liveByVsCode: () => live(false), prune, created };
    return 'wrapped';
  })()`;
}

/** What a heap snapshot holds of the extension: its closures by script, and its webview panel objects. */
function analyseSnapshot(text, scripts, extensionMarker) {
  const snapshot = JSON.parse(text);
  const meta = snapshot.snapshot.meta;
  const NF = meta.node_fields.length;
  const EF = meta.edge_fields.length;
  const typeAt = meta.node_fields.indexOf('type');
  const edgeCountAt = meta.node_fields.indexOf('edge_count');
  const nodeTypes = meta.node_types[typeAt];
  const edgeTypeAt = meta.edge_fields.indexOf('type');
  const edgeNameAt = meta.edge_fields.indexOf('name_or_index');
  const edgeTypes = meta.edge_types[edgeTypeAt];
  const { nodes, edges, strings } = snapshot;
  const closureType = nodeTypes.indexOf('closure');
  const objectType = nodeTypes.indexOf('object');
  const propertyType = edgeTypes.indexOf('property');

  // Closures by the script they were made in (the snapshot's locations name the script).
  const closures = {};
  const LF = meta.location_fields.length;
  const objectAt = meta.location_fields.indexOf('object_index');
  const scriptAt = meta.location_fields.indexOf('script_id');
  for (let i = 0; i < snapshot.locations.length; i += LF) {
    const node = snapshot.locations[i + objectAt];
    if (nodes[node + typeAt] !== closureType) continue;
    const url = scripts.get(String(snapshot.locations[i + scriptAt])) ?? '';
    if (!url.includes(extensionMarker)) continue;
    const file = url.slice(url.lastIndexOf('/') + 1);
    closures[file] = (closures[file] ?? 0) + 1;
  }

  // The extension's panels (WebviewPanelBase, its names minified but not its properties; a number
  // such as `created` is kept inside the object, with no edge in the snapshot, so it is not looked for).
  const panelProperties = ['panel', 'context', 'name', 'parse', 'ready', 'disposed', 'disposables'];
  let panels = 0;
  let edge = 0;
  for (let node = 0; node < nodes.length; node += NF) {
    const count = nodes[node + edgeCountAt];
    if (nodes[node + typeAt] === objectType && count >= panelProperties.length) {
      const names = new Set();
      for (let e = edge; e < edge + count * EF; e += EF) {
        if (edges[e + edgeTypeAt] === propertyType) names.add(strings[edges[e + edgeNameAt]]);
      }
      if (panelProperties.every((name) => names.has(name))) panels++;
    }
    edge += count * EF;
  }
  return { closures, closureTotal: Object.values(closures).reduce((a, b) => a + b, 0), panels };
}

/** The inspector of the extension host: heap after GC, RSS, snapshots, the extension's timers. */
async function attachToExtensionHost(port, extensionPath) {
  const pid = await until(() => extensionHostPid(port), `an extension host started with --inspect=${port}`);
  const targets = await until(() => getJson(`http://127.0.0.1:${port}/json/list`).catch(() => undefined), `the inspector on port ${port}`);
  const session = await cdpSession(targets[0].webSocketDebuggerUrl);
  const evaluate = async (expression) => {
    const { result, exceptionDetails } = await session.send('Runtime.evaluate', { expression, returnByValue: true });
    if (exceptionDetails) throw new Error(`in the extension host: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.value;
  };
  return {
    pid,
    evaluate,
    async collectGarbage() {
      for (let i = 0; i < 3; i++) await session.send('HeapProfiler.collectGarbage');
    },
    /** JS heap in use after a full garbage collection (three: weak references let go in turns), and RSS. */
    async measure() {
      await evaluate('globalThis.__tslTimers?.prune()');
      await this.collectGarbage();
      const heap = await session.send('Runtime.getHeapUsage');
      return { heap: heap.usedSize, heapTotal: heap.totalSize, rss: rssOf(pid) };
    },
    async snapshot() {
      const scripts = new Map();
      const off = session.on('Debugger.scriptParsed', (script) => scripts.set(script.scriptId, script.url));
      await session.send('Debugger.enable');
      await session.send('Debugger.disable');
      off();
      const chunks = [];
      const stop = session.on('HeapProfiler.addHeapSnapshotChunk', ({ chunk }) => chunks.push(chunk));
      await session.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
      stop();
      return analyseSnapshot(chunks.join(''), scripts, extensionPath.slice(extensionPath.lastIndexOf('/') + 1));
    },
    liveTimers: () => evaluate('globalThis.__tslTimers.live()'),
    liveTimersByVsCode: () => evaluate('globalThis.__tslTimers.liveByVsCode()'),
    close: () => session.close(),
  };
}

// ---- the captures ----

/** `count` classic pcaps of the scenarios' exchanges, as the explorer exports them (core/explorer/export). */
async function writeCaptures(folder, count) {
  const built = await esbuild.build({
    stdin: { contents: "export { Explorer, exchangePcap, pinnedEvents, SCENARIOS } from './src/core';", resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    logLevel: 'silent',
  });
  const core = await import(`data:text/javascript;base64,${Buffer.from(built.outputFiles[0].text).toString('base64')}`);
  const names = [];
  for (let i = 0; i <= count; i++) {
    const scenario = core.SCENARIOS[i % core.SCENARIOS.length];
    const explorer = new core.Explorer({ iss: scenario.iss, profile: 'rfc9293', ...(scenario.synRetries !== undefined ? { synRetries: scenario.synRetries } : {}) }, core.pinnedEvents(scenario, 'rfc9293'));
    // The first is the warm-up's; the others are the 50 opened afterwards.
    const name = i === 0 ? `warm-up-${scenario.id}.pcap` : `capture-${String(i).padStart(2, '0')}-${scenario.id}.pcap`;
    writeFileSync(join(folder, name), core.exchangePcap(explorer.steps));
    names.push(name);
  }
  return { warmUp: names[0], captures: names.slice(1) };
}

// ---- driving the workbench ----

/** Closes every editor with the keyboard (Close All Editors) and waits until no tab is left. */
async function closeAll(page) {
  await page.keyboard.press('Escape');
  for (const key of CLOSE_ALL_KEYS) await page.keyboard.press(key);
  await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached' });
}

/** Milliseconds since `start` (performance.now()). */
const since = (start) => performance.now() - start;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** The medians of consecutive blocks of `size` values, as "330 341 … ms": how a time moves over a long run. */
function blockMedians(values, size) {
  const medians = [];
  for (let at = 0; at < values.length; at += size) medians.push(median(values.slice(at, at + size)).toFixed(0));
  return `${medians.join(' ')} ms`;
}

/** The walkthrough's entries in the status bar (its id, or its text "1: 3/15 · C … · S …"). */
function walkthroughStatusItems(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('.statusbar-item')]
      .filter((item) => /tcpStateLens\.walkthrough/.test(item.id) || /\d+: \d+\/\d+ · C \S+ · S \S+/.test(item.textContent ?? ''))
      .map((item) => `${item.id}: ${item.textContent}`),
  );
}

function walkthroughFrame(page) {
  return frameWith(page, 'body[data-scenario] #sequence svg', 'walkthrough webview');
}

/** The explorer's document, its step drawn. */
function explorerFrame(page, step) {
  return frameWith(page, `body[data-drawn="${step}"][data-step="${step}"] #sequence svg`, `explorer at step ${step}`);
}

/** What the explorer shows: its step, how many history nodes, choices, and branches (children beyond a node's first). */
function explorerState(frame) {
  return frame.locator('body').evaluate(() => ({
    step: Number(document.body.dataset.step),
    nodes: document.querySelectorAll('#history li[data-node]').length,
    choices: document.querySelectorAll('#choices button[data-choice]').length,
    branches: [...document.querySelectorAll('#history .branch-point')].reduce((sum, mark) => sum + Number(/(\d+)/.exec(mark.textContent ?? '')?.[1] ?? 1) - 1, 0),
  }));
}

describe('long use in a real VS Code: the extension host lets go of what it used', () => {
  const workspace = mkdtempSync(join(tmpdir(), 'tsl-long-use-'));
  const ctx = { server: undefined, browser: undefined, page: undefined, host: undefined, files: undefined };
  /** Each measurement, in order, for the report at the end. */
  const figures = [];
  const timings = {};
  let baseline;
  let baselineSnapshot;

  const record = async (label) => {
    const m = await ctx.host.measure();
    figures.push({ label, ...m });
    console.log(`[long-use] ${label.padEnd(34)} heap ${mb(m.heap)} (of ${mb(m.heapTotal)})  rss ${mb(m.rss)}${baseline ? `  heap vs baseline ${(((m.heap - baseline.heap) / baseline.heap) * 100).toFixed(1)} %` : ''}`);
    return m;
  };

  before(async () => {
    ctx.files = await writeCaptures(workspace, COUNTS.captures);
    // The smoke-test driver makes the built workbench honour a `payload` in its URL (inspect-extensions).
    ctx.server = await startCodeServer({ vsix: VSIX, workspace, testDriver: true });
    writeFileSync(join(ctx.server.userDataDir, 'User', 'keybindings.json'), JSON.stringify([{ key: SHOW_DIAGRAM_KEY, command: 'tcpStateLens.showDiagram' }]));
    const inspectPort = await freePort();
    ctx.browser = await launchBrowser();
    ctx.page = await ctx.browser.newPage({ viewport: { width: 1400, height: 900 } });
    ctx.page.setDefaultTimeout(UI_TIMEOUT);
    const payload = JSON.stringify([['inspect-extensions', String(inspectPort)]]);
    await ctx.page.goto(`${ctx.server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`);
    await ctx.page.locator('.monaco-workbench').waitFor();
    await ctx.page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor();
    await dismissNotifications(ctx.page);
    ctx.host = await attachToExtensionHost(inspectPort, ctx.server.extensionPath);
    assert.equal(await ctx.host.evaluate(instrumentTimers(ctx.server.extensionPath)), 'wrapped');
    console.log(`[long-use] extension host pid ${ctx.host.pid}, inspector on 127.0.0.1:${inspectPort}; counts ${JSON.stringify(COUNTS)}`);
  });
  after(async () => {
    ctx.host?.close();
    await ctx.browser?.close();
    await ctx.server?.stop();
    rmSync(workspace, { recursive: true, force: true });
  });

  const guarded = (name, body) =>
    test(name, async () => {
      try {
        await body();
      } catch (error) {
        await saveFailure(ctx.page, ctx.server, name);
        throw error;
      }
    });

  // ---- one round of each activity: what it loads is loaded before the baseline ----

  /** Opens the diagram (palette or key), waits for its SVG, closes it; returns the open's milliseconds. */
  async function diagramRound(viaPalette) {
    const started = performance.now();
    if (viaPalette) await runCommand(ctx.page, 'TCP: Show State Diagram');
    else await ctx.page.keyboard.press('Control+Alt+D');
    await frameWith(ctx.page, '#diagram svg g.node[data-state]', 'diagram webview with its SVG');
    const opened = since(started);
    await closeAll(ctx.page);
    return opened;
  }

  /** Opens the walkthrough and focuses it; returns its frame at step 0. */
  async function openWalkthrough() {
    await runCommand(ctx.page, 'TCP: Start Walkthrough');
    const frame = await walkthroughFrame(ctx.page);
    await frame.locator('#sequence[data-step="0"]').waitFor({ state: 'attached' });
    await frame.locator('#narration').click();
    return frame;
  }

  /** `count` steps: ArrowRight to the last step, Home back to 0, again; each waits for its step shown. Returns each step's time. */
  async function walkSteps(frame, count) {
    const last = Number(/\/\s*(\d+)/.exec(await frame.locator('#position').innerText())?.[1]);
    assert.ok(last > 10, `the scenario has its steps (${last})`);
    let step = Number(await frame.locator('#sequence').getAttribute('data-step'));
    const times = [];
    for (let i = 0; i < count; i++) {
      const started = performance.now();
      if (step >= last) {
        await ctx.page.keyboard.press('Home');
        step = 0;
      } else {
        await ctx.page.keyboard.press('ArrowRight');
        step++;
      }
      await frame.locator(`#sequence[data-step="${step}"]`).waitFor({ state: 'attached' });
      times.push(since(started));
    }
    return times;
  }

  /** Opens the explorer on scenario 1 (key S, the quick pick); returns its frame at the scenario's end. */
  async function openExplorer() {
    await runCommand(ctx.page, 'TCP: Open Explorer: Drive the Network');
    let frame = await explorerFrame(ctx.page, 0);
    await frame.locator('#narration').click();
    await ctx.page.keyboard.press('s');
    await ctx.page.locator('.quick-input-list .monaco-list-row', { hasText: '1. Three-way handshake' }).first().waitFor();
    await pickInQuickInput(ctx.page, 'Three-way', '1. Three-way handshake');
    frame = await explorerFrame(ctx.page, 15);
    await frame.locator('#narration').click();
    return frame;
  }

  async function explorerKey(frame, key, step) {
    await ctx.page.keyboard.press(key);
    await frame.locator(`body[data-drawn="${step}"][data-step="${step}"]`).waitFor({ state: 'attached' });
  }

  /**
   * Makes `target` branches: back along the scenario's path from its end, at each step every
   * choice (digit 1–9) is taken and, under it, every choice again (depth 2), going back with
   * ArrowLeft after each; a choice taken at a step that already has a next one is a branch.
   * Returns the page's own count of branches and the time of each key.
   */
  async function makeBranches(frame, target) {
    const times = [];
    const key = async (k, step) => {
      const started = performance.now();
      await explorerKey(frame, k, step);
      times.push(since(started));
    };
    let state = await explorerState(frame);
    const explore = async (depth) => {
      const here = await explorerState(frame);
      for (let choice = 1; choice <= Math.min(here.choices, 9); choice++) {
        await key(String(choice), here.step + 1);
        state = await explorerState(frame);
        if (state.branches >= target) return true;
        if (depth > 1 && (await explore(depth - 1))) return true;
        await key('ArrowLeft', here.step);
      }
      return false;
    };
    for (let step = state.step - 1; step >= 0 && state.branches < target; step--) {
      await key('ArrowLeft', step);
      if (await explore(2)) break;
      state = await explorerState(frame);
    }
    return { ...(await explorerState(frame)), times };
  }

  /** Opens a capture with Quick Open, waits for its connection list, picks the first connection and waits for its diagram, closes it. */
  async function captureRound(name, phases) {
    const started = performance.now();
    let at = started;
    const phase = (what) => {
      if (phases) phases[what] = (phases[what] ?? 0) + since(at);
      at = performance.now();
    };
    await ctx.page.keyboard.press('Control+P');
    await ctx.page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
    await pickInQuickInput(ctx.page, name, name);
    await ctx.page.locator(`.tab.active[aria-label*="${name}"]`).first().waitFor();
    phase('quickOpen');
    const frame = await frameWith(ctx.page, 'body[data-loaded="true"] #rows .row[data-id="0"]', `timeline of ${name}`);
    phase('list');
    await frame.locator('#rows .row[data-id="0"]').click();
    await frame.locator('#sequence[data-id="0"] svg').waitFor();
    phase('sequence');
    const opened = since(started);
    await closeAll(ctx.page);
    phase('close');
    return opened;
  }

  guarded('warm-up: one round of each activity, then the baseline', async () => {
    // The extension is active once its command runs; before it, a capture would open as a binary file.
    await showInPalette(ctx.page, 'TCP: Show State Diagram');
    await ctx.page.keyboard.press('Escape');
    await diagramRound(true);
    await diagramRound(false);

    let frame = await openWalkthrough();
    assert.equal((await walkthroughStatusItems(ctx.page)).length, 1, 'the walkthrough shows its status bar entry while open');
    await walkSteps(frame, 20);
    // The snapshot finds a panel object while one is open (else its count of none afterwards would say nothing).
    assert.equal((await ctx.host.snapshot()).panels, 1, 'the open walkthrough is seen as one panel object');
    await closeAll(ctx.page);

    frame = await openExplorer();
    await makeBranches(frame, 2);
    await closeAll(ctx.page);

    await captureRound(ctx.files.warmUp);
    // The snapshot first: taking one leaves the process's RSS higher for good (native memory), so the baseline's RSS includes that too.
    baselineSnapshot = await ctx.host.snapshot();
    baseline = await record('baseline (after the warm-up)');
    console.log(`[long-use] baseline snapshot: ${baselineSnapshot.panels} panel objects; the extension's closures ${JSON.stringify(baselineSnapshot.closures)}`);
    assert.equal(baselineSnapshot.panels, 0, 'no panel object alive once every editor is closed');
    assert.ok(baselineSnapshot.closureTotal > 0, "the snapshot finds the extension's closures (else the count below says nothing)");
    assert.deepEqual(await ctx.host.liveTimers(), []);
  });

  guarded(`the diagram panel opened and closed ${COUNTS.diagramOpens} times`, async () => {
    const started = performance.now();
    const opens = [];
    for (let i = 0; i < COUNTS.diagramOpens; i++) opens.push(await diagramRound(false));
    timings.diagram = { total: since(started), per: since(started) / COUNTS.diagramOpens };
    // Single opens vary on a shared machine: the medians of five opens around the 10th and the last five.
    const early = median(opens.slice(7, 12));
    const late = median(opens.slice(-5));
    console.log(`[long-use] diagram: ${COUNTS.diagramOpens} opens in ${(timings.diagram.total / 1000).toFixed(1)} s; open (command to SVG) around the 10th ${early.toFixed(0)} ms, the last ${late.toFixed(0)} ms`);
    console.log(`[long-use] diagram: open, medians of each 20: ${blockMedians(opens, 20)}`);
    await record(`after ${COUNTS.diagramOpens} diagram opens`);
    assert.ok(late <= 2 * early, `the last opens (${late.toFixed(0)} ms) within twice the 10th (${early.toFixed(0)} ms)`);
  });

  guarded(`the walkthrough stepped ${COUNTS.walkthroughSteps} times; closed while playing, its timer and status bar entry go`, async () => {
    const started = performance.now();
    const frame = await openWalkthrough();
    const steps = await walkSteps(frame, COUNTS.walkthroughSteps);
    timings.walkthrough = { total: since(started), per: since(started) / COUNTS.walkthroughSteps };
    console.log(`[long-use] walkthrough: ${COUNTS.walkthroughSteps} steps in ${(timings.walkthrough.total / 1000).toFixed(1)} s; a step, the first 50 ${median(steps.slice(0, 50)).toFixed(0)} ms, the last 50 ${median(steps.slice(-50)).toFixed(0)} ms (medians)`);
    assert.ok(median(steps.slice(-50)) <= 2 * median(steps.slice(0, 50)) + 20, 'stepping does not slow down');

    // Playing (its interval runs in the extension host), then closed: the interval goes with the panel.
    await ctx.page.keyboard.press('Home');
    await frame.locator('#sequence[data-step="0"]').waitFor({ state: 'attached' });
    await frame.locator('#speed').selectOption('0.5');
    await frame.locator('#narration').click();
    await ctx.page.keyboard.press('Space');
    await frame.locator('#play.playing').waitFor();
    const playing = await ctx.host.liveTimers();
    assert.equal(playing.filter((t) => t.startsWith('setInterval')).length, 1, `the play interval is seen running: ${JSON.stringify(playing)}`);
    await closeAll(ctx.page);
    const closed = performance.now();
    await until(async () => ((await ctx.host.liveTimers()).length === 0 ? true : undefined), 'the walkthrough timers to stop after it closed', 10_000);
    const stopped = since(closed);
    // The status bar is the workbench's: the item's disposal reaches it a moment after the panel closed.
    await until(async () => ((await walkthroughStatusItems(ctx.page)).length === 0 ? true : undefined), 'no walkthrough entry left in the status bar', 10_000).catch(() => {});
    assert.deepEqual(await walkthroughStatusItems(ctx.page), [], 'no walkthrough entry left in the status bar');
    console.log(`[long-use] walkthrough closed while playing: its timer stopped within ${stopped.toFixed(0)} ms, its status bar entry gone within ${since(closed).toFixed(0)} ms`);

    await record(`after ${COUNTS.walkthroughSteps} walkthrough steps`);
  });

  guarded(`the explorer made to branch ${COUNTS.explorerBranches} times`, async () => {
    const started = performance.now();
    const frame = await openExplorer();
    const { branches, nodes, times } = await makeBranches(frame, COUNTS.explorerBranches);
    timings.explorer = { total: since(started), per: since(started) / branches, keys: times.length };
    console.log(`[long-use] explorer: ${branches} branches (${nodes} history nodes, ${times.length} keys) in ${(timings.explorer.total / 1000).toFixed(1)} s; a key, the first 20 ${median(times.slice(0, 20)).toFixed(0)} ms, the last 20 ${median(times.slice(-20)).toFixed(0)} ms (medians)`);
    assert.ok(branches >= COUNTS.explorerBranches, `${branches} branches made`);
    await closeAll(ctx.page);
    await record(`after ${COUNTS.explorerBranches} explorer branches`);
  });

  guarded(`${COUNTS.captures} captures opened and closed`, async () => {
    const started = performance.now();
    const opens = [];
    const phases = [];
    for (const name of ctx.files.captures) {
      const these = {};
      opens.push(await captureRound(name, these));
      phases.push(these);
    }
    timings.captures = { total: since(started), per: since(started) / ctx.files.captures.length };
    console.log(`[long-use] captures: ${ctx.files.captures.length} opened and closed in ${(timings.captures.total / 1000).toFixed(1)} s; open to sequence diagram, first 5 ${median(opens.slice(0, 5)).toFixed(0)} ms, last 5 ${median(opens.slice(-5)).toFixed(0)} ms (medians)`);
    // Where the time goes, the first 10 against the last 10: the workbench's parts, and the extension's own
    // log: the host's read of the file, the webview's paint of the list and its draw of the sequence diagram.
    const logged = (pattern) =>
      ctx.files.captures.map((name) => {
        const line = extensionLogLines(ctx.server.userDataDir).find((l) => l.includes(`timeline of ${name}:`) && pattern.test(l));
        return Number(pattern.exec(line ?? '')?.[1] ?? NaN);
      });
    const parts = {
      ...Object.fromEntries(Object.keys(phases[0]).map((what) => [what, phases.map((p) => p[what])])),
      hostRead: logged(/TCP segments in (\d+) ms/),
      listPainted: logged(/painted (\d+) ms after the page started/),
      sequenceDrawn: logged(/arrows drawn in (\d+) ms/),
    };
    const tenth = Math.min(10, Math.floor(opens.length / 2));
    console.log(`[long-use] captures, first ${tenth} → last ${tenth} (medians, ms): ${Object.entries(parts).map(([what, times]) => `${what} ${median(times.slice(0, tenth)).toFixed(0)} → ${median(times.slice(-tenth)).toFixed(0)}`).join(', ')}`);
    // The captures are of the scenarios in turn: the first and the last capture of each scenario, compared.
    const byScenario = new Map();
    ctx.files.captures.forEach((name, i) => {
      const scenario = name.replace(/^capture-\d+-/, '');
      byScenario.set(scenario, [...(byScenario.get(scenario) ?? []), opens[i]]);
    });
    const repeated = [...byScenario.values()].filter((times) => times.length > 1);
    if (repeated.length) {
      const first = median(repeated.map((times) => times[0]));
      const lastOpen = median(repeated.map((times) => times.at(-1)));
      console.log(`[long-use] captures: the same scenario's capture, first opened ${first.toFixed(0)} ms, last ${lastOpen.toFixed(0)} ms (medians over ${repeated.length} scenarios); medians of each 10: ${blockMedians(opens, 10)}`);
      assert.ok(lastOpen <= 2 * first, `opening a capture does not slow down: ${lastOpen.toFixed(0)} ms, at first ${first.toFixed(0)} ms`);
    }
    await record(`after ${COUNTS.captures} captures`);
  });

  guarded('at the end: the heap within 10 % of the baseline, no panel, listener or timer of the extension left', async () => {
    assert.ok(baseline && baselineSnapshot, 'the warm-up took the baseline (it failed: see above)');
    const final = await record('final (everything closed)');
    const snapshot = await ctx.host.snapshot();
    console.log(`[long-use] final snapshot: ${snapshot.panels} panel objects; the extension's closures ${JSON.stringify(snapshot.closures)} (baseline ${baselineSnapshot.closureTotal}, now ${snapshot.closureTotal})`);
    console.log(`[long-use] timers the extension created: ${JSON.stringify(await ctx.host.evaluate('globalThis.__tslTimers.created'))}; running now: ${JSON.stringify(await ctx.host.liveTimers())}; VS Code's, started during a call of the extension's, running now: ${JSON.stringify(await ctx.host.liveTimersByVsCode())}`);
    console.log(`[long-use] time per action: ${Object.entries(timings).map(([what, t]) => `${what} ${t.per.toFixed(0)} ms`).join(', ')}`);
    const growth = (final.heap - baseline.heap) / baseline.heap;
    console.log(`[long-use] heap: baseline ${mb(baseline.heap)}, final ${mb(final.heap)} (${(growth * 100).toFixed(1)} %); RSS ${mb(baseline.rss)} → ${mb(final.rss)}`);
    assert.equal(snapshot.panels, 0, 'no panel object of the extension alive');
    assert.ok(snapshot.closureTotal <= baselineSnapshot.closureTotal, `the extension's live closures: ${snapshot.closureTotal}, at the baseline ${baselineSnapshot.closureTotal}`);
    assert.deepEqual(await ctx.host.liveTimers(), [], 'no timer of the extension running');
    assert.deepEqual(await walkthroughStatusItems(ctx.page), [], 'no walkthrough entry in the status bar');
    const logged = extensionHostLogs(ctx.server.userDataDir)
      .flatMap((path) => readFileSync(path, 'utf8').split('\n'))
      .filter((line) => /Webview is disposed|potential listener LEAK/i.test(line));
    assert.deepEqual(logged, [], 'nothing logged about a disposed webview or a listener leak');
    const errors = extensionLogLines(ctx.server.userDataDir).filter((line) => /\[error\]/.test(line));
    assert.deepEqual(errors, [], "the extension's log has no error");
    assert.ok(growth <= HEAP_TOLERANCE, `the heap after a GC is ${(growth * 100).toFixed(1)} % above the baseline (at most ${HEAP_TOLERANCE * 100} %)`);
  });
});
