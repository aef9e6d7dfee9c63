// The capture reader on hand-built files: every container variant, link type and IP header
// shape the issue lists, each checked field by field against the bytes the test wrote.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readCapture, type CapturedSegment } from '../../src/core/capture';
import { ipv6Text, linkTypeText, skippedLinkTypesText } from '../../src/core/capture';
import {
  concat,
  enhancedPacket,
  ethernet,
  ETHERTYPE_IPV4,
  ETHERTYPE_IPV6,
  interfaceDescription,
  ipv4,
  ipv6,
  pcapFile,
  block,
  sectionHeader,
  simplePacket,
  tcpHeader,
  tsoffset,
  tsresol,
} from './capture-writer';

function readClean(bytes: Uint8Array): CapturedSegment[] {
  const { segments, end } = readCapture(bytes);
  assert.equal(end.error, undefined, end.error?.message);
  return segments;
}

const SYN_OPTIONS = Uint8Array.from([
  2, 4, 0x05, 0xb4, // MSS 1460
  4, 2, // SACK permitted
  8, 10, 0, 0, 0, 1, 0, 0, 0, 2, // timestamps 1, 2
  1, // NOP
  3, 3, 7, // window scale 7
]);

test('classic pcap, big-endian, microseconds: every TCP field', () => {
  const packet = ethernet(ipv4(tcpHeader({ srcPort: 51000, dstPort: 443, seq: 0xfffffff0, ack: 7, flags: 0x1c2, window: 65535, options: SYN_OPTIONS })), ETHERTYPE_IPV4);
  const file = pcapFile({ littleEndian: false, linkType: 1 }, [{ seconds: 1_700_000_000, fraction: 123456, data: packet }]);
  const [s] = readClean(file);
  assert.ok(s);
  assert.equal(s.index, 1);
  assert.equal(s.timestampNs, 1_700_000_000_123_456_000n);
  assert.equal(s.interfaceId, 0);
  assert.deepEqual([s.src, s.srcPort, s.dst, s.dstPort], ['10.0.0.1', 51000, '10.0.0.2', 443]);
  assert.deepEqual([s.seq, s.ack, s.window, s.headerLength], [0xfffffff0, 7, 65535, 40]);
  assert.equal(s.flagBits, 0x1c2);
  assert.deepEqual(s.flags, { fin: false, syn: true, rst: false, psh: false, ack: false, urg: false, ece: true, cwr: true, ns: true });
  assert.deepEqual(s.options, { mss: 1460, sackPermitted: true, timestamp: { value: 1, echoReply: 2 }, windowScale: 7 });
  assert.equal(s.payloadLength, 0);
  assert.equal(s.truncated, false);
});

test('a link type the reader does not decode: its frames are counted by link type and named, not taken for TCP-less traffic', () => {
  const tcp = ethernet(ipv4(tcpHeader({ flags: 0x10 })), ETHERTYPE_IPV4);
  const radiotap = readCapture(pcapFile({ littleEndian: true, linkType: 127 }, [1, 2, 3].map((seconds) => ({ seconds, fraction: 0, data: tcp }))));
  assert.equal(radiotap.end.error, undefined);
  assert.deepEqual([radiotap.segments.length, radiotap.end.nonTcp], [0, 3]);
  assert.deepEqual(radiotap.end.skippedLinkTypes, [{ linkType: 127, frames: 3 }]);
  assert.equal(skippedLinkTypesText(radiotap.end.skippedLinkTypes), '3 frames of link type 127 (IEEE 802.11 radiotap) skipped: this reader decodes Ethernet (with VLAN tags), Linux cooked capture (SLL, SLL2), raw IPv4/IPv6 and BSD loopback');
  assert.equal(linkTypeText(60000), 'link type 60000');
  // A frame of a decoded link type that is not TCP (ARP) is no skipped link type.
  const arp = readCapture(pcapFile({ littleEndian: true, linkType: 1 }, [{ seconds: 1, fraction: 0, data: ethernet(new Uint8Array(28), 0x0806) }]));
  assert.deepEqual([arp.end.nonTcp, arp.end.skippedLinkTypes], [1, []]);
  assert.equal(skippedLinkTypesText(arp.end.skippedLinkTypes), undefined);
});

test('classic pcap, little-endian nanoseconds; non-TCP frames are counted and numbered', () => {
  const udp = ethernet(ipv4(new Uint8Array(8), { protocol: 17 }), ETHERTYPE_IPV4);
  const arp = ethernet(new Uint8Array(28), 0x0806);
  const tcp = ethernet(ipv4(tcpHeader({ flags: 0x10 }), { payload: 100 }), ETHERTYPE_IPV4);
  const file = pcapFile({ littleEndian: true, nano: true, linkType: 1 }, [
    { seconds: 10, fraction: 1, data: udp },
    { seconds: 10, fraction: 999_999_999, data: tcp },
    { seconds: 11, fraction: 0, data: arp },
  ]);
  const { segments, end } = readCapture(file);
  assert.equal(end.error, undefined);
  assert.deepEqual([end.format, end.frames, end.tcpSegments, end.nonTcp], ['pcap', 3, 1, 2]);
  assert.equal(segments[0]!.index, 2);
  assert.equal(segments[0]!.timestampNs, 10_999_999_999n);
  assert.equal(segments[0]!.payloadLength, 100);
});

