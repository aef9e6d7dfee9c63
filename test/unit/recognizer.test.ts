// The recogniser on real-world lines: what it must find, what it must leave alone, and that no
// input (random, binary, huge) makes it throw.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseDocument, NO_CONTEXT } from '../../src/core/recognition/context';
import { findInLine, findMentions, mentionAt } from '../../src/core/recognition/recognizer';

const NETWORK = { network: true, powershellTable: false };

function found(line: string, doc = NO_CONTEXT): Array<[string, string]> {
  return findInLine(line, doc).map((m) => [m.text, m.state]);
}

test('Linux netstat row: state found with its source', () => {
  const line = 'tcp        0      0 10.0.0.5:22             203.0.113.9:51234       SYN_RECV    -';
  const [m] = findInLine(line, NO_CONTEXT);
  assert.ok(m);
  assert.equal(m.text, 'SYN_RECV');
  assert.equal(m.state, 'SYN-RECEIVED');
  assert.equal(m.source, 'linux-netstat');
  assert.equal(line.slice(m.offset, m.offset + m.length), 'SYN_RECV');
});

test('ss rows: ESTAB and UNCONN on tcp rows, nothing on udp/unix/netlink rows', () => {
  assert.deepEqual(found('ESTAB  0  0  10.0.0.5:22  203.0.113.9:51234  users:(("sshd",pid=812,fd=4))'), [['ESTAB', 'ESTABLISHED']]);
  assert.deepEqual(found('tcp   UNCONN 0      0      0.0.0.0:5000     0.0.0.0:*'), [['UNCONN', 'CLOSED']]);
  assert.deepEqual(found('udp   ESTAB  0      0      10.0.0.5:41000   10.0.0.1:53'), []);
  assert.deepEqual(found('u_str ESTAB  0      0      * 23104            * 23105'), []);
  assert.deepEqual(found('nl    UNCONN 0      0      rtnl:kernel      *'), []);
  assert.deepEqual(found('unix  2      [ ACC ]     STREAM     LISTENING     17906    /run/dbus/system_bus_socket', NETWORK), []);
});

test('kernel, tracepoint, BSD, psutil and .NET spellings', () => {
  assert.deepEqual(found('\tif (sk->sk_state == TCP_FIN_WAIT2)'), [['TCP_FIN_WAIT2', 'FIN-WAIT-2']]);
  const trace = findInLine('sshd-812 [001] 4265.1: inet_sock_set_state: family=AF_INET protocol=IPPROTO_TCP sport=22 dport=51234 oldstate=TCP_SYN_RECV newstate=TCP_ESTABLISHED', NO_CONTEXT);
  assert.deepEqual(trace.map((m) => [m.text, m.state, m.source]), [
    ['TCP_SYN_RECV', 'SYN-RECEIVED', 'tracepoint'],
    ['TCP_ESTABLISHED', 'ESTABLISHED', 'tracepoint'],
  ]);
  assert.deepEqual(found('case TCPS_TIME_WAIT:'), [['TCPS_TIME_WAIT', 'TIME-WAIT']]);
  assert.deepEqual(found('if c.status == psutil.CONN_CLOSE_WAIT:'), [['CONN_CLOSE_WAIT', 'CLOSE-WAIT']]);
  const dotnet = findInLine('if (info.State == TcpState.LastAck) { count++; }', NO_CONTEXT);
  assert.deepEqual(dotnet.map((m) => [m.text, m.state, m.source]), [['TcpState.LastAck', 'LAST-ACK', 'dotnet']]);
  assert.deepEqual(found('case TcpState.Closed:'), [['TcpState.Closed', 'CLOSED']]);
});

