// Every spelling in the catalogue resolves to the right state, and the catalogue holds the
// spellings real tools print (checked against the upstream sources named in sources.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { enumConstant, PROC_NET_TCP_CODES, SNMP_MIB, SPELLINGS } from '../../src/core/recognition/spellings';
import { SOURCE_IDS, SOURCES } from '../../src/core/recognition/sources';
import { ALL_STATES, RFC_STATES, STATE_INFO, type StateId } from '../../src/core/model/states';

/** Independent table: spelling → state, written from the tools' source files, not from the catalogue. */
const KNOWN: ReadonlyArray<readonly [string, StateId]> = [
  // RFC 9293 §3.3.2
  ['SYN-RECEIVED', 'SYN-RECEIVED'],
  ['FIN-WAIT-1', 'FIN-WAIT-1'],
  ['CLOSE-WAIT', 'CLOSE-WAIT'],
  ['TIME-WAIT', 'TIME-WAIT'],
  // net-tools netstat tcp_state[]
  ['SYN_RECV', 'SYN-RECEIVED'],
  ['FIN_WAIT1', 'FIN-WAIT-1'],
  ['FIN_WAIT2', 'FIN-WAIT-2'],
  ['CLOSE', 'CLOSED'],
  ['TIME_WAIT', 'TIME-WAIT'],
  ['LAST_ACK', 'LAST-ACK'],
  // iproute2 ss sstate_name[]
  ['ESTAB', 'ESTABLISHED'],
  ['SYN-RECV', 'SYN-RECEIVED'],
  ['UNCONN', 'CLOSED'],
  // Linux include/net/tcp_states.h
  ['TCP_ESTABLISHED', 'ESTABLISHED'],
  ['TCP_NEW_SYN_RECV', 'NEW_SYN_RECV'],
  ['TCP_BOUND_INACTIVE', 'BOUND_INACTIVE'],
  ['TCP_CLOSE', 'CLOSED'],
  ['TCP_LISTEN', 'LISTEN'],
  ['TCPF_CLOSE_WAIT', 'CLOSE-WAIT'],
  ['BPF_TCP_SYN_SENT', 'SYN-SENT'],
  // BSD / macOS netinet/tcp_fsm.h
  ['SYN_RCVD', 'SYN-RECEIVED'],
  ['FIN_WAIT_1', 'FIN-WAIT-1'],
  ['TCPS_ESTABLISHED', 'ESTABLISHED'],
  ['TCPS_SYN_RECEIVED', 'SYN-RECEIVED'],
  // Windows
  ['LISTENING', 'LISTEN'],
  ['SYN_RECEIVED', 'SYN-RECEIVED'],
  ['MIB_TCP_STATE_ESTAB', 'ESTABLISHED'],
  ['MIB_TCP_STATE_DELETE_TCB', 'DELETE_TCB'],
  ['TCPSTATE_SYN_RCVD', 'SYN-RECEIVED'],
  ['FinWait1', 'FIN-WAIT-1'],
  ['DeleteTCB', 'DELETE_TCB'],
  ['DeleteTcb', 'DELETE_TCB'],
  ['Bound', 'BOUND'],
  ['LastAck', 'LAST-ACK'],
  // psutil
  ['CONN_ESTABLISHED', 'ESTABLISHED'],
  ['CONN_NONE', 'NONE'],
  ['CONN_IDLE', 'IDLE'],
  // Translations
  ['ABHÖREN', 'LISTEN'],
  ['SCHLIESSEN_WARTEN', 'CLOSE-WAIT'],
  ['VERBUNDEN', 'ESTABLISHED'],
  // Informal variants that really occur
  ['SYN_SEND', 'SYN-SENT'],
  ['TIMED_WAIT', 'TIME-WAIT'],
  ['WAIT_CLOSE', 'CLOSE-WAIT'],
];

test('every known spelling resolves to the state the tool means', () => {
  for (const [text, state] of KNOWN) {
    assert.equal(SPELLINGS.get(text)?.state, state, text);
  }
});

test('every spelling maps to a real state and names real sources', () => {
  for (const spelling of SPELLINGS.values()) {
    assert.ok(ALL_STATES.includes(spelling.state), spelling.text);
    assert.ok(spelling.sources.length > 0, spelling.text);
    for (const source of spelling.sources) assert.ok(SOURCE_IDS.includes(source), `${spelling.text}: ${source}`);
  }
});