test('pcapng: two sections of different byte order, interface ids start again', () => {
  const packet = (port: number) => ethernet(ipv4(tcpHeader({ srcPort: port })), ETHERTYPE_IPV4);
  const file = concat(
    sectionHeader(true),
    interfaceDescription(true, 1),
    enhancedPacket(true, 0, 5_000_001n, packet(1)),
    sectionHeader(false),
    interfaceDescription(false, 1, 0, [tsresol(9)]),
    enhancedPacket(false, 0, 7_000_000_002n, packet(2)),
  );
  const segments = readClean(file);
  assert.deepEqual(segments.map((s) => [s.index, s.srcPort, s.timestampNs]), [
    [1, 1, 5_000_001_000n],
    [2, 2, 7_000_000_002n],
  ]);
});

test('pcapng: interfaces with if_tsresol 10^-6, 2^-10 and 10^-9 and an if_tsoffset', () => {
  for (const le of [true, false]) {
    const packet = ethernet(ipv4(tcpHeader()), ETHERTYPE_IPV4);
    const file = concat(
      sectionHeader(le),
      interfaceDescription(le, 1, 0, [tsresol(6)]),
      interfaceDescription(le, 1, 0, [tsresol(0x80 | 10), tsoffset(le, 1_000n)]),
      interfaceDescription(le, 228, 0, [tsresol(9), tsoffset(le, -5n)]),
      enhancedPacket(le, 0, 1_500_000n, packet),
      enhancedPacket(le, 1, 1536n, packet),
      enhancedPacket(le, 2, 10_000_000_123n, ipv4(tcpHeader())),
    );
    const segments = readClean(file);
    assert.deepEqual(segments.map((s) => [s.interfaceId, s.timestampNs]), [
      [0, 1_500_000_000n],
      // 1536 / 1024 s = 1.5 s, plus 1000 s of offset.
      [1, 1_001_500_000_000n],
      [2, 5_000_000_123n],
    ]);
  }
});

test('pcapng: a simple packet block, an unknown block skipped, a snap length marking truncation', () => {
  const full = ethernet(ipv4(tcpHeader({ options: SYN_OPTIONS }), { payload: 1000 }), ETHERTYPE_IPV4);
  const file = concat(
    sectionHeader(true),
    block(true, 0x0bad_0001, Uint8Array.from([1, 2, 3, 4, 5])),
    interfaceDescription(true, 1, 60),
    simplePacket(true, full.subarray(0, 60), full.length),
    block(true, 0x0000_0005, new Uint8Array(16)),
  );
  const { segments, end } = readCapture(file);
  assert.equal(end.error, undefined);
  assert.equal(end.format, 'pcapng');
  const [s] = segments;
  assert.ok(s);
  assert.equal(s.timestampNs, undefined);
  assert.equal(s.truncated, true);
  assert.equal(s.payloadLength, 1000);
  assert.equal(s.options.cut, true);
  assert.equal(s.options.mss, 1460);
});

test('link layers: VLAN 802.1Q and QinQ, BSD null in both byte orders, raw IPv4 (101 and 228), SLL, SLL2', () => {
  const ip = ipv4(tcpHeader({ srcPort: 7 }));
  const sll = concat(new Uint8Array(14), Uint8Array.of(0x08, 0x00), ip);
  const sll2 = concat(Uint8Array.of(0x08, 0x00), new Uint8Array(18), ip);
  const cases: [number, Uint8Array][] = [
    [1, ethernet(ip, ETHERTYPE_IPV4, [0x8100])],
    [1, ethernet(ip, ETHERTYPE_IPV4, [0x88a8, 0x8100])],
    [0, concat(Uint8Array.of(2, 0, 0, 0), ip)],
    [0, concat(Uint8Array.of(0, 0, 0, 2), ip)],
    [108, concat(Uint8Array.of(0, 0, 0, 2), ip)],
    [101, ip],
    [228, ip],
    [113, sll],
    [276, sll2],
  ];
  for (const [linkType, data] of cases) {
    const segments = readClean(pcapFile({ littleEndian: true, linkType }, [{ seconds: 1, fraction: 0, data }]));
    assert.equal(segments.length, 1, `link type ${linkType}`);
    assert.equal(segments[0]!.srcPort, 7);
  }
  const v6 = ipv6(tcpHeader({ srcPort: 9 }));
  for (const family of [[30, 0, 0, 0], [0, 0, 0, 24], [10, 0, 0, 0], [28, 0, 0, 0]]) {
    const segments = readClean(pcapFile({ littleEndian: true, linkType: 0 }, [{ seconds: 1, fraction: 0, data: concat(Uint8Array.from(family), v6) }]));
    assert.equal(segments[0]?.srcPort, 9, `family bytes ${family.join(',')}`);
  }
  assert.equal(readClean(pcapFile({ littleEndian: true, linkType: 101 }, [{ seconds: 1, fraction: 0, data: v6 }]))[0]?.ipVersion, 6);
});

