// The census of a dump (issue 13): counting, grouping, bounded structures, chunk independence,
// and every diagnosis firing on its own fixture and staying quiet on the healthy dumps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Census, CensusScanner, GROUP_CAPACITY, parseRow, splitAddress, TopKeys, TOP_GROUPS, type CensusResult } from '../../src/core/census';
import { diagnose, DIAGNOSIS_RULES, LOCAL_PORT_COUNT, CONNECTIONS_PER_SECOND_PER_DESTINATION } from '../../src/core/census';
import { LINUX } from '../../src/core/model/explanation-facts';
import { LOCALES } from '../../src/core/model/locales';
import fc from 'fast-check';
import { fastMention, NON_TCP_STARTS, type FastMention } from '../../src/core/census/fast-row';
import { rowOfTokens } from '../../src/core/census/socket-row';
import { PortRanking } from '../../src/core/census/port-ranking';
import { NOTED_WORDS, ROW_CHARS } from '../../src/core/census/census';
import { analyseDocument, isNonTcpRow, NO_CONTEXT } from '../../src/core/recognition/context';
import { LineScanner } from '../../src/core/recognition/line-scanner';
import { findInLine } from '../../src/core/recognition/recognizer';
import { SPELLINGS, type Spelling } from '../../src/core/recognition/spellings';

const DIR = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'census');
const read = (name: string): string => readFileSync(join(DIR, name), 'utf8');

function census(text: string, chunk = Infinity): CensusResult {
  const scanner = new CensusScanner();
  for (let at = 0; at < text.length; at += chunk) scanner.push(text.slice(at, at + chunk));
  return scanner.end();
}

test('addresses: IPv4, IPv6 forms, macOS dots, wildcards', () => {
  assert.deepEqual(splitAddress('10.0.2.15:22'), { host: '10.0.2.15', port: '22' });
  assert.deepEqual(splitAddress('[::1]:22'), { host: '::1', port: '22' });
  assert.deepEqual(splitAddress(':::22'), { host: '::', port: '22' });
  assert.deepEqual(splitAddress('2001:db8::5:443'), { host: '2001:db8::5', port: '443' });
  assert.deepEqual(splitAddress('127.0.0.53%lo:53'), { host: '127.0.0.53%lo', port: '53' });
  assert.deepEqual(splitAddress('0.0.0.0:*'), { host: '0.0.0.0', port: '*' });
  assert.deepEqual(splitAddress('127.0.0.1.8080'), { host: '127.0.0.1', port: '8080' });
  assert.deepEqual(splitAddress('2001:db8:a::10.52350'), { host: '2001:db8:a::10', port: '52350' });
  assert.deepEqual(splitAddress('*.*'), { host: '*', port: '*' });
  assert.equal(splitAddress('10.0.2.15'), undefined);
  assert.equal(splitAddress('ESTABLISHED'), undefined);
});

test('rows: ss, Linux netstat, Windows netstat -ano, macOS netstat', () => {
  const ssLine = 'ESTAB      0      36             10.0.2.15:22        203.0.113.45:51544 users:(("sshd",pid=24117,fd=4))';
  assert.deepEqual(parseRow(ssLine, 0), { localPort: '22', peer: '203.0.113.45', process: 'sshd', recvQ: 0, sendQ: 36 });
  const nt = 'tcp        0      0 10.0.2.15:22            203.0.113.45:51544      ESTABLISHED 24117/sshd: ops [pr';
  assert.deepEqual(parseRow(nt, nt.indexOf('ESTABLISHED')), { localPort: '22', peer: '203.0.113.45', process: 'sshd', recvQ: 0, sendQ: 0 });
  const windows = '  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       1234';
  assert.deepEqual(parseRow(windows, windows.indexOf('LISTENING')), { localPort: '135', peer: '0.0.0.0', process: 'pid 1234', recvQ: undefined, sendQ: undefined });
  const macos = 'tcp4       0      0  127.0.0.1.8080         127.0.0.1.52288        LAST_ACK';
  assert.deepEqual(parseRow(macos, macos.indexOf('LAST_ACK')), { localPort: '8080', peer: '127.0.0.1', process: undefined, recvQ: 0, sendQ: 0 });
  assert.equal(parseRow('the socket stays in TIME_WAIT for 60 s', 20), undefined);
});

