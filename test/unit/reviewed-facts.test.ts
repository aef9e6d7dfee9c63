// The facts a TCP expert's review (issue 12) corrected against RFC 9293, RFC 1122, RFC 793,
// RFC 5961, Linux 6.x's ip-sysctl.rst and net/ipv4/tcp_*.c, and iproute2: each pinned to its
// corrected value and to the source the text names, in both languages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EXPLANATIONS_EN } from '../../src/core/model/explanations.en';
import { EXPLANATIONS_ZH_CN } from '../../src/core/model/explanations.zh-cn';
import { LINUX } from '../../src/core/model/explanation-facts';
import { transitionById, type RowId } from '../../src/core/model/transitions';
import { scenarioById, simulate, timerText, WORDS } from '../../src/core/simulation';
import type { Scenario, TimerFact } from '../../src/core/simulation';
import { ALL_STATES } from '../../src/core/model/states';

const note = (id: RowId): string => transitionById(id).note ?? '';
const effect = (state: keyof typeof EXPLANATIONS_EN, name: string, zh = false): string =>
  (zh ? EXPLANATIONS_ZH_CN : EXPLANATIONS_EN)[state].settings.find((s) => s.name === name)?.effect ?? '';
const all = (state: keyof typeof EXPLANATIONS_EN, zh = false): string => {
  const e = (zh ? EXPLANATIONS_ZH_CN : EXPLANATIONS_EN)[state];
  return [e.meaning, e.side, ...e.timers, e.pileUp, ...e.platformNotes, ...e.settings.map((s) => s.effect)].join(' ');
};

test('1. the Linux SYN schedule (tcp_syn_linear_timeouts) is quoted from the facts module everywhere', () => {
  const schedule = '+1, 2, 3, 4, 5, 7, 11, 19, 35, 67 s';
  assert.ok(all('SYN-SENT').includes(schedule));
  assert.ok(all('SYN-SENT', true).includes('+1、2、3、4、5、7、11、19、35、67 秒'));
  for (const text of [all('SYN-SENT'), all('SYN-SENT', true)]) {
    assert.match(text, /tcp_syn_linear_timeouts/);
    assert.match(text, /ip-sysctl\.rst/);
    assert.match(text, /\b131\b/);
    assert.doesNotMatch(text, /about 127 s|约 127 秒/);
  }
  assert.ok(EXPLANATIONS_EN['SYN-SENT'].settings.some((s) => s.name === 'net.ipv4.tcp_syn_linear_timeouts'));
  assert.match(note('T01'), /tcp_syn_linear_timeouts \(default 4\)/);
  assert.ok(note('T01').includes(`at ${schedule}, and connect() fails after about 131 s (ip-sysctl.rst)`));
  assert.doesNotMatch(note('T01'), /127/);
  const synLost = scenarioById('syn-lost') as Scenario;
  assert.match(synLost.summary.en, /retransmits 10 times, the last after 67 s, .* after about 131 s \(ip-sysctl\.rst\)/);
  assert.match(synLost.summary['zh-cn'], /共重传 10 次，最后一次在 67 秒时，约 131 秒后/);
  const syn: TimerFact = { endpoint: 'client', kind: 'retransmission', state: 'SYN-SENT' };
  assert.ok(timerText(syn, 'en').duration.includes(`retransmissions at ${schedule} and connect() fails after about 131 s`));
  assert.match(timerText(syn, 'zh-cn').duration, /约 131 秒后 connect\(\) 失败/);
  // The SYN,ACK has no linear timeouts: still 1 + 2 + … + 32 s = 63 s.
  assert.equal(LINUX.synAck.giveUpSeconds, 63);
});

test('2, 3. R21 and R38 name where their rule comes from', () => {
  assert.match(note('R21'), /RFC 1122 §4\.2\.2\.20\(e\)/);
  assert.doesNotMatch(note('R21'), /New in RFC 9293/);
  assert.match(note('R38'), /"If our FIN has been ACKed \(perhaps in this segment\), then enter TIME-WAIT", p\. 75/);
  assert.match(note('R38'), /only its figure left/);
  assert.match(note('R38'), /§3\.10\.7\.4 step eight/);
});