test('Windows netstat, German and Chinese-locale output', () => {
  const doc = analyseDocument('Aktive Verbindungen\n\n  Proto  Lokale Adresse         Remoteadresse          Status\n');
  assert.deepEqual(found('  TCP    0.0.0.0:135            0.0.0.0:0              ABHÖREN         1044', doc), [['ABHÖREN', 'LISTEN']]);
  assert.deepEqual(found('  TCP    192.0.2.4:50522        198.51.100.7:443       WARTEND         0', doc), [['WARTEND', 'TIME-WAIT']]);
  assert.deepEqual(found('  TCP    0.0.0.0:445            0.0.0.0:0              LISTENING       4'), [['LISTENING', 'LISTEN']]);
  assert.ok(analyseDocument('活动连接\n\n  协议  本地地址          外部地址        状态           PID\n').network);
});

test('/proc/net/tcp: only the st column is a state', () => {
  const line = '   1: 0100007F:0277 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 21840 1 0000000000000000 100 0 0 10 0';
  const mentions = findInLine(line, NO_CONTEXT);
  assert.equal(mentions.length, 1);
  assert.equal(mentions[0]?.text, '0A');
  assert.equal(mentions[0]?.state, 'LISTEN');
  assert.equal(line.slice(mentions[0]!.offset, mentions[0]!.offset + 2), '0A');
  const v6 = '   0: 00000000000000000000000000000000:0016 00000000000000000000000000000000:0000 06 00000000:00000000 03:000013B7 00000000     0        0 0 3 0000000000000000';
  assert.deepEqual(found(v6), [['06', 'TIME-WAIT']]);
});

test('ss state filters, lsof filters, node_exporter labels and PowerShell parameters', () => {
  assert.deepEqual(found('ss -tan state time-wait | wc -l'), [['time-wait', 'TIME-WAIT']]);
  const filter = findInLine("ss -o state established '( dport = :443 )'", NO_CONTEXT);
  assert.deepEqual(filter.map((m) => [m.text, m.state, m.source]), [['established', 'ESTABLISHED', 'ss-filter']]);
  assert.deepEqual(found('lsof -nP -iTCP -sTCP:LISTEN'), [['LISTEN', 'LISTEN']]);
  assert.deepEqual(found('node_tcp_connection_states{state="close_wait"} 12'), [['close_wait', 'CLOSE-WAIT']]);
  assert.deepEqual(found('node_tcp_connection_states{state="established"} 431'), [['established', 'ESTABLISHED']]);
  assert.deepEqual(found('Get-NetTCPConnection -State Established, TimeWait'), [
    ['Established', 'ESTABLISHED'],
    ['TimeWait', 'TIME-WAIT'],
  ]);
  assert.deepEqual(found("Get-NetTCPConnection | Where-Object State -eq 'CloseWait'"), [['CloseWait', 'CLOSE-WAIT']]);
  assert.deepEqual(found('TCP-MIB::tcpConnState.0.0.0.0.22.0.0.0.0.0 = INTEGER: listen(2)'), [['listen', 'LISTEN']]);
  assert.deepEqual(found('TCP-MIB::tcpConnState.x = INTEGER: listen(5)'), []);
});

test('English words count only in network context', () => {
  assert.deepEqual(found('The door is CLOSED until further notice.'), []);
  assert.deepEqual(found('The door is CLOSED until further notice.', NETWORK), [['CLOSED', 'CLOSED']]);
  assert.deepEqual(found('tcp4       0      0  192.0.2.10.52344       198.51.100.7.443       ESTABLISHED'), [['ESTABLISHED', 'ESTABLISHED']]);
  // NONE and IDLE need a socket row even in a network document.
  assert.deepEqual(found('Set the level to NONE', NETWORK), []);
  assert.deepEqual(found('Please CLOSE the ticket'), []);
  assert.deepEqual(found('tcp        0      0 10.0.0.5:5000           0.0.0.0:*               CLOSE       -'), [['CLOSE', 'CLOSED']]);
});

