// One TCP connection as the capture shows it, fed one segment at a time: the two directions'
// numbers, the summary fields of the connection list, the marks, and (when asked) the segment
// list. The states come from the observer (observer.ts), which runs the §3.10 engine. Memory is
// a few numbers per direction plus each endpoint's state list, unless the segments are kept.
// Pure: no `vscode`, no DOM, no Node APIs.
import { Direction, sequenceLength } from './direction';
import { endingOf, hasEnded } from './ending';
import { endpointOf } from './endpoint';
import { flagsText } from './flags-text';
import { marksOf, type PlacedSegment } from './marks';
import type { ObservedSegment } from './observed-segment';
import { Observer, type SegmentRecord } from './observer';
import { NO_ROWS, statePair } from './record-lists';
import type { ConnectionEnding, EndpointIndex, TimelineConnection, TimelineEndpoint, TimelineSegment } from './types';
import type { Profile } from '../simulation/types';

const UNKNOWN_PAIR = statePair('UNKNOWN', 'UNKNOWN');

export class TrackedConnection {
  readonly endpoints: readonly [TimelineEndpoint, TimelineEndpoint];
  private readonly directions: readonly [Direction, Direction] = [new Direction(), new Direction()];
  private readonly observer: Observer;
  private readonly firstTime: bigint | undefined;
  private readonly firstEpoch: bigint | undefined;
  private lastTime: bigint | undefined;
  /** lastTime − firstTime as a number, when both are known: compared instead of the BigInts. */
  private lastOffset: number | undefined;
  private opener: EndpointIndex | undefined;
  private answeredWithSyn = false;
  private firstCloser: EndpointIndex | undefined;
  private retransmissions = 0;
  /** The kept segments; with `handOut`, only those not handed out yet (from `handedOut` on). */
  private readonly kept: SegmentRecord[] | undefined;
  /** TimelineOptions.onSegment, when the segments are kept: each goes there once it has arrived. */
  private readonly handOut: ((connectionId: number, segment: TimelineSegment) => void) | undefined;
  private handedOut = 0;
  /** The ISN of the SYN (no ACK) that opened this connection, as sent; undefined when none was seen. */
  private isn: number | undefined;

  constructor(
    readonly id: number,
    first: ObservedSegment,
    profile: Profile,
    keepSegments: boolean,
    headerPrediction = true,
    onSegment?: (connectionId: number, segment: TimelineSegment) => void,
  ) {
    this.endpoints = [endpointOf(first.src, first.srcPort), endpointOf(first.dst, first.dstPort)];
    this.firstTime = first.timeNs;
    this.firstEpoch = first.epochNs;
    this.observer = new Observer(profile, headerPrediction);
    this.kept = keepSegments ? [] : undefined;
    this.handOut = keepSegments ? onSegment : undefined;
  }

  /** Capture time of the last segment, for dropping connections long finished. */
  get lastTimeNs(): bigint | undefined {
    return this.lastTime;
  }

  get ending(): ConnectionEnding {
    return endingOf(this.directions, this.opener, this.answeredWithSyn, this.observer.reset);
  }

  get ended(): boolean {
    return hasEnded(this.ending);
  }

  get openingIsn(): number | undefined {
    return this.isn;
  }

  /** Whether the segment comes from the endpoint that opened the connection. */
  fromOpener(segment: ObservedSegment): boolean {
    return this.opener !== undefined && this.senderOf(segment) === this.opener;
  }

  take(segment: ObservedSegment): void {
    const from = this.senderOf(segment);
    const sender = this.directions[from];
    const peer = this.directions[from === 0 ? 1 : 0];
    const flags = segment.flags;
    const syn = flags?.syn ?? false;
    const fin = flags?.fin ?? false;
    const rst = flags?.rst ?? false;
    const ackFlag = flags?.ack ?? segment.wireAck !== undefined;
    if (syn && segment.wireSeq !== undefined) sender.space.setIsn(segment.wireSeq);
    // A SYN,ACK whose SYN was not captured still names the opener's ISN: its ACK − 1.
    if (syn && ackFlag && !peer.space.known && segment.wireAck !== undefined) peer.space.setIsn((segment.wireAck - 1) >>> 0);
    // A line of tcpdump text prints no SEQ on a pure ACK: it is SND.NXT (RFC 9293 §3.10.7.4 sends <SEQ=SND.NXT>).
    const seq = segment.wireSeq !== undefined ? sender.space.place(segment.wireSeq) : sender.sentEnd;
    const ack = segment.wireAck !== undefined ? peer.space.place(segment.wireAck) : undefined;
    const placed: PlacedSegment = { syn, fin, rst, ackFlag, seq, ack, len: segment.len, window: segment.window, truncated: segment.truncated };
    // One BigInt operation per segment: the offset, then compared as a number (noteTime).
    const offsetNs = segment.timeNs !== undefined && this.firstTime !== undefined ? Number(segment.timeNs - this.firstTime) : undefined;
    const record: SegmentRecord = {
      index: segment.index,
      offsetNs,
      from,
      flags: flagsText(flags),
      seq: segment.seq,
      ack: segment.ack,
      relSeq: segment.wireSeq !== undefined ? sender.space.relative(segment.wireSeq) : undefined,
      relAck: segment.wireAck !== undefined ? peer.space.relative(segment.wireAck) : undefined,
      len: segment.len,
      window: segment.window,
      marks: marksOf(placed, sender, peer),
      states: UNKNOWN_PAIR,
      rows: NO_ROWS,
    };
    this.noteOpenAndClose(from, placed, segment);
    this.observer.take(from, placed, record);
    this.remember(sender, peer, placed);
    if (record.marks.includes('retransmission')) this.retransmissions++;
    // The latest time seen, not the last segment's: a capture's clock can step back (NTP, merged
    // files), and a connection's duration must not come out negative.
    if (segment.timeNs !== undefined) this.noteTime(segment.timeNs, offsetNs);
    if (this.kept === undefined) return;
    this.kept.push(record);
    if (this.handOut !== undefined) this.handOutArrived();
  }

