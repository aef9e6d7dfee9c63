// The streaming connection tracker: segments in capture order in, connections out. Open
// connections are held by their 4-tuple (either direction); a connection that has ended is
// held a while longer for its late segments (the last ACK, a FIN sent again) and then reduced
// to its summary, so memory follows the connections open at once, not the file's size.
// Pure: no `vscode`, no DOM, no Node APIs.
import type { Profile } from '../simulation/types';

/** The profiles a capture is read under. */
export type TimelineProfile = Exclude<Profile, 'freebsd'>;
import { TrackedConnection } from './connection';
import { observe, type AnySegment, type ObservedSegment } from './observed-segment';
import { RecencyList } from './recency-list';
import { TupleIndex } from './tuple-index';
import type { Timeline, TimelineConnection, TimelineSegment } from './types';

export interface TimelineOptions {
  /** Whose behaviour where Linux and RFC 9293 differ; default 'linux' (captures are mostly of Linux hosts). */
  /** Whose behaviour explains the capture: the timeline reads RFC 9293's or Linux's (not FreeBSD's, the explorer's). */
  readonly profile?: TimelineProfile;
  /**
   * Keep each connection's segment list (default false: summaries only). A function keeps the
   * segments of the connections it accepts: read the file again with `(id) => id === wanted`
   * to show one connection of a large capture.
   */
  readonly keepSegments?: boolean | ((connectionId: number) => boolean);
  /**
   * Each connection as soon as nothing more can change it (it ended and its late segments had
   * time to come, or the capture ended), instead of in `end()`'s list: memory then follows the
   * connections open at once even with their segments kept, and output can start before the
   * file is read. Called in the order connections are done, not by id.
   */
  readonly onConnection?: (connection: TimelineConnection) => void;
  /**
   * Each kept segment (keepSegments) once nothing more can change it (it has arrived), in
   * capture order within its connection, instead of in the connection's segmentList (left
   * empty): a large capture's segments are then not all held as objects until their connection
   * is done, only until they arrive. The segment is the caller's to read now, not to keep
   * (the CLI writes its line at once).
   */
  readonly onSegment?: (connectionId: number, segment: TimelineSegment) => void;
  /**
   * Take the common segment of an established connection by header prediction (default true:
   * header-prediction.ts), the same answer faster; false walks every segment through the full
   * §3.10 steps, the reference its test compares against.
   */
  readonly headerPrediction?: boolean;
}

/** How the reading ended, for `end`: the file's format and why it stopped early, if it did. */
export interface ReadingEnd {
  readonly source?: Timeline['source'];
  readonly error?: string;
  readonly skippedLinkTypes?: Timeline['skippedLinkTypes'];
}

/**
 * Linux's TIME-WAIT length, TCP_TIMEWAIT_LEN (include/net/tcp.h: 60 s): after it no segment
 * of the ended connection can arrive, so the connection is reduced to its summary.
 */
export const TIME_WAIT_LEN_NS = 60_000_000_000n;

/**
 * Ended connections held for late segments at most; beyond, the oldest is handed out. A dense
 * capture ends hundreds of connections within TIME_WAIT_LEN: this bounds what they keep (their
 * engines, and their segments when kept). A late segment of one handed out (a FIN sent again
 * after its ACK was lost) then shows as a connection of its own, joined mid-stream.
 */
const MAX_ENDED_HELD = 256;

export class TimelineBuilder {
  /** The connections held, in the order they were first seen. */
  private readonly open = new Set<TrackedConnection>();
  /** Each of `open` by its 4-tuple. */
  private readonly byTuple = new TupleIndex<TrackedConnection>();
  /** Those of `open` that have ended, by their last segment, oldest first. */
  private readonly ended = new RecencyList<TrackedConnection>();
  private readonly done: TimelineConnection[] = [];
  private readonly profile: TimelineProfile;
  private readonly keep: (id: number) => boolean;
  private readonly onConnection: ((connection: TimelineConnection) => void) | undefined;
  private readonly onSegment: ((connectionId: number, segment: TimelineSegment) => void) | undefined;
  private readonly headerPrediction: boolean;
  private nextId = 0;
  /** releaseTime's last answer, and what it was for. */
  private releaseOf: TrackedConnection | undefined;
  private releaseLast: bigint | undefined;
  private releaseAt = 0n;
  private segments = 0;
  private sawText = false;