test('code that maps between spellings: /proc/net/tcp codes and translated words paired with a name', () => {
  // No address, no port, no `tcp` on these lines: the map entry itself says what they are.
  assert.deepEqual(found('\t"0A": "LISTEN",'), [['0A', 'LISTEN'], ['LISTEN', 'LISTEN']]);
  assert.deepEqual(found("  '07': 'CLOSE',"), [['07', 'CLOSED'], ['CLOSE', 'CLOSED']]);
  const code = findInLine('    "0B": "CLOSING",', NO_CONTEXT)[0];
  assert.equal(code?.source, 'linux-proc');
  assert.deepEqual(found('    "ABHÖREN": "LISTEN",'), [['ABHÖREN', 'LISTEN'], ['LISTEN', 'LISTEN']]);
  assert.deepEqual(found('    "WARTEND": "TIME_WAIT",'), [['WARTEND', 'TIME-WAIT'], ['TIME_WAIT', 'TIME-WAIT']]);
  assert.deepEqual(found('CONN_NONE = "NONE"'), [['CONN_NONE', 'NONE'], ['NONE', 'NONE']]);
  assert.deepEqual(found('    "time_wait": "06",'), [['time_wait', 'TIME-WAIT'], ['06', 'TIME-WAIT']]);
  // Two state names on one line of code: a list or a case of states.
  assert.deepEqual(found('QUIET = frozenset({"LISTEN", "ESTABLISHED"})'), [['LISTEN', 'LISTEN'], ['ESTABLISHED', 'ESTABLISHED']]);
  assert.deepEqual(found('\t\tcase "LISTEN", "ESTABLISHED":'), [['LISTEN', 'LISTEN'], ['ESTABLISHED', 'ESTABLISHED']]);
});

test('a map entry or case label that is no TCP state stays silent', () => {
  assert.deepEqual(found('if (order.status === "CLOSED") return;'), []);
  assert.deepEqual(found('case "CLOSED":'), []);
  assert.deepEqual(found('  "IDLE": "IDLE",'), []);
  assert.deepEqual(found('  "closed": "CLOSED",'), []);
  assert.deepEqual(found('  "close": "CLOSED",'), []);
  assert.deepEqual(found('  "01": "January", "02": "February",'), []);
  // A code and a name of another state do not agree: neither is taken.
  assert.deepEqual(found('  "0A": "CLOSED",'), []);
  assert.deepEqual(found('  "01": "ESTABLISHED_ORDER",'), []);
});

test('a switch over platform states, and a Type_Member enum constant', () => {
  assert.deepEqual(found('    case MIB_TCP_STATE_LISTEN:'), [['MIB_TCP_STATE_LISTEN', 'LISTEN']]);
  assert.deepEqual(found('\t\tcase "CLOSE_WAIT":'), [['CLOSE_WAIT', 'CLOSE-WAIT']]);
  const member = findInLine('    TcpState_Listen,', NO_CONTEXT);
  assert.deepEqual(member.map((m) => [m.text, m.state, m.source, m.offset]), [['TcpState_Listen', 'LISTEN', 'c-enum', 4]]);
  assert.deepEqual(found('    TCP_STATE_FinWait2 = 6,'), [['TCP_STATE_FinWait2', 'FIN-WAIT-2']]);
  assert.deepEqual(found('return s == TcpState_Established || s == TcpState_CloseWait;'), [
    ['TcpState_Established', 'ESTABLISHED'],
    ['TcpState_CloseWait', 'CLOSE-WAIT'],
  ]);
  // A type that says only "state" needs network context: a door has a closed state too.
  assert.deepEqual(found('    DoorState_Closed,'), []);
  assert.deepEqual(found('    ConnState_Closed,', NETWORK), [['ConnState_Closed', 'CLOSED']]);
  // Members that are no state, and longer words, are not split into one.
  assert.deepEqual(found('TcpState_Count TcpState_Name TcpState_t MyTcpState_Listening 1TcpState_Listen'), []);
  assert.equal(mentionAt('    TcpState_TimeWait,', 10, NO_CONTEXT)?.text, 'TcpState_TimeWait');
});