test('ss -tanp: counts per state and groups by port, peer and process', () => {
  const r = census(read('ss-tanp-close-wait.txt'));
  assert.equal(r.counts['CLOSE-WAIT'], 40);
  assert.equal(r.counts.ESTABLISHED, 30);
  assert.equal(r.counts.LISTEN, 5);
  const cw = r.states['CLOSE-WAIT']!;
  assert.equal(cw.rows, 40);
  assert.deepEqual(cw.localPorts[0], { key: '8080', count: 36, error: 0 });
  assert.deepEqual(cw.processes.map((e) => [e.key, e.count]), [['java', 36], ['node', 4]]);
  assert.equal(cw.peers.length, 4);
  assert.equal(cw.sampleLines.length, 20);
  assert.equal(cw.sampleLines[0], 38);
  assert.equal(r.states.ESTABLISHED!.processes[0]!.key, 'nginx');
});

test('Linux netstat -antp: IPv6 rows, PID/Program, TIME_WAIT without a process', () => {
  const r = census(read('netstat-antp-time-wait.txt'));
  assert.equal(r.counts['TIME-WAIT'], 300);
  const tw = r.states['TIME-WAIT']!;
  assert.deepEqual(tw.peers.map((e) => [e.key, e.count]), [['192.0.2.50', 280], ['192.0.2.51', 20]]);
  assert.deepEqual(tw.processes, []);
  assert.deepEqual(r.states.LISTEN!.localPorts.map((e) => [e.key, e.count]), [['22', 2], ['53', 1]]);
  assert.equal(r.states.ESTABLISHED!.processes[0]!.key, 'php-fpm');
  const last = census(read('netstat-antp-last-ack.txt')).states['LAST-ACK']!;
  assert.deepEqual(last.localPorts[0], { key: '443', count: 25, error: 0 });
  assert.equal(last.peers[0]!.key.startsWith('2001:db8:9::'), true);
});

test('Windows netstat -ano: PID only', () => {
  const r = census(read('windows-netstat-ano-syn-sent.txt'));
  assert.equal(r.counts['SYN-SENT'], 40);
  assert.deepEqual(r.states['SYN-SENT']!.processes[0], { key: 'pid 3920', count: 40, error: 0 });
  assert.deepEqual(r.states['SYN-SENT']!.peers[0], { key: '192.0.2.200', count: 40, error: 0 });
  assert.deepEqual(r.states.LISTEN!.localPorts.map((e) => [e.key, e.count]), [['135', 2], ['445', 1]]);
});

test('macOS netstat: host.port addresses', () => {
  const r = census(read('macos-netstat-fin-wait-2.txt'));
  assert.equal(r.counts['FIN-WAIT-2'], 60);
  assert.deepEqual(r.states['FIN-WAIT-2']!.localPorts[0], { key: '8080', count: 60, error: 0 });
  assert.equal(r.states.ESTABLISHED!.peers[0]!.key, '203.0.113.5');
});

test('LISTEN rows with a waiting accept queue are kept with their backlog', () => {
  const r = census(read('ss-tanp-syn-recv.txt'));
  assert.equal(r.counts['SYN-RECEIVED'], 120);
  assert.deepEqual(r.listenQueues[0], { localPort: '443', recvQ: 129, sendQ: 128, line: 3 });
});

const RULE_FIXTURES: Record<string, string> = {
  'many-close-wait': 'ss-tanp-close-wait.txt',
  'many-time-wait': 'netstat-antp-time-wait.txt',
  'many-syn-recv': 'ss-tanp-syn-recv.txt',
  'many-syn-sent': 'windows-netstat-ano-syn-sent.txt',
  'many-fin-wait-2': 'macos-netstat-fin-wait-2.txt',
  'many-last-ack': 'netstat-antp-last-ack.txt',
  'old-advice-tcp-tw-recycle': 'notes-tw-recycle.txt',
};

