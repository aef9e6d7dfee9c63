/// <reference types="mocha" />
// Extension-host suite (mocha, `suite`/`test`): drives the real VS Code API against the
// installed extension. Runs in code-server here and under @vscode/test-electron on a desktop.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'tcp-state-lens.tcp-state-lens';

async function hoverTexts(document: vscode.TextDocument, needle: string, nth = 0): Promise<string[]> {
  let offset = -1;
  for (let i = 0; i <= nth; i++) offset = document.getText().indexOf(needle, offset + 1);
  assert.ok(offset >= 0, `${needle} not in document`);
  const position = document.positionAt(offset + 1);
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)));
}

async function ours(document: vscode.TextDocument, needle: string): Promise<string | undefined> {
  return (await hoverTexts(document, needle)).find((t) => t.includes('RFC 9293'));
}

async function open(language: string, content: string): Promise<vscode.TextDocument> {
  return vscode.workspace.openTextDocument({ language, content });
}

async function setting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('tcpStateLens').update(key, value, vscode.ConfigurationTarget.Global);
}

const NETSTAT = [
  'Active Internet connections (servers and established)',
  'Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name',
  'tcp        0      0 0.0.0.0:22              0.0.0.0:*               LISTEN      812/sshd',
  'tcp        0      0 10.0.0.5:22             203.0.113.9:51234       SYN_RECV    -',
  'tcp        0      0 10.0.0.5:443            203.0.113.7:40112       TIME_WAIT   -',
].join('\n');

