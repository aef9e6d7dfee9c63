// A connection of a capture timeline written by hand (not a test itself: the build bundles only
// *.test.ts): the sequence diagram's and the protocol's tests start from the same one.
import type { InferredState, TimelineConnection, TimelineSegment } from '../../src/core/timeline/types';

type States = readonly [InferredState, InferredState];

export function segment(index: number, from: 0 | 1, flags: string, states: States, extra: Partial<TimelineSegment> = {}): TimelineSegment {
  return { index, offsetNs: index * 1_000_000, from, flags, seq: 1000 + index, ack: 5000 + index, relSeq: index, relAck: index, len: 0, window: 65535, marks: [], states, rows: [], ...extra };
}

/** A client that closes first: the handshake, `data` data segments, the four-way close. */
export function clientClosesFirst(data = 2, overrides: Partial<TimelineConnection> = {}): TimelineConnection {
  const E: States = ['ESTABLISHED', 'ESTABLISHED'];
  const list: TimelineSegment[] = [
    segment(1, 0, 'SYN', ['SYN-SENT', 'SYN-RECEIVED']),
    segment(2, 1, 'SYN,ACK', ['ESTABLISHED', 'SYN-RECEIVED']),
    segment(3, 0, 'ACK', E),
  ];
  for (let i = 0; i < data; i++) list.push(segment(4 + i, (i % 2) as 0 | 1, 'PSH,ACK', E, { len: 100 }));
  const n = 4 + data;
  list.push(
    segment(n, 0, 'FIN,ACK', ['FIN-WAIT-1', 'CLOSE-WAIT']),
    segment(n + 1, 1, 'ACK', ['FIN-WAIT-2', 'CLOSE-WAIT']),
    segment(n + 2, 1, 'FIN,ACK', ['FIN-WAIT-2', 'LAST-ACK']),
    segment(n + 3, 0, 'ACK', ['TIME-WAIT', 'CLOSED']),
  );
  return {
    id: 0,
    endpoints: [
      { address: '127.0.0.1', port: 40000, label: '127.0.0.1:40000' },
      { address: '::1', port: 80, label: '[::1]:80' },
    ],
    startNs: '1764680000000000000',
    durationNs: 1e6 * n,
    segments: [4, 3],
    bytes: [100, 100],
    opener: 0,
    firstCloser: 0,
    ending: 'fin',
    joinedMidStream: false,
    states: [
      ['SYN-SENT', 'ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'TIME-WAIT'],
      ['LISTEN', 'SYN-RECEIVED', 'ESTABLISHED', 'CLOSE-WAIT', 'LAST-ACK', 'CLOSED'],
    ],
    retransmissions: 0,
    segmentList: list,
    ...overrides,
  };
}