test('every rule has a fixture, a threshold, a source and text in every language', () => {
  assert.deepEqual(DIAGNOSIS_RULES.map((r) => r.id).sort(), Object.keys(RULE_FIXTURES).sort());
  for (const rule of DIAGNOSIS_RULES) {
    for (const locale of LOCALES) assert.ok(rule.sources[locale].length > 0, `${rule.id} ${locale}`);
    assert.ok(rule.threshold.minCount >= 1, rule.id);
    for (const locale of LOCALES) assert.ok(rule.title[locale] && rule.advice[locale], `${rule.id} ${locale}`);
  }
});

for (const [id, fixture] of Object.entries(RULE_FIXTURES)) {
  test(`rule ${id} fires alone on ${fixture}, with its numbers`, () => {
    const fired = diagnose(census(read(fixture)));
    assert.deepEqual(fired.map((d) => d.id), [id]);
    const d = fired[0]!;
    assert.ok(d.numbers.count >= d.threshold.minCount);
    for (const locale of LOCALES) assert.ok(d.because[locale].includes(String(d.numbers.count)), `${locale}: ${d.because[locale]}`);
  });
}

test('the numbers name what holds the pile', () => {
  const cw = diagnose(census(read('ss-tanp-close-wait.txt')))[0]!;
  assert.deepEqual([cw.numbers.topLocalPort?.key, cw.numbers.topProcess?.key], ['8080', 'java']);
  assert.match(cw.because.en, /local port 8080 \(36\), process java \(36\)/);
  const tw = diagnose(census(read('netstat-antp-time-wait.txt')))[0]!;
  assert.equal(tw.numbers.extra['localPortCount'], 28232);
  assert.equal(tw.numbers.extra['connectionsPerSecondPerDestination'], 470);
  assert.equal(tw.numbers.topPeer?.key, '192.0.2.50');
  const syn = diagnose(census(read('ss-tanp-syn-recv.txt')))[0]!;
  assert.equal(syn.numbers.extra['largestRecvQ'], 129);
  const recycle = diagnose(census(read('notes-tw-recycle.txt')))[0]!;
  assert.equal(recycle.numbers.extra['firstLine'], 2);
  assert.match(recycle.advice.en, new RegExp(LINUX.twRecycleRemovedIn));
});

test('the ephemeral-port arithmetic: 28232 ports / 60 s ≈ 470 per second', () => {
  assert.equal(LOCAL_PORT_COUNT, 28232);
  assert.equal(CONNECTIONS_PER_SECOND_PER_DESTINATION, 470);
});

for (const name of readdirSync(DIR).filter((n) => n.startsWith('healthy-'))) {
  test(`no rule fires on ${name}`, () => {
    const r = census(read(name));
    assert.ok(r.rows > 30, `only ${r.rows} rows`);
    assert.deepEqual(diagnose(r), []);
  });
}

test('the result does not depend on how the text is chunked', () => {
  for (const name of readdirSync(DIR)) {
    const text = read(name);
    const whole = census(text);
    for (const chunk of [1, 7, 64, 4093]) assert.deepEqual(census(text, chunk), whole, `${name} in chunks of ${chunk}`);
    const crlf = text.replace(/\n/g, '\r\n');
    assert.deepEqual(census(crlf, 5), census(crlf), `${name} with CRLF`);
  }
});

test('a dump past the document sample (128 KiB) is released line by line, same as whole', () => {
  const text = read('ss-tanp-close-wait.txt').repeat(60);
  assert.ok(text.length > 2 * 64 * 1024);
  const whole = census(text);
  assert.equal(whole.counts['CLOSE-WAIT'], 40 * 60);
  assert.deepEqual(census(text, 10_000), whole);
  assert.deepEqual(census(text, 333), whole);
});