test('a document whose code names three or more states is network code; a line with one is not', () => {
  const table = ['const STATE_BY_CODE = {', "  '01': 'ESTABLISHED',", "  '02': 'SYN_SENT',", "  '0A': 'LISTEN',", '};', 'switch (name) {', "  case 'LISTEN':", '}'].join('\n');
  assert.equal(analyseDocument(table).network, true);
  assert.ok(findMentions(table).some((m) => m.text === 'LISTEN' && m.offset === table.lastIndexOf('LISTEN')));
  // One state in a web shop's code says nothing about TCP.
  const shop = ['if (order.status === "CLOSED") {', '  show("CLOSED");', '}', 'case "CLOSED":'].join('\n');
  assert.equal(analyseDocument(shop).network, false);
  assert.deepEqual(findMentions(shop), []);
  // Names code gives its TCP things count as network words.
  assert.equal(analyseDocument('var tcpStates = load()\nTCP_STATES = {}\n').network, true);
  assert.equal(analyseDocument('x = parseTcpTable(buf)\nrows = GetTcpTable()\n').network, true);
});

test('a man page\'s lower-case prose stays silent, even in a network document', () => {
  const page = [
    'sockstat reads the kernel\'s socket tables and prints one line per socket.',
    '       the state. A socket is in listen state once the program has called',
    '       listen(2); it stays established until either end closes it. Closing a',
    '              Show listening and closed sockets as well as established',
    '              connections.',
  ].join('\n');
  assert.equal(analyseDocument(page).network, true);
  assert.deepEqual(findMentions(page), []);
  // listen(2) is the system call there; an SNMP value only on a line snmpwalk printed.
  assert.deepEqual(found('called listen(2) and accept(2)', NETWORK), []);
});

const PROSE = [
  'We listen on port 80 and the store is closed on Sundays.',
  'It is an established practice to review every change.',
  'Closing remarks: thanks to everyone who came.',
  'Closed issues are archived; Listen to the recording later.',
  'LISTEN UP, TEAM: THE BUILD IS CLOSED FOR TODAY.',
  'None of these options are bound to a key; Unknown values are ignored.',
  'The connection is being closed gracefully once the session is established.',
  '## Status: CLOSED',
  'Idle time is measured in seconds.',
  'Time-wait and close-wait are two words we never use here.',
];

test('ordinary prose gives no mention', () => {
  const text = PROSE.join('\n');
  assert.deepEqual(findMentions(text), []);
  assert.equal(analyseDocument(text).network, false);
});

test('UTF-16 offsets are right after non-ASCII text', () => {
  const line = '连接状态 => TIME_WAIT (等待 2MSL)';
  const [m] = findInLine(line, NO_CONTEXT);
  assert.ok(m);
  assert.equal(line.slice(m.offset, m.offset + m.length), 'TIME_WAIT');
});

test('no partial matches inside longer identifiers or words', () => {
  assert.deepEqual(found('tcp_close(sk, timeout); tcp_time_wait(sk, TCP_FIN_WAIT2, tmo);'), [['TCP_FIN_WAIT2', 'FIN-WAIT-2']]);
  assert.deepEqual(found('MY_TIME_WAIT_FLAG XTIME_WAIT TIME_WAITING 1TIME_WAIT'), []);
  assert.deepEqual(found('CLOSE_WAIT', NETWORK), [['CLOSE_WAIT', 'CLOSE-WAIT']]);
});

test('mentionAt finds the mention under the cursor and nothing beside it', () => {
  const line = 'tcp 0 0 10.0.0.5:22 203.0.113.9:51234 TIME_WAIT -';
  const at = line.indexOf('TIME_WAIT');
  assert.equal(mentionAt(line, at, NO_CONTEXT)?.state, 'TIME-WAIT');
  assert.equal(mentionAt(line, at + 8, NO_CONTEXT)?.state, 'TIME-WAIT');
  assert.equal(mentionAt(line, at + 9, NO_CONTEXT), undefined);
  assert.equal(mentionAt(line, 0, NO_CONTEXT), undefined);
});

