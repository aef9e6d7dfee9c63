// The explanation data in both languages: complete, consistent with each other, and carrying
// the facts a teaching tool must get right.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EXPLANATIONS_EN } from '../../src/core/model/explanations.en';
import { EXPLANATIONS_ZH_CN } from '../../src/core/model/explanations.zh-cn';
import type { StateExplanation } from '../../src/core/model/explanation-types';
import { explainState } from '../../src/core/model/explain';
import { LINUX, linuxStateNumber, procCode, STATE_FACTS, SYSCTL_IDS, sysctlName } from '../../src/core/model/explanation-facts';
import { LOCALES, toLocale } from '../../src/core/model/i18n';
import { toMarkdown, toPlainText } from '../../src/core/views/render';
import { ALL_STATES, PLATFORM_STATES, RFC_STATES } from '../../src/core/model/states';

const CJK = /[\u4e00-\u9fff]/;
/** Half-width , ; : ( ) right next to a Chinese character: Chinese prose uses full-width ones. */
const HALF_WIDTH_IN_CHINESE = /[\u4e00-\u9fff][,;:()]|[,;:()][\u4e00-\u9fff]/;

/** Linux defaults as Documentation/networking/ip-sysctl.rst gives them (research notes §8). */
const LINUX_DEFAULTS: Readonly<Record<string, RegExp>> = {
  'net.core.somaxconn': /^4096 \(128 before Linux 5\.4\)$/,
  'net.ipv4.tcp_max_syn_backlog': /128/,
  'net.ipv4.tcp_syncookies': /^1$/,
  'net.ipv4.tcp_synack_retries': /^5\b.*63 s/,
  'net.ipv4.tcp_syn_retries': /^6\b.*131 s with tcp_syn_linear_timeouts = 4\)$/,
  'net.ipv4.tcp_syn_linear_timeouts': /^4 \(since Linux 6\.5\)$/,
  'net.ipv4.tcp_abort_on_overflow': /^0$/,
  'net.ipv4.tcp_fin_timeout': /^60 \(seconds\)$/,
  'net.ipv4.tcp_orphan_retries': /^0 \(treated as 8\)$/,
  'net.ipv4.tcp_max_orphans': /computed/,
  'net.ipv4.tcp_max_tw_buckets': /half the established hash size/,
  'net.ipv4.tcp_tw_reuse': /^2 \(loopback only\)$/,
  'net.ipv4.tcp_rfc1337': /^0$/,
  'net.ipv4.tcp_keepalive_time': /^7200 \(seconds\)$/,
  'net.ipv4.tcp_keepalive_probes': /^9$/,
  'net.ipv4.tcp_keepalive_intvl': /^75 \(seconds\)$/,
  'net.ipv4.tcp_retries2': /^15 \(about 924\.6 s\)$/,
};

/** Every string an explanation carries, with a label for failure messages. */
function strings(data: StateExplanation): [string, string][] {
  return [
    ['rfc', data.rfc],
    ['meaning', data.meaning],
    ['side', data.side],
    ['pileUp', data.pileUp],
    ...data.timers.map((t, i): [string, string] => [`timers[${i}]`, t]),
    ...data.settings.flatMap((s, i): [string, string][] => [
      [`settings[${i}].name`, s.name],
      [`settings[${i}].linuxDefault`, s.linuxDefault],
      [`settings[${i}].effect`, s.effect],
    ]),
    ...data.platformNotes.map((n, i): [string, string] => [`platformNotes[${i}]`, n]),
    ...data.inspect.map((c, i): [string, string] => [`inspect[${i}]`, c]),
  ];
}

test('every state is explained in English and Chinese, under its own key', () => {
  assert.deepEqual(Object.keys(EXPLANATIONS_EN).sort(), [...ALL_STATES].sort());
  assert.deepEqual(Object.keys(EXPLANATIONS_ZH_CN).sort(), [...ALL_STATES].sort());
  for (const state of ALL_STATES) {
    for (const data of [EXPLANATIONS_EN[state], EXPLANATIONS_ZH_CN[state]]) {
      assert.equal(data.state, state);
      assert.match(data.rfc, /§3\.\d/, state);
      for (const [label, text] of strings(data)) assert.ok(text.trim().length > 0, `${state}: empty ${label}`);
    }
    assert.ok(EXPLANATIONS_EN[state].meaning.length <= 160, `${state}: meaning too long`);
  }
});