test('bounded: distinct peers beyond the capacity do not grow the result', () => {
  const keys = new TopKeys(GROUP_CAPACITY);
  for (let i = 0; i < 20_000; i++) keys.add(i % 10 === 0 ? 'heavy' : `peer-${i}`);
  assert.equal(keys.size, GROUP_CAPACITY);
  assert.equal(keys.top(1)[0]!.key, 'heavy');
  assert.ok(keys.top(1)[0]!.count >= 2000);

  const c = new Census();
  for (let i = 0; i < 5000; i++) {
    const line = `ESTAB 0 0 10.0.2.15:${1024 + i} 198.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}:443 users:(("p${i}",pid=${i},fd=3))`;
    c.addLine(i + 1, line, [{ offset: 0, state: 'ESTABLISHED' }]);
  }
  const r = c.result();
  const est = r.states.ESTABLISHED!;
  assert.equal(est.count, 5000);
  assert.equal(est.peers.length, TOP_GROUPS);
  assert.equal(est.localPorts.length, TOP_GROUPS);
  assert.equal(est.processes.length, TOP_GROUPS);
  assert.equal(est.sampleLines.length, 20);
});

// The fast path (fast-row.ts), the slot table of TopKeys and the row parser without expressions
// must give what the full recogniser, a plain Space-Saving and the former expressions give.

/** The former splitAddress, with its expressions: the reference the character-code version must equal. */
function splitAddressReference(token: string): { host: string; port: string } | undefined {
  const PORT = /^(?:\d{1,5}|\*)$/;
  const HOST = /^(?:\*|[0-9A-Fa-f:.]+(?:%[\w.-]+)?)$/;
  if (token.startsWith('[')) {
    const close = token.indexOf(']');
    if (close < 0 || token[close + 1] !== ':') return undefined;
    const host = token.slice(1, close);
    const port = token.slice(close + 2);
    return HOST.test(host) && PORT.test(port) ? { host, port } : undefined;
  }
  for (const separator of [':', '.']) {
    const at = token.lastIndexOf(separator);
    if (at <= 0) continue;
    const host = token.slice(0, at);
    const port = token.slice(at + 1);
    if (PORT.test(port) && HOST.test(host)) {
      if (separator === '.' && !host.includes(':') && host !== '*' && host.split('.').length !== 4) continue;
      return { host, port };
    }
  }
  return undefined;
}

/** Space-Saving done the plain way (a scan for the smallest count, earliest taken in first). */
class TopKeysReference {
  private readonly slots = new Map<string, { count: number; error: number; order: number }>();
  private taken = 0;
  constructor(private readonly capacity: number) {}
  add(key: string): void {
    const slot = this.slots.get(key);
    if (slot) {
      slot.count++;
      return;
    }
    if (this.slots.size < this.capacity) {
      this.slots.set(key, { count: 1, error: 0, order: this.taken++ });
      return;
    }
    let victim = '';
    let best: { count: number; order: number } | undefined;
    for (const [k, v] of this.slots) {
      if (!best || v.count < best.count || (v.count === best.count && v.order < best.order)) {
        best = v;
        victim = k;
      }
    }
    this.slots.delete(victim);
    this.slots.set(key, { count: best!.count + 1, error: best!.count, order: this.taken++ });
  }
  top(n: number): { key: string; count: number; error: number }[] {
    return [...this.slots]
      .map(([key, v]) => ({ key, count: v.count, error: v.error }))
      .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .slice(0, n);
  }
}

test('TopKeys equals a plain Space-Saving, ties and errors included', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 12 }), fc.array(fc.oneof(fc.integer({ min: 0, max: 40 }), fc.constantFrom(0, 1, 2)), { maxLength: 600 }), (capacity, stream) => {
      const fast = new TopKeys(capacity);
      const reference = new TopKeysReference(capacity);
      for (const k of stream) {
        fast.add(`k${k}`);
        reference.add(`k${k}`);
      }
      assert.deepEqual(fast.top(capacity), reference.top(capacity));
    }),
    { numRuns: 300 },
  );
});

