// The explanation data in both languages: complete, consistent with each other, and carrying
// the facts a teaching tool must get right.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EXPLANATIONS_EN } from '../../src/core/explanations.en';
import { EXPLANATIONS_ZH_CN } from '../../src/core/explanations.zh-cn';
import { explainState } from '../../src/core/explain';
import { toMarkdown, toPlainText } from '../../src/core/render';
import { ALL_STATES } from '../../src/core/states';

const CJK = /[\u4e00-\u9fff]/;

test('every state is explained in English and Chinese', () => {
  for (const state of ALL_STATES) {
    for (const data of [EXPLANATIONS_EN[state], EXPLANATIONS_ZH_CN[state]]) {
      assert.equal(data.state, state);
      assert.match(data.rfc, /§3\.\d/);
      for (const text of [data.meaning, data.side, data.pileUp]) assert.ok(text.length > 0, state);
    }
    assert.ok(EXPLANATIONS_EN[state].meaning.length <= 160, `${state}: meaning too long`);
    for (const text of [EXPLANATIONS_ZH_CN[state].meaning, EXPLANATIONS_ZH_CN[state].side, EXPLANATIONS_ZH_CN[state].pileUp]) {
      assert.match(text, CJK, state);
    }
  }
});

test('both languages give the same settings, defaults and number of entries', () => {
  for (const state of ALL_STATES) {
    const en = EXPLANATIONS_EN[state];
    const zh = EXPLANATIONS_ZH_CN[state];
    assert.deepEqual(zh.settings.map((s) => [s.name, s.linuxDefault]), en.settings.map((s) => [s.name, s.linuxDefault]), state);
    assert.equal(zh.timers.length, en.timers.length, state);
    assert.equal(zh.platformNotes.length, en.platformNotes.length, state);
    assert.deepEqual(zh.inspect, en.inspect, state);
  }
});

test('the facts that matter most are there', () => {
  const tw = EXPLANATIONS_EN['TIME-WAIT'];
  assert.match(tw.timers.join(' '), /2×MSL/);
  assert.match(tw.timers.join(' '), /4 minutes/);
  assert.match(tw.timers.join(' '), /60 s/);
  assert.match(tw.side, /active closer/);
  assert.match(EXPLANATIONS_EN['CLOSE-WAIT'].pileUp, /application/);
  assert.deepEqual(EXPLANATIONS_EN['CLOSE-WAIT'].timers, []);
  assert.match(EXPLANATIONS_EN['SYN-RECEIVED'].pileUp, /SYN flood/);
  assert.match(EXPLANATIONS_EN['FIN-WAIT-2'].pileUp, /CLOSE-WAIT/);
  assert.ok(EXPLANATIONS_EN['FIN-WAIT-2'].settings.some((s) => s.name === 'net.ipv4.tcp_fin_timeout' && s.linuxDefault.startsWith('60')));
  assert.ok(EXPLANATIONS_EN['TIME-WAIT'].settings.some((s) => s.name === 'net.ipv4.tcp_tw_reuse' && s.linuxDefault.startsWith('2')));
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
  assert.match(zh, /Linux netstat 的写法,即 RFC 的 CLOSE-WAIT/);
  assert.match(toPlainText(explainState('CLOSED', 'en')), /^CLOSED — RFC 9293 name/);
});