test('4. the CLOSING quote is from netstat(8), not a kernel comment', () => {
  assert.match(EXPLANATIONS_EN.CLOSING.platformNotes.join(' '), /netstat\(8\) man page.*"Both sockets are shut down but we still don't have all our data sent\."/);
  assert.match(EXPLANATIONS_ZH_CN.CLOSING.platformNotes.join(' '), /netstat\(8\) 手册页/);
  assert.doesNotMatch(all('CLOSING'), /Linux's own comment/);
  assert.doesNotMatch(all('CLOSING', true), /源码注释/);
});

test('5. SYN cookies start at the listener backlog; tcp_max_syn_backlog matters only without them', () => {
  for (const zh of [false, true]) {
    assert.match(effect('SYN-RECEIVED', 'net.ipv4.tcp_syncookies', zh), /min\(backlog, somaxconn\)(, |，)inet_csk_reqsk_queue_is_full/);
    assert.match(effect('LISTEN', 'net.ipv4.tcp_max_syn_backlog', zh), /tcp_syncookies=0/);
    assert.match(effect('LISTEN', 'net.ipv4.tcp_max_syn_backlog', zh), /3\/4/);
  }
  assert.match(note('R07'), /inet_csk_reqsk_queue_is_full/);
  assert.match(note('R07'), /tcp_max_syn_backlog matters only with syncookies off/);
});

test('6–10. TIME-WAIT overflow, reuse, RTO floor, orphan retries and SYNs in TIME-WAIT', () => {
  for (const zh of [false, true]) {
    const buckets = effect('TIME-WAIT', 'net.ipv4.tcp_max_tw_buckets', zh);
    assert.match(buckets, /TCPTimeWaitOverflow/);
    assert.doesNotMatch(buckets, /a warning is logged|并记录警告/);
    const reuse = effect('TIME-WAIT', 'net.ipv4.tcp_tw_reuse', zh);
    assert.match(reuse, /tcp_tw_reuse_delay/);
    assert.match(reuse, /SO_REUSEADDR/);
    assert.doesNotMatch(reuse, /0: never|0：从不/);
    assert.match(all('ESTABLISHED', zh), /200 (ms|毫秒).*tcp_rto_min_us.*RFC 6298/);
    assert.match(all('TIME-WAIT', zh), /TCP_TW_SYN/);
    assert.match(all('SYN-SENT', zh), /ListenOverflows/);
  }
  assert.match(EXPLANATIONS_EN['TIME-WAIT'].pileUp, /when the client is the side in TIME-WAIT, it caps new connections at about 470 per second/);
  assert.match(note('R39'), /default 0, which the kernel reads as 8/);
  // Scenario 7: the server's FIN in LAST-ACK, after close(): the timer names tcp_orphan_retries.
  const finTimer: TimerFact = { endpoint: 'server', kind: 'retransmission', state: 'LAST-ACK', resends: { flags: ['FIN', 'ACK'], seq: 301, len: 0 } };
  assert.match(timerText(finTimer, 'en').duration, /tcp_orphan_retries = 0 \(read as 8\) once close\(\) has orphaned the socket/);
  assert.match(timerText(finTimer, 'zh-cn').duration, /tcp_orphan_retries = 0（按 8 处理）/);
  const lastAck = simulate(scenarioById('last-ack-lost') as Scenario).flatMap((s) => s.timers).find((t) => t.state === 'LAST-ACK' && t.kind === 'retransmission');
  assert.ok(lastAck, 'scenario 7 runs a retransmission timer in LAST-ACK');
  assert.match(timerText(lastAck, 'en').duration, /tcp_orphan_retries/);
});

test('11–14 and the nits: RST on unread data, RFC 5961, R14 on Linux, T05, abort RST, ss version', () => {
  for (const zh of [false, true]) {
    assert.match(all('ESTABLISHED', zh), /§3\.6\.1.*MAY-1.*SHLD-3/);
    assert.match(all('ESTABLISHED', zh), /RFC 5961/);
    assert.match(all('TIME-WAIT', zh), /tcp_rfc1337=0/);
    assert.match(all('BOUND_INACTIVE', zh), /iproute2 6\.8\.0/);
    assert.match(all('BOUND_INACTIVE', zh), /iproute2 6\.1/);
  }
  assert.match(note('R14'), /Linux differs: .*ACKs SEG\.SEQ\+1 and stays ESTABLISHED/);
  assert.match(note('T05'), /R2 SHOULD cover at least 100 s \(SHLD-11\)/);
  assert.match(note('U14'), /RST,ACK/);
  assert.match(note('R31'), /Linux/);
});

test('the narration names a timer without a second article', () => {
  const steps = simulate(scenarioById('handshake-and-teardown') as Scenario);
  const fires = steps.map((s) => s.narration.en).find((n) => /2MSL timer fires/.test(n));
  assert.match(fires ?? '', /The client's 2MSL timer fires\./);
  for (const words of Object.values(WORDS.en.timers)) assert.doesNotMatch(words.timer, /^the /);
});

test('Chinese says 对端 for "peer", never 对方 or 远端', () => {
  for (const state of ALL_STATES) assert.doesNotMatch(all(state, true), /对方|远端/, state);
  for (const id of ['simultaneous-close', 'simultaneous-open', 'close-wait-leak']) {
    const scenario = scenarioById(id) as Scenario;
    assert.doesNotMatch(scenario.title['zh-cn'] + scenario.summary['zh-cn'], /对方/, id);
  }
  const finWait2: TimerFact = { endpoint: 'client', kind: 'fin-wait-2', state: 'FIN-WAIT-2' };
  assert.doesNotMatch(timerText(finWait2, 'zh-cn').what, /对方/);
});

test('the hover and the TIME-WAIT diagnosis give one number of connections per second: 28 232 ports / 60 s', async () => {
  const { DIAGNOSIS_RULES } = await import('../../src/core/census');
  assert.equal(LINUX.localPortCount, 60999 - 32768 + 1);
  assert.equal(LINUX.timeWaitConnectionsPerSecond, Math.floor(28232 / 60));
  const rule = DIAGNOSIS_RULES.find((r) => r.states.includes('TIME-WAIT'))!;
  for (const [hover, diagnosis] of [
    [EXPLANATIONS_EN['TIME-WAIT'].pileUp, rule.advice.en],
    [EXPLANATIONS_ZH_CN['TIME-WAIT'].pileUp, rule.advice['zh-cn']],
  ] as const) {
    assert.match(hover, /\b470\b/);
    assert.match(diagnosis, /≈ 470\b/);
  }
});