// TopKeys keeps a port, a PID or an IPv4 address as a number when its text is the number's only
// spelling: keys that look alike but are spelled otherwise ('0443', 'pid 007', '01.2.3.4',
// '256.0.0.1', '1.2.3') must stay other keys, and the texts reported must be the keys given.
test('TopKeys: number-like keys (ports, PIDs, IPv4, their non-canonical spellings) as a plain Space-Saving has them', () => {
  const part = fc.oneof(fc.constantFrom('0', '00', '1', '01', '9', '10', '99', '255', '256', '999', '4294967295', '65535', '65536', '123456789', '1234567890'), fc.nat({ max: 300 }).map(String));
  const key = fc.oneof(
    part,
    part.map((p) => `pid ${p}`),
    fc.constantFrom('pid ', 'pid', 'pid  1', 'Pid 1', '*', '', ' 1', '1 ', '+1', '-1', '1e3', '0x1'),
    fc.tuple(part, part, part, part).map((parts) => parts.join('.')),
    fc.tuple(part, part, part).map((parts) => parts.join('.')),
    fc.tuple(part, part, part, part, part).map((parts) => parts.join('.')),
    fc.constantFrom('1..2.3', '.1.2.3', '1.2.3.', '1.2.3.4%lo', '::1', '255.255.255.255', '0.0.0.0'),
  );
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 12 }), fc.array(key, { maxLength: 400 }), (capacity, stream) => {
      const fast = new TopKeys(capacity);
      const reference = new TopKeysReference(capacity);
      for (const k of stream) {
        fast.add(k);
        reference.add(k);
      }
      assert.deepEqual(fast.top(capacity), reference.top(capacity));
    }),
    { numRuns: 400 },
  );
});

test('splitAddress equals the former expressions on address-like tokens', () => {
  const token = fc.string({ unit: fc.constantFrom('1', '0', '2', '5', '9', 'a', 'F', 'g', ':', '.', '*', '%', '[', ']', '_', '-', 'l', 'o'), maxLength: 24 });
  fc.assert(
    fc.property(token, (t) => assert.deepEqual(splitAddress(t), splitAddressReference(t))),
    { numRuns: 3000 },
  );
  for (const t of ['10.0.2.15:22', '[::1]:22', ':::22', '2001:db8::5:443', '127.0.0.53%lo:53', '*:*', '*.*', '10.0.2.15', '[::1]', '[::1]x', '1.2.3.4.123456', '0.0.0.0:*', 'a.b.c.d.1', '::.5']) {
    assert.deepEqual(splitAddress(t), splitAddressReference(t), t);
  }
});

/** Socket-table rows with random extra tokens around and inside them, some of them spellings. */
const EXTRAS = ['TIME_WAIT', 'LISTEN', 'listen(2)', '"0A"', "'01'", 'TcpState.Listen', 'state=', 'TcpState_Listen', 'tcp_tw_recycle', 'udp', 'nginx', 'users:(("a b",pid=1,fd=2))', '1TIME_WAIT', 'ESTAB-x', 'x-ESTAB', 'ABHÖREN', 'é', 'Closed', 'NONE', '(', 'a(1)', '12:', '0A', 'SYN_RECV', 'FIN-WAIT-1', '_', '-', 'INTEGER:', 'LISTEN_', 'S'];
const STATES = ['ESTAB', 'ESTABLISHED', 'TIME_WAIT', 'TIME-WAIT', 'LISTEN', 'LISTENING', 'SYN_RECV', 'SYN-SENT', 'FIN_WAIT2', 'CLOSE_WAIT', 'LAST-ACK', 'CLOSING', 'CLOSED', 'NONE', 'Listen', 'UNKNOWN', 'TCP_LISTEN'];
const ROW = fc
  .tuple(
    fc.constantFrom(0, 1, 2, 3),
    fc.constantFrom(...STATES),
    fc.array(fc.constantFrom(...EXTRAS), { maxLength: 3 }),
    fc.constantFrom('', ' ', '  ', '\t'),
    fc.integer({ min: 0, max: 65535 }),
  )
  .map(([kind, state, extra, pad, port]) => {
    const tail = extra.join(' ');
    if (kind === 0) return `${state} 0      128    10.2.15.250:${port}      203.0.113.133:26576    users:(("java",pid=22133,fd=656)) ${tail}`;
    if (kind === 1) return `tcp        0      0 10.66.39.195:${port}      203.0.113.50:24114      ${state}    11853/nginx ${tail}`;
    if (kind === 2) return `${pad}TCP    10.1.2.3:${port}       203.0.113.9:443        ${state}       4242${pad}${tail}`;
    return `${tail} ${state} ${pad}${tail}`;
  });