  /**
   * Hands out the kept segments that have arrived, in capture order: up to the first still on
   * its way. That one is the head of its receiver's queue if it is waiting, since everything
   * captured before it was handed out, so has arrived (each direction arrives in order).
   * `all`: the capture is over for this connection, what is left is final (a SYN never
   * answered stays on its way).
   */
  private handOutArrived(all = false): void {
    const kept = this.kept!;
    let i = this.handedOut;
    for (; i < kept.length; i++) {
      const record = kept[i]!;
      if (!all && this.observer.waitingFor(record.from === 0 ? 1 : 0) === record) break;
      this.handOut!(this.id, record);
    }
    if (i === kept.length) {
      // Emptied by pops (usually one or two): setting `length` is a call into the runtime.
      while (kept.length > 0) kept.pop();
      i = 0;
    }
    this.handedOut = i;
  }

  /**
   * Keeps the latest time: two offsets from the same first time compare as the times do while
   * they are exact (below 2^53 ns, 104 days); beyond, or without an offset, the BigInts.
   */
  private noteTime(time: bigint, offset: number | undefined): void {
    const last = this.lastOffset;
    const exact = offset !== undefined && last !== undefined && Math.abs(offset) <= Number.MAX_SAFE_INTEGER && Math.abs(last) <= Number.MAX_SAFE_INTEGER;
    if (exact ? offset > last : this.lastTime === undefined || time > this.lastTime) {
      this.lastTime = time;
      this.lastOffset = offset;
    }
  }

  private senderOf(segment: ObservedSegment): EndpointIndex {
    const [a] = this.endpoints;
    return segment.src === a.address && segment.srcPort === a.port ? 0 : 1;
  }

  private noteOpenAndClose(from: EndpointIndex, s: PlacedSegment, segment: ObservedSegment): void {
    if (s.syn && this.opener === undefined) {
      // A SYN,ACK seen first shows that the other endpoint opened (its SYN was not captured).
      this.opener = s.ackFlag ? (from === 0 ? 1 : 0) : from;
      if (!s.ackFlag) this.isn = segment.wireSeq;
    }
    if (s.syn && s.ackFlag && from !== this.opener) this.answeredWithSyn = true;
    if ((s.fin || s.rst) && this.firstCloser === undefined) this.firstCloser = from;
  }

  private remember(sender: Direction, peer: Direction, s: PlacedSegment): void {
    sender.segments++;
    sender.bytes += s.len;
    if (s.syn) sender.sentSyn = true;
    if (s.rst) sender.sentRst = true;
    if (s.seq !== undefined) {
      const end = s.seq + sequenceLength(s);
      if (sender.sentEnd === undefined || end > sender.sentEnd) sender.sentEnd = end;
      if (s.fin) sender.finEnd = end;
    }
    sender.lastAck = s.ack;
    sender.lastSeq = s.seq;
    sender.lastWindow = s.window;
    if (s.ack !== undefined && peer.finEnd !== undefined && s.ack >= peer.finEnd) peer.finAcked = true;
  }

  /** The connection as the timeline hands it out; what is still in flight is taken to have arrived. */
  summary(): TimelineConnection {
    this.observer.finish();
    if (this.handOut !== undefined) this.handOutArrived(true);
    const [a, b] = this.directions;
    return {
      id: this.id,
      endpoints: this.endpoints,
      startNs: this.firstEpoch?.toString(),
      durationNs: this.firstTime !== undefined && this.lastTime !== undefined ? Math.max(0, Number(this.lastTime - this.firstTime)) : undefined,
      segments: [a.segments, b.segments],
      bytes: [a.bytes, b.bytes],
      opener: this.opener,
      firstCloser: this.firstCloser,
      ending: this.ending,
      joinedMidStream: !a.sentSyn && !b.sentSyn,
      states: this.observer.stateLists(),
      retransmissions: this.retransmissions,
      segmentList: this.handOut !== undefined ? [] : (this.kept ?? []),
    };
  }
}