test('the Chinese text is Chinese, with full-width punctuation', () => {
  for (const state of ALL_STATES) {
    const zh = EXPLANATIONS_ZH_CN[state];
    const prose: [string, string][] = [['meaning', zh.meaning], ['side', zh.side], ['pileUp', zh.pileUp]];
    for (const [label, text] of prose) {
      assert.match(text, CJK, `${state}: ${label}`);
    }
    for (const [label, text] of strings(zh)) assert.doesNotMatch(text, HALF_WIDTH_IN_CHINESE, `${state}: ${label}`);
  }
});

test('both languages give the same sections, settings, defaults, commands and number of entries', () => {
  for (const state of ALL_STATES) {
    const en = EXPLANATIONS_EN[state];
    const zh = EXPLANATIONS_ZH_CN[state];
    assert.equal(zh.rfc, en.rfc, state);
    assert.deepEqual(zh.settings.map((s) => s.name), en.settings.map((s) => s.name), state);
    // A default is worded in each language ("60 (seconds)", "60（秒）"); its numbers are the same.
    assert.deepEqual(zh.settings.map((s) => numbersIn(s.linuxDefault)), en.settings.map((s) => numbersIn(s.linuxDefault)), state);
    assert.equal(zh.timers.length, en.timers.length, state);
    assert.equal(zh.platformNotes.length, en.platformNotes.length, state);
    assert.deepEqual(zh.inspect, en.inspect, state);
  }
});

test('settings are real sysctls with the documented Linux defaults', () => {
  for (const state of ALL_STATES) {
    for (const s of EXPLANATIONS_EN[state].settings) {
      const expected = LINUX_DEFAULTS[s.name];
      assert.ok(expected, `${state}: ${s.name} is not a known sysctl`);
      assert.match(s.linuxDefault, expected, `${state}: ${s.name}`);
    }
    const all = strings(EXPLANATIONS_EN[state]).map(([, text]) => text).join(' ');
    if (all.includes('tcp_tw_recycle')) assert.match(all, /tcp_tw_recycle was removed in Linux 4\.12/, state);
  }
});

test('commands name real tools', () => {
  const tools = /^(ss|netstat|nstat|lsof|Get-NetTCPConnection|python3) /;
  for (const state of ALL_STATES) {
    const commands = EXPLANATIONS_EN[state].inspect;
    assert.ok(commands.length >= 1 && commands.length <= 3, state);
    for (const command of commands) assert.match(command, tools, `${state}: ${command}`);
  }
});

test('the facts that matter most are there', () => {
  const tw = EXPLANATIONS_EN['TIME-WAIT'];
  assert.match(tw.timers.join(' '), /2×MSL/);
  assert.match(tw.timers.join(' '), /4 minutes/);
  assert.match(tw.timers.join(' '), /60 s/);
  assert.match(tw.side, /active closer/);
  assert.match(EXPLANATIONS_ZH_CN['TIME-WAIT'].side, /主动关闭方/);
  assert.match(tw.platformNotes.join(' '), /PID 0/);
  assert.ok(tw.settings.some((s) => s.name === 'net.ipv4.tcp_tw_reuse' && s.linuxDefault.startsWith('2')));
  assert.ok(tw.settings.some((s) => s.name === 'net.ipv4.tcp_rfc1337' && s.linuxDefault === '0'));

  const closeWait = EXPLANATIONS_EN['CLOSE-WAIT'];
  assert.match(closeWait.pileUp, /application/);
  assert.match(closeWait.pileUp, /not a kernel tuning issue/);
  assert.deepEqual(closeWait.timers, []);
  assert.deepEqual(EXPLANATIONS_ZH_CN['CLOSE-WAIT'].timers, []);
  assert.match(EXPLANATIONS_ZH_CN['CLOSE-WAIT'].pileUp, /应用/);
  assert.match(closeWait.side, /passive closer/);

  assert.match(EXPLANATIONS_EN['SYN-RECEIVED'].pileUp, /SYN flood/);
  assert.match(EXPLANATIONS_EN['SYN-RECEIVED'].platformNotes.join(' '), /MUST-11/);
  assert.match(EXPLANATIONS_EN['SYN-SENT'].timers.join(' '), /3 minutes/);
  assert.match(EXPLANATIONS_EN['SYN-SENT'].timers.join(' '), /at \+1, 2, 3, 4, 5, 7, 11, 19, 35, 67 s, and connect\(\) fails with ETIMEDOUT after about 131 s \(ip-sysctl\.rst\)/);
  assert.match(EXPLANATIONS_ZH_CN['SYN-SENT'].timers.join(' '), /\+1、2、3、4、5、7、11、19、35、67 秒，约 131 秒后 connect\(\) 以 ETIMEDOUT 失败/);
  assert.match(EXPLANATIONS_EN['FIN-WAIT-2'].pileUp, /CLOSE-WAIT/);
  assert.ok(EXPLANATIONS_EN['FIN-WAIT-2'].settings.some((s) => s.name === 'net.ipv4.tcp_fin_timeout' && s.linuxDefault.startsWith('60')));
  assert.match(EXPLANATIONS_EN.ESTABLISHED.timers.join(' '), /7200 s/);
  assert.match(EXPLANATIONS_EN.LISTEN.pileUp, /listening services/);
  assert.ok(EXPLANATIONS_EN.LISTEN.settings.some((s) => s.name === 'net.core.somaxconn'));
  assert.match(EXPLANATIONS_EN.CLOSED.platformNotes.join(' '), /UNCONN/);
  for (const state of ['FIN-WAIT-1', 'CLOSING', 'LAST-ACK'] as const) {
    assert.ok(EXPLANATIONS_EN[state].settings.some((s) => s.name === 'net.ipv4.tcp_orphan_retries'), state);
  }
});