test('fast path: wherever it answers, the full recogniser finds exactly that one mention, and the row reads the same', () => {
  for (const doc of [analyseDocument('Proto Recv-Q Send-Q Local Address Foreign Address State\n'), NO_CONTEXT, analyseDocument('LocalAddress LocalPort RemoteAddress RemotePort State\n')]) {
    let answered = 0;
    fc.assert(
      fc.property(ROW, (line) => {
        const out: FastMention = { offset: 0, spelling: undefined as unknown as Spelling, tokens: 0 };
        if (!fastMention(line, doc, out)) return;
        answered++;
        const full = findInLine(line, doc);
        assert.deepEqual(full.map((m) => [m.offset, m.state]), [[out.offset, out.spelling.state]], line);
        assert.deepEqual(rowOfTokens(line, out.offset, out.tokens), parseRow(line, out.offset), line);
        for (const word of NOTED_WORDS) assert.ok(!line.includes(word), line);
      }),
      { numRuns: 3000 },
    );
    assert.ok(answered > 100, `the fast path answered ${answered} times`);
  }
  // The lines it must leave to the recogniser.
  const doc = analyseDocument('Proto Recv-Q Send-Q Local Address Foreign Address State\n');
  const out: FastMention = { offset: 0, spelling: undefined as unknown as Spelling, tokens: 0 };
  for (const line of [
    'tcp 0 0 1.2.3.4:5 6.7.8.9:10 ESTABLISHED TIME_WAIT',
    'udp 0 0 1.2.3.4:5 6.7.8.9:10 ESTABLISHED',
    '  0: 0100007F:0277 00000000:0000 0A 00000000:00000000',
    'tcp 0 0 1.2.3.4:5 6.7.8.9:10 ESTABLISHED tcp_tw_recycle',
    'tcp 0 0 1.2.3.4:5 6.7.8.9:10 ESTABLISHED "0A"',
    'tcpConnState.1 = INTEGER: listen(2) ESTABLISHED',
    'TcpState.Listen',
    'tcp 0 0 1.2.3.4:5 6.7.8.9:10 ÉTABLIE ESTABLISHED',
  ]) {
    assert.equal(fastMention(line, doc, out), false, line);
  }
});

test('fast path: a noted word always holds `_`, no spelling holds one, and NON_TCP_STARTS covers every non-TCP protocol', () => {
  for (const word of NOTED_WORDS) {
    assert.ok(word.includes('_'), word);
    for (const spelling of SPELLINGS.keys()) assert.ok(!spelling.includes(word), spelling);
  }
  const letters = fc.string({ unit: fc.constantFrom('u', 'U', 'd', 'D', 'p', 'P', 'r', 'R', 'a', 'A', 'w', 'i', 'c', 'm', 'n', 'x', 'l', 's', 't', '_', '4', '6', 'e', 'q', 'g', 'v', 'o'), minLength: 1, maxLength: 8 });
  fc.assert(
    fc.property(letters, (word) => {
      if (isNonTcpRow(`${word} 0 0 1.2.3.4:5`)) assert.ok(NON_TCP_STARTS.includes(word.slice(0, 2)), word);
    }),
    { numRuns: 5000 },
  );
  for (const word of ['udp', 'udp6', 'UDP', 'udplite', 'raw', 'RAW', 'icmp6', 'unix', 'u_str', 'u_dgr', 'u_seq', 'nl', 'p_raw', 'p_dgr', 'v_str', 'v_dgr', 'v_seq', 'sctp', 'xdp', 'mptcp', 'tipc']) {
    assert.ok(isNonTcpRow(`${word} x`), word);
    assert.ok(NON_TCP_STARTS.includes(word.slice(0, 2)), word);
  }
});