  constructor(options: TimelineOptions = {}) {
    this.profile = options.profile ?? 'linux';
    const keep = options.keepSegments ?? false;
    this.keep = typeof keep === 'function' ? keep : () => keep;
    this.onConnection = options.onConnection;
    this.onSegment = options.onSegment;
    this.headerPrediction = options.headerPrediction ?? true;
  }

  push(input: AnySegment): void {
    this.segments++;
    if ('line' in input) this.sawText = true;
    const segment = observe(input);
    let connection = this.byTuple.get(segment.src, segment.srcPort, segment.dst, segment.dstPort);
    if (connection !== undefined && startsNewConnection(connection, segment)) {
      this.finish(connection);
      connection = undefined;
    }
    if (connection === undefined) {
      connection = new TrackedConnection(this.nextId, segment, this.profile, this.keep(this.nextId), this.headerPrediction, this.onSegment);
      this.nextId++;
      this.open.add(connection);
      this.byTuple.set(segment.src, segment.srcPort, segment.dst, segment.dstPort, connection);
    }
    connection.take(segment);
    if (connection.ended) this.ended.touch(connection);
    this.release(segment.timeNs);
  }

  /** Every connection (but those handed to `onConnection`), in the order first seen; the builder is spent afterwards. */
  end(reading: ReadingEnd = {}): Timeline {
    for (const connection of this.open) this.finish(connection);
    const connections = this.done.sort((a, b) => a.id - b.id);
    return {
      source: reading.source ?? (this.sawText ? 'tcpdump-text' : 'pcap'),
      connections,
      tcpSegments: this.segments,
      error: reading.error,
      ...(reading.skippedLinkTypes?.length ? { skippedLinkTypes: reading.skippedLinkTypes } : {}),
      profile: this.profile,
    };
  }

  private finish(connection: TrackedConnection): void {
    const summary = connection.summary();
    if (this.onConnection) this.onConnection(summary);
    else this.done.push(summary);
    const [a, b] = connection.endpoints;
    this.byTuple.delete(a.address, a.port, b.address, b.port);
    this.open.delete(connection);
    this.ended.delete(connection);
  }

  /**
   * `last` + TIME_WAIT_LEN: after it nothing of the connection can arrive. Asked for the oldest
   * ended connection on every segment, and a BigInt sum is an allocation: it is made again only
   * when the connection or its last time changed.
   */
  private releaseTime(connection: TrackedConnection, last: bigint): bigint {
    if (connection !== this.releaseOf || last !== this.releaseLast) {
      this.releaseOf = connection;
      this.releaseLast = last;
      this.releaseAt = last + TIME_WAIT_LEN_NS;
    }
    return this.releaseAt;
  }

  /** Reduces to summaries the ended connections that nothing more can reach. */
  private release(now: bigint | undefined): void {
    for (let connection = this.ended.first; connection !== undefined; connection = this.ended.first) {
      const last = connection.lastTimeNs;
      const old = now !== undefined && last !== undefined && now > this.releaseTime(connection, last);
      if (!old && this.ended.size <= MAX_ENDED_HELD) return;
      this.finish(connection);
    }
  }
}

/**
 * A SYN without ACK on a tuple already in use starts a new connection when the old one has
 * ended (both FINs acknowledged, reset, refused: a new SYN in TIME-WAIT is accepted when its
 * sequence number is beyond the old connection's, RFC 9293 §3.10.7.4 and RFC 6191; we do not
 * compare, any SYN after the end is new), or when the old one never got past its SYN and this
 * SYN, from the same endpoint, has another ISN (a new connect() from a reused port; a SYN from
 * the other endpoint is a simultaneous open, RFC 9293 Figure 7).
 */
function startsNewConnection(connection: TrackedConnection, segment: ObservedSegment): boolean {
  const flags = segment.flags;
  if (!flags?.syn || flags.ack) return false;
  if (connection.ended) return true;
  return connection.ending === 'no-answer' && connection.fromOpener(segment) && connection.openingIsn !== undefined && segment.wireSeq !== connection.openingIsn;
}