suite('TCP State Lens hover', () => {
  suiteSetup(async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed`);
    // Opening a log document is what wakes the extension (lazy activation).
    await open('log', NETSTAT);
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  teardown(async () => {
    for (const key of ['hover.enabled', 'hover.languages', 'explanationLanguage']) await setting(key, undefined);
  });

  test('explains a Linux netstat spelling in a log', async () => {
    const document = await open('log', NETSTAT);
    const text = await ours(document, 'SYN_RECV');
    assert.ok(text, 'no hover');
    assert.match(text, /`SYN_RECV` — Linux netstat spelling of RFC SYN-RECEIVED/);
    assert.match(text, /LISTEN → \*rcv SYN \/ snd SYN,ACK\*/);
    assert.match(text, /net\.ipv4\.tcp_synack_retries/);
  });

  const CODE: ReadonlyArray<readonly [string, string, string, RegExp]> = [
    ['c', 'if (sk->sk_state == TCP_FIN_WAIT2)\n\treturn;', 'TCP_FIN_WAIT2', /Linux kernel spelling of RFC FIN-WAIT-2/],
    ['cpp', 'switch (tp->t_state) { case TCPS_TIME_WAIT: break; }', 'TCPS_TIME_WAIT', /BSD\/macOS kernel spelling of RFC TIME-WAIT/],
    ['python', 'import psutil\nfor c in psutil.net_connections():\n    if c.status == psutil.CONN_CLOSE_WAIT: print(c)', 'CONN_CLOSE_WAIT', /psutil spelling of RFC CLOSE-WAIT/],
    ['go', 'if conn.Status == "TIME_WAIT" { tw++ }', 'TIME_WAIT', /TIME-WAIT/],
    ['rust', 'match socket.state() { State::SynSent => {}, _ => {} }', 'SynSent', /RFC SYN-SENT/],
    ['java', 'if (s == TcpState.ESTABLISHED) {}\n// InternetProtocolStats.TcpState: FIN_WAIT_1', 'FIN_WAIT_1', /RFC FIN-WAIT-1/],
    ['csharp', 'if (c.State == TcpState.LastAck) { n++; }', 'TcpState.LastAck', /\.NET TcpState spelling of RFC LAST-ACK/],
    ['javascript', "const waiting = conns.filter((c) => c.state === 'CLOSE_WAIT');", 'CLOSE_WAIT', /RFC CLOSE-WAIT/],
    ['typescript', "type S = 'SYN_SENT' | 'ESTABLISHED'; // socket states", 'SYN_SENT', /RFC SYN-SENT/],
    ['shellscript', 'ss -tan state time-wait | wc -l', 'time-wait', /ss state filter spelling of RFC TIME-WAIT/],
    ['powershell', 'Get-NetTCPConnection -State TimeWait', 'TimeWait', /PowerShell Get-NetTCPConnection spelling of RFC TIME-WAIT/],
    ['plaintext', '   1: 0100007F:0277 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 21840 1', '0A', /Linux \/proc\/net\/tcp spelling of RFC LISTEN/],
  ];
  for (const [language, content, needle, expected] of CODE) {
    test(`explains ${needle} in ${language}`, async () => {
      const text = await ours(await open(language, content), needle);
      assert.ok(text, `no hover on ${needle} in ${language}`);
      assert.match(text, expected);
    });
  }

  test('stays silent on prose', async () => {
    const document = await open('plaintext', 'We listen on port 80. The store is closed. An established practice. Closing remarks.');
    for (const word of ['listen', 'closed', 'established', 'Closing']) {
      assert.equal(await ours(document, word), undefined, word);
    }
  });

  test('can be switched off and on', async () => {
    const document = await open('log', NETSTAT);
    await setting('hover.enabled', false);
    assert.equal(await ours(document, 'TIME_WAIT'), undefined);
    await setting('hover.enabled', true);
    assert.ok(await ours(document, 'TIME_WAIT'));
  });

  test('follows the languages setting', async () => {
    const log = await open('log', NETSTAT);
    const markdown = await open('markdown', NETSTAT);
    assert.equal(await ours(markdown, 'TIME_WAIT'), undefined, 'markdown is not served by default');
    await setting('hover.languages', ['markdown']);
    assert.ok(await ours(markdown, 'TIME_WAIT'), 'markdown added');
    assert.equal(await ours(log, 'TIME_WAIT'), undefined, 'log removed');
  });

  test('explains in Chinese when asked', async () => {
    await setting('explanationLanguage', 'zh-cn');
    const text = await ours(await open('log', NETSTAT), 'TIME_WAIT');
    assert.ok(text);
    assert.match(text, /[\u4e00-\u9fff]/);
  });

  test('trusts only its own Markdown, and has no HTML', async () => {
    const document = await open('log', NETSTAT);
    const offset = document.getText().indexOf('TIME_WAIT') + 1;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, document.positionAt(offset));
    const markdown = hovers.flatMap((h) => h.contents).find((c): c is vscode.MarkdownString => typeof c !== 'string' && c.value.includes('RFC 9293'));
    assert.ok(markdown);
    assert.ok(!markdown.isTrusted || typeof markdown.isTrusted === 'object', 'isTrusted must never be true');
    assert.ok(!markdown.supportHtml);
  });

  test('works whatever the workspace trust is (Restricted Mode included)', async () => {
    const expected = process.env.TSL_EXPECT_TRUSTED;
    if (expected !== undefined) assert.equal(vscode.workspace.isTrusted, expected === '1');
    assert.ok(await ours(await open('log', NETSTAT), 'SYN_RECV'));
  });

  test('a one-megabyte line is answered and a binary-looking document does not break it', async () => {
    const huge = 'x'.repeat(500_000) + ' 10.0.0.1:80 CLOSE_WAIT ' + 'y'.repeat(500_000);
    const text = await ours(await open('log', huge), 'CLOSE_WAIT');
    assert.ok(text && /CLOSE-WAIT/.test(text));
    const binary = Array.from({ length: 20_000 }, (_, i) => String.fromCharCode(i % 32 === 0 ? 0 : (i * 31) % 256)).join('') + '\nTIME_WAIT';
    assert.ok(await ours(await open('log', binary), 'TIME_WAIT'));
  });

  test('a document is judged as the CLI judges it: by its first 64 K characters, not its first 2 000 lines', async () => {
    // 46 KB: 2 100 lines of prose, then two socket rows: a network document for the CLI, so a
    // bare LISTEN after them is a state; the hover used to sample 2 000 lines and stay silent.
    const prose = Array.from({ length: 2100 }, (_, i) => `note ${i}: nothing here`);
    const rows = ['tcp 0 0 10.0.0.5:22 203.0.113.9:51234 ESTABLISHED -', 'tcp 0 0 10.0.0.5:23 203.0.113.9:51235 ESTABLISHED -'];
    const document = await open('log', [...prose, ...rows, 'the listener is back in LISTEN now'].join('\n'));
    const text = await ours(document, 'LISTEN now');
    assert.ok(text && /LISTEN/.test(text));
  });

  test('on a long line the hover answers the same wherever the mouse is in the name', async () => {
    const line = `tcp 0.0.0.0:22 ${'k=v '.repeat(1500)}LISTEN ${'y'.repeat(3000)}`;
    const document = await open('log', `${'plain words '.repeat(3)}\n${line}`);
    const offset = document.getText().indexOf('LISTEN');
    for (let i = 0; i < 'LISTEN'.length; i++) {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, document.positionAt(offset + i));
      const texts = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)));
      assert.ok(texts.some((t) => t.includes('RFC 9293')), `no hover at character ${i} of LISTEN`);
    }
  });
});