test('mentionAt on a one-megabyte line finds the mention under the cursor', () => {
  const filler = 'x'.repeat(500_000);
  const line = `${filler} 10.0.0.1:80 CLOSE_WAIT ${filler}`;
  const at = line.indexOf('CLOSE_WAIT');
  assert.equal(mentionAt(line, at + 3, NO_CONTEXT)?.text, 'CLOSE_WAIT');
  assert.equal(mentionAt(line, 10, NO_CONTEXT), undefined);
});

test('the hover gives the whole-line answer wherever the mouse is in the mention, on lines of any length', () => {
  // The line is judged on its head (here: an address at the start makes LISTEN a state), so a
  // mention far along a long line answers the same at its first character as at its last.
  for (const pad of [0, 1500, 3000, 100_000]) {
    const line = `tcp 0.0.0.0:22 ${'k=v '.repeat(pad)}LISTEN ${'y'.repeat(3000)} State::TimeWait (LISTEN) listen(2) end`;
    const whole = findInLine(line, NO_CONTEXT);
    assert.ok(whole.length >= 3, `pad ${pad}: ${JSON.stringify(whole.map((m) => m.text))}`);
    for (const mention of whole) {
      for (let c = mention.offset; c < mention.offset + mention.length; c++) {
        assert.deepEqual(mentionAt(line, c, NO_CONTEXT), mention, `pad ${pad}, character ${c}`);
      }
      assert.equal(mentionAt(line, mention.offset - 1, NO_CONTEXT)?.offset === mention.offset, false);
    }
  }
  // Past the head, a line's own words no longer make an English word a state: the same rule for hover and CLI.
  const late = `${'word '.repeat(1000)} 10.0.0.1:80 LISTEN`;
  assert.deepEqual(findInLine(late, NO_CONTEXT), []);
  assert.equal(mentionAt(late, late.indexOf('LISTEN'), NO_CONTEXT), undefined);
});

test('random and binary input never throws', () => {
  let seed = 42;
  const random = (): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed;
  };
  for (let round = 0; round < 200; round++) {
    const length = random() % 4000;
    let text = '';
    for (let i = 0; i < length; i++) text += String.fromCharCode(random() % 0x10000);
    assert.doesNotThrow(() => findMentions(text));
    assert.doesNotThrow(() => mentionAt(text, random() % (length + 1), NETWORK));
  }
  const binary = Buffer.from(Array.from({ length: 65536 }, () => random() % 256)).toString('latin1');
  assert.doesNotThrow(() => findMentions(binary + 'TIME_WAIT\0\0'));
  assert.ok(findMentions('\0\0\u0001TIME_WAIT\u0002').some((m) => m.state === 'TIME-WAIT'));
});

test('a spelling several tools share is attributed to the tool whose header the document has', () => {
  const ss = 'State      Recv-Q Send-Q Local Address:Port    Peer Address:Port  Process\nCLOSE-WAIT 1      0      10.0.12.5:38012       10.0.12.9:8080\n';
  assert.deepEqual(findMentions(ss).map((m) => m.source), ['ss']);
  const win = 'Active Connections\n\n  Proto  Local Address          Foreign Address        State           PID\n  TCP    192.0.2.14:50522       198.51.100.7:443       ESTABLISHED     8120\n';
  assert.deepEqual(findMentions(win).map((m) => m.source), ['windows-netstat']);
  const mac = 'Proto Recv-Q Send-Q  Local Address          Foreign Address        (state)\ntcp4       0      0  192.0.2.10.52344       198.51.100.7.443       CLOSE_WAIT\n';
  assert.deepEqual(findMentions(mac).map((m) => m.source), ['bsd-netstat']);
  // Without a header, the first source of the spelling.
  assert.deepEqual(findMentions('10.0.0.1:22 CLOSE-WAIT\n').map((m) => m.source), ['rfc']);
});