test('RFC states cite §3.3.2 first; platform-only states say the RFC has no such state', () => {
  for (const state of RFC_STATES) assert.match(EXPLANATIONS_EN[state].rfc, /^§3\.3\.2\b/, state);
  for (const state of PLATFORM_STATES) {
    assert.match(EXPLANATIONS_EN[state].platformNotes.join(' '), /RFC 9293 has no such state/, state);
    assert.match(EXPLANATIONS_ZH_CN[state].platformNotes.join(' '), /RFC 9293 中没有这个状态/, state);
  }
});

test('entered and left come from the transition table', () => {
  const view = explainState('TIME-WAIT', 'en');
  assert.deepEqual(view.entered.map((l) => l.id).slice(0, 3), ['R41', 'R44', 'R38']);
  assert.ok(view.left.some((l) => l.id === 'R50' && l.states[0] === 'CLOSED' && l.label === 'Timeout=2MSL / delete TCB'));
  const listen = explainState('LISTEN', 'en');
  assert.ok(listen.entered.some((l) => l.id === 'U01' && l.states[0] === 'CLOSED'));
  assert.ok(listen.left.some((l) => l.id === 'R06' && l.states[0] === 'SYN-RECEIVED'));
  const platform = explainState('NEW_SYN_RECV', 'en');
  assert.equal(platform.entered.length, 0);
  assert.match(platform.headline, /platform-only/);
});