test('IPv4 with options (IHL 6 and 15) keeps the TCP header and the payload length', () => {
  for (const optionBytes of [4, 40]) {
    const options = new Uint8Array(optionBytes).fill(1); // NOPs
    const data = ipv4(tcpHeader({ dstPort: 22 }), { options, payload: 33 });
    const [s] = readClean(pcapFile({ littleEndian: true, linkType: 228 }, [{ seconds: 1, fraction: 0, data }]));
    assert.equal(s?.dstPort, 22);
    assert.equal(s?.payloadLength, 33);
  }
});

test('IPv4 fragments: the first is marked, later ones are counted as non-TCP', () => {
  const first = ipv4(tcpHeader(), { flagsAndOffset: 0x2000, payload: 8 });
  const later = ipv4(new Uint8Array(16), { flagsAndOffset: 0x0003 });
  const { segments, end } = readCapture(pcapFile({ littleEndian: true, linkType: 228 }, [
    { seconds: 1, fraction: 0, data: first },
    { seconds: 1, fraction: 0, data: later },
  ]));
  assert.equal(segments.length, 1);
  assert.equal(segments[0]!.fragment, true);
  assert.equal(end.nonTcp, 1);
});

test('IPv6 with hop-by-hop, destination options, fragment and AH headers', () => {
  const hopByHop: [number, Uint8Array] = [0, Uint8Array.from([0, 0, 1, 4, 0, 0, 0, 0])];
  const destination: [number, Uint8Array] = [60, Uint8Array.from([0, 1, ...new Uint8Array(14)])];
  const fragment: [number, Uint8Array] = [44, Uint8Array.from([0, 0, 0, 1, 0, 0, 0, 42])];
  const authentication: [number, Uint8Array] = [51, Uint8Array.from([0, 1, 0, 0, ...new Uint8Array(8)])];
  const data = ipv6(tcpHeader({ srcPort: 5 }), { extensions: [hopByHop, destination, fragment, authentication], payload: 77 });
  const [s] = readClean(pcapFile({ littleEndian: false, linkType: 1 }, [{ seconds: 1, fraction: 0, data: ethernet(data, ETHERTYPE_IPV6) }]));
  assert.ok(s);
  assert.deepEqual([s.srcPort, s.payloadLength, s.fragment, s.src, s.dst], [5, 77, true, '2001:db8::1', '2001:db8::2']);
  const later = ipv6(new Uint8Array(20), { extensions: [[44, Uint8Array.from([0, 0, 0, 0x10, 0, 0, 0, 42])]] });
  const { segments, end } = readCapture(pcapFile({ littleEndian: false, linkType: 229 }, [{ seconds: 1, fraction: 0, data: later }]));
  assert.deepEqual([segments.length, end.nonTcp], [0, 1]);
});

test('TCP SACK blocks and unknown options', () => {
  const options = Uint8Array.from([1, 1, 5, 18, 0, 0, 0, 10, 0, 0, 0, 20, 0, 0, 0, 30, 0, 0, 0, 40, 30, 2]);
  const [s] = readClean(pcapFile({ littleEndian: true, linkType: 228 }, [{ seconds: 1, fraction: 0, data: ipv4(tcpHeader({ options })) }]));
  assert.deepEqual(s?.options, { sack: [{ left: 10, right: 20 }, { left: 30, right: 40 }], other: [30] });
});

test('IPv6 text is RFC 5952', () => {
  const text = (hex: string): string => ipv6Text(Uint8Array.from(hex.match(/../g)!.map((h) => parseInt(h, 16))), 0);
  assert.equal(text('00000000000000000000000000000001'), '::1');
  assert.equal(text('00000000000000000000000000000000'), '::');
  assert.equal(text('20010db8000000000001000000000001'), '2001:db8::1:0:0:1');
  assert.equal(text('20010db8000100000000000100000001'), '2001:db8:1::1:0:1');
  assert.equal(text('20010db8000000010001000100010001'), '2001:db8:0:1:1:1:1:1');
  assert.equal(text('fe800000000000000000abcd00000000'), 'fe80::abcd:0:0');
  assert.equal(text('00000000000000000000ffffc0000201'), '::ffff:192.0.2.1');
  assert.equal(text('20010DB8AAAA000000000000000000FF'.toLowerCase()), '2001:db8:aaaa::ff');
});