test('every state has at least one spelling, and every source is described', () => {
  const covered = new Set([...SPELLINGS.values()].map((s) => s.state));
  for (const state of ALL_STATES) assert.ok(covered.has(state), state);
  for (const id of SOURCE_IDS) assert.equal(SOURCES[id].id, id);
});

test('each RFC state has a spelling from the RFC, Linux netstat, ss, BSD, Windows and .NET', () => {
  for (const state of RFC_STATES) {
    for (const source of ['rfc', 'linux-kernel', 'ss', 'bsd-netstat', 'windows-netstat', 'dotnet', 'psutil'] as const) {
      const has = [...SPELLINGS.values()].some((s) => s.state === state && s.sources.includes(source));
      assert.ok(has, `${state} lacks a ${source} spelling`);
    }
  }
});

test('English words need context; distinctive spellings do not', () => {
  for (const word of ['CLOSED', 'LISTEN', 'LISTENING', 'ESTABLISHED', 'CLOSING', 'CLOSE', 'BOUND', 'UNKNOWN']) {
    assert.equal(SPELLINGS.get(word)?.rule, 'network', word);
  }
  for (const word of ['NONE', 'IDLE', 'WARTEND']) assert.equal(SPELLINGS.get(word)?.rule, 'row', word);
  for (const word of ['Closed', 'Listen', 'Established', 'established', 'listen', 'closed']) {
    assert.equal(SPELLINGS.get(word)?.rule, 'qualified', word);
  }
  for (const word of ['TIME_WAIT', 'CLOSE-WAIT', 'SYN_RECV', 'TCP_LISTEN', 'TimeWait', 'FIN-WAIT-1']) {
    assert.equal(SPELLINGS.get(word)?.rule, 'always', word);
  }
});

test('/proc/net/tcp codes follow the Linux enum (01 ESTABLISHED … 0A LISTEN, 0C NEW_SYN_RECV)', () => {
  assert.equal(PROC_NET_TCP_CODES.get('01'), 'ESTABLISHED');
  assert.equal(PROC_NET_TCP_CODES.get('06'), 'TIME-WAIT');
  assert.equal(PROC_NET_TCP_CODES.get('07'), 'CLOSED');
  assert.equal(PROC_NET_TCP_CODES.get('0A'), 'LISTEN');
  assert.equal(PROC_NET_TCP_CODES.get('0B'), 'CLOSING');
  assert.equal(PROC_NET_TCP_CODES.get('0C'), 'NEW_SYN_RECV');
});

test('SNMP TCP-MIB numbers differ from Windows for CLOSING and LAST-ACK', () => {
  assert.equal(SNMP_MIB.get('lastAck')?.code, 9);
  assert.equal(SNMP_MIB.get('closing')?.code, 10);
});

test('platform-only states are marked as such and name their platform', () => {
  for (const state of ALL_STATES) {
    const info = STATE_INFO[state];
    assert.equal(info.id, state);
    assert.equal(info.kind === 'rfc', (RFC_STATES as readonly string[]).includes(state));
    if (info.kind === 'platform') assert.ok(info.platform, state);
  }
});

test('a Type_Member enum constant names the state of its member', () => {
  assert.equal(enumConstant('TcpState_Listen')?.spelling.state, 'LISTEN');
  assert.equal(enumConstant('TcpState_Listen')?.tcp, true);
  assert.equal(enumConstant('TCP_STATE_SynReceived')?.spelling.state, 'SYN-RECEIVED');
  assert.equal(enumConstant('eTcpState_FinWait1')?.spelling.state, 'FIN-WAIT-1');
  assert.equal(enumConstant('ConnState_TimeWait')?.tcp, false);
  assert.equal(enumConstant('ConnState_TimeWait')?.spelling.state, 'TIME-WAIT');
  for (const token of ['TcpState_', '_Listen', 'TcpState_Count', 'Door_Closed', 'TcpState_LISTEN', 'TcpState_listen', `${'X'.repeat(60)}Tcp_Listen`]) {
    assert.equal(enumConstant(token), undefined, token);
  }
});