test('Markdown names the spelling, its source and the RFC, and escapes data', () => {
  const md = toMarkdown(explainState('SYN-RECEIVED', 'en', { text: 'SYN_RECV', source: 'linux-netstat' }));
  assert.match(md, /^`SYN_RECV` — Linux netstat spelling of RFC SYN-RECEIVED/);
  assert.match(md, /\(https:\/\/www\.rfc-editor\.org\/rfc\/rfc9293#section-3\.3\.2\)/);
  assert.match(md, /LISTEN → \*rcv SYN \/ snd SYN,ACK\* \(§3\.10\.7\.2\)/);
  assert.doesNotMatch(md, /<[a-z]/i, 'no HTML');
  assert.doesNotMatch(md, /command:/, 'no command links yet');
  const zh = toMarkdown(explainState('CLOSE-WAIT', 'zh-cn', { text: 'CLOSE_WAIT', source: 'linux-netstat' }));
  assert.match(zh, /Linux netstat 的写法，即 RFC 的 CLOSE-WAIT/);
  assert.match(toPlainText(explainState('CLOSED', 'en')), /^CLOSED — RFC 9293 name/);
});

// The facts (sections, sysctls, defaults, commands, numbers) are written once, in
// explanation-facts.ts; the locale files hold prose that quotes them.

test('every language shows the sections, settings, defaults and commands of the facts module', () => {
  for (const [locale, explanations] of [['en', EXPLANATIONS_EN], ['zh-cn', EXPLANATIONS_ZH_CN]] as const) {
    for (const state of ALL_STATES) {
      const facts = STATE_FACTS[state];
      const data = explanations[state];
      assert.equal(data.rfc, facts.rfc, `${locale} ${state}`);
      assert.deepEqual(data.settings.map((s) => s.name), facts.settings.map(sysctlName), `${locale} ${state}`);
      assert.deepEqual(data.inspect, facts.inspect, `${locale} ${state}`);
      assert.equal(explainState(state, locale).data, data, `${locale} ${state}: explainState serves the same data`);
    }
  }
});

test('every sysctl of the facts module matters to some state, and has a documented default', () => {
  const used = new Set(ALL_STATES.flatMap((state) => STATE_FACTS[state].settings));
  assert.deepEqual([...SYSCTL_IDS].filter((id) => !used.has(id)), []);
  for (const id of SYSCTL_IDS) assert.ok(LINUX_DEFAULTS[sysctlName(id)], `${sysctlName(id)} is not a known sysctl`);
});

test('the Linux numbers add up as ip-sysctl.rst says', () => {
  // tcp_syn_retries 6 plus tcp_syn_linear_timeouts 4 (Linux 6.5+): 4 timeouts of 1 s, then doubling from 1 s.
  // ip-sysctl.rst: "6, which corresponds to 67seconds (with tcp_syn_linear_timeouts = 4) … after 131seconds".
  assert.equal(LINUX.syn.retransmissions, 10);
  assert.deepEqual(LINUX.syn.retransmitAtSeconds, [1, 2, 3, 4, 5, 7, 11, 19, 35, 67]);
  assert.equal(LINUX.syn.lastRetransmissionSeconds, 67);
  assert.equal(LINUX.syn.giveUpSeconds, 131);
  // Before Linux 6.5 every SYN timeout doubled: 1 + 2 + … + 64 = 127 s.
  assert.equal(LINUX.syn.giveUpSecondsBeforeLinear, 127);
  // Linux's RTO floor (tcp_rto_min_us = 200000) is below RFC 6298's 1 s.
  assert.equal(LINUX.rtoMinMs, 200);
  // tcp_synack_retries 5: the fifth resend after 31 s, given up after 63 s.
  assert.equal(LINUX.synAck.lastResendSeconds, 31);
  assert.equal(LINUX.synAck.giveUpSeconds, 63);
  // tcp_retries2 15, from TCP_RTO_MIN (200 ms) doubling up to TCP_RTO_MAX (120 s): 924.6 s.
  assert.equal(LINUX.retries2.giveUpSeconds, 924.6);
  assert.equal(LINUX.timeWait.seconds, 60);
  assert.equal(linuxStateNumber('NEW_SYN_RECV'), 12);
  assert.equal(linuxStateNumber('BOUND_INACTIVE'), 13);
  assert.equal(procCode('SYN-RECEIVED'), '03');
});

/** Numbers in a text, as a sorted list: what a translation must keep. */
function numbersIn(text: string): string[] {
  return (text.match(/\d+(?:\.\d+)?/g) ?? []).sort();
}

/** Identifiers in a text (sysctls, constants, calls, paths, options): the same in every language. */
function identifiersIn(text: string): string[] {
  const tokens = (text.match(/[A-Za-z0-9_.§:/()-]+/g) ?? []).map((t) => t.replace(/^[.,:;()]+|[.,:;()]+$/g, ''));
  return [...new Set(tokens.filter((t) => /[_§]|\(\)$|^-[A-Za-z]$|[A-Za-z][./][A-Za-z]/.test(t)))].sort();
}

test('both languages quote the same numbers and identifiers, entry by entry', () => {
  for (const state of ALL_STATES) {
    const en = EXPLANATIONS_EN[state];
    const zh = EXPLANATIONS_ZH_CN[state];
    const pairs: [string, string, string][] = [
      ['meaning', en.meaning, zh.meaning],
      ['side', en.side, zh.side],
      ['pileUp', en.pileUp, zh.pileUp],
      ...en.timers.map((t, i): [string, string, string] => [`timers[${i}]`, t, zh.timers[i] ?? '']),
      ...en.platformNotes.map((n, i): [string, string, string] => [`platformNotes[${i}]`, n, zh.platformNotes[i] ?? '']),
      ...en.settings.map((s, i): [string, string, string] => [`settings[${i}].effect`, s.effect, zh.settings[i]?.effect ?? '']),
    ];
    for (const [label, english, chinese] of pairs) {
      assert.deepEqual(numbersIn(chinese), numbersIn(english), `${state}: numbers in ${label}`);
      assert.deepEqual(identifiersIn(chinese), identifiersIn(english), `${state}: identifiers in ${label}`);
    }
  }
});

test('every locale of the core has explanations, phrases and renders', () => {
  for (const locale of LOCALES) {
    for (const state of ALL_STATES) {
      const view = explainState(state, locale);
      assert.equal(view.locale, locale);
      assert.ok(toMarkdown(view).length > 0 && toPlainText(view).length > 0, `${locale} ${state}`);
    }
    assert.equal(toLocale(locale), locale);
  }
  assert.equal(toLocale('zh-TW'), 'zh-cn');
  assert.equal(toLocale('zh_CN.UTF-8'), 'zh-cn');
  assert.equal(toLocale('de-DE'), 'en');
  assert.equal(toLocale(undefined), 'en');
});