test('fast path: the census of generated dumps equals the census fed by the full recogniser, however chunked', () => {
  const reference = (text: string): CensusResult => {
    const c = new Census();
    const scanner = new LineScanner(() => {}, undefined, { startChars: ROW_CHARS, onLine: (line, start, mentions) => c.addLine(line, start, mentions) });
    scanner.push(text);
    scanner.end();
    return c.result();
  };
  fc.assert(
    fc.property(fc.array(ROW, { minLength: 1, maxLength: 80 }), fc.constantFrom('\n', '\r\n'), fc.integer({ min: 1, max: 500 }), (rows, eol, chunk) => {
      const text = `Proto Recv-Q Send-Q Local Address Foreign Address State${eol}${rows.join(eol)}${eol}`;
      const expected = reference(text);
      assert.deepEqual(census(text), expected);
      assert.deepEqual(census(text, chunk), expected);
    }),
    { numRuns: 200 },
  );
});

test("ss's process column read by hand equals the expression on the joined tokens", () => {
  const SS_USERS = /users:\(\("((?:[^"\\]|\\.)*)",pid=(\d+)/;
  const part = fc.constantFrom('users:(("', '",pid=', 'users:((', '"', '\\', '\\"', ',', 'fd=', '1', '23', 'nginx', ' ', '  ', 'a', ')', '(', 'é', '=');
  fc.assert(
    fc.property(fc.array(part, { maxLength: 12 }), (parts) => {
      const tail = parts.join('');
      const line = `ESTAB 0 0 10.0.2.15:22 203.0.113.45:51544 ${tail}`;
      const joined = tail.trim().split(/\s+/).join(' ');
      const user = joined ? SS_USERS.exec(joined) : null;
      assert.equal(parseRow(line, 0)?.process, user ? user[1] || `pid ${user[2]}` : undefined, line);
    }),
    { numRuns: 5000 },
  );
});

// Local ports are counted exactly (port-ranking.ts): whatever the number of distinct ports, its
// top is an exact tally's, most first, ties by text ('10' before '9'); odd spellings ('0443',
// '*', a service name, a number past 65535) stay keys of their own, ranked beside the numbers.
test('PortRanking: an exact tally of any number of ports, ties by text, odd spellings as keys of their own', () => {
  const key = fc.oneof(
    { weight: 6, arbitrary: fc.nat({ max: 65535 }).map(String) },
    { weight: 3, arbitrary: fc.constantFrom('0', '1', '9', '10', '100', '443', '4430', '65535') },
    { weight: 1, arbitrary: fc.constantFrom('*', '0443', '65536', '99999', 'http', 'ssh', '00') },
  );
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 60 }), fc.array(key, { maxLength: 3000 }), fc.boolean(), (n, stream, asBytes) => {
      const ranking = new PortRanking(GROUP_CAPACITY);
      const exact = new Map<string, number>();
      for (const k of stream) {
        if (asBytes) {
          const bytes = new TextEncoder().encode(k);
          ranking.addBytes(bytes, 0, bytes.length);
        } else ranking.add(k);
        exact.set(k, (exact.get(k) ?? 0) + 1);
      }
      const expected = [...exact]
        .map(([k, count]) => ({ key: k, count, error: 0 }))
        .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
        .slice(0, n);
      assert.deepEqual(ranking.top(n), expected);
    }),
    { numRuns: 200 },
  );
  // Past any Space-Saving's capacity: 60 000 distinct ports, one of them heavier, all exact.
  const ranking = new PortRanking(GROUP_CAPACITY);
  for (let p = 1024; p < 61024; p++) ranking.add(String(p));
  for (let i = 0; i < 3; i++) ranking.add('50000');
  assert.deepEqual(ranking.top(3), [
    { key: '50000', count: 4, error: 0 },
    { key: '10000', count: 1, error: 0 },
    { key: '10001', count: 1, error: 0 },
  ]);
});
