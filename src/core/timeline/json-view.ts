// The timeline as the CLI's --json prints it (issue 14): each connection's endpoints as
// {"address": "IP:PORT", "states": [...]} with RFC 9293 state names in order, what each sent,
// and the segments with their marks. The endpoints are named by address everywhere (opener,
// closer, a segment's sender), so a reader never has to resolve an index. Pure data.
import type { SkippedLinkType } from '../capture';
import type { Locale, Localized } from '../model/locales';
import type { InferredState, SegmentMark, Timeline, TimelineConnection } from './types';

/** Why the last state of an endpoint in TIME-WAIT is not followed by CLOSED. */
export const TIME_WAIT_NOTE: Localized<string> = {
  en: "TIME-WAIT's end is never on the wire: Linux ends it after 60 s (TCP_TIMEWAIT_LEN, include/net/tcp.h); RFC 9293 §3.10.8 after 2 MSL",
  'zh-cn': 'TIME-WAIT 的结束从不出现在线路上：Linux 在 60 秒后结束它（TCP_TIMEWAIT_LEN，include/net/tcp.h）；RFC 9293 §3.10.8 规定为 2 MSL 之后',
};

export interface JsonEndpoint {
  readonly address: string;
  readonly states: readonly InferredState[];
  readonly segmentsSent: number;
  readonly bytesSent: number;
  readonly note?: string;
}

export interface JsonSegment {
  readonly index: number;
  readonly offsetNs: number | null;
  readonly from: string;
  readonly flags: string;
  readonly seq: number | null;
  readonly ack: number | null;
  readonly relSeq: number | null;
  readonly relAck: number | null;
  readonly len: number;
  readonly window: number | null;
  readonly marks: readonly SegmentMark[];
  /** Each endpoint's state after the segment, in the order of `endpoints`. */
  readonly states: readonly InferredState[];
  readonly rows: readonly string[];
}

export interface JsonConnection {
  readonly id: number;
  readonly endpoints: readonly [JsonEndpoint, JsonEndpoint];
  readonly startNs: string | null;
  readonly durationNs: number | null;
  readonly opener: string | null;
  readonly firstCloser: string | null;
  readonly ending: TimelineConnection['ending'];
  readonly joinedMidStream: boolean;
  readonly retransmissions: number;
  readonly segments: readonly JsonSegment[];
}

export interface JsonTimeline {
  readonly source: Timeline['source'];
  readonly profile: Timeline['profile'];
  readonly tcpSegments: number;
  readonly error: string | null;
  /** Frames of link types the reader does not decode, by link type (empty when none). */
  readonly skippedLinkTypes: readonly SkippedLinkType[];
  readonly connections: readonly JsonConnection[];
}

// JSON has no undefined: a field the capture does not show is null, so every key is always there.
const orNull = <T>(value: T | undefined): T | null => (value === undefined ? null : value);

/** A connection as JSON; its note (the one sentence in it) in `locale`. */
export function connectionJson(c: TimelineConnection, locale: Locale = 'en'): JsonConnection {
  const label = (index: 0 | 1 | undefined): string | null => (index === undefined ? null : c.endpoints[index].label);
  const endpoint = (index: 0 | 1): JsonEndpoint => {
    const states = c.states[index];
    return {
      address: c.endpoints[index].label,
      states,
      segmentsSent: c.segments[index],
      bytesSent: c.bytes[index],
      ...(states.at(-1) === 'TIME-WAIT' ? { note: TIME_WAIT_NOTE[locale] } : {}),
    };
  };
  return {
    id: c.id,
    endpoints: [endpoint(0), endpoint(1)],
    startNs: orNull(c.startNs),
    durationNs: orNull(c.durationNs),
    opener: label(c.opener),
    firstCloser: label(c.firstCloser),
    ending: c.ending,
    joinedMidStream: c.joinedMidStream,
    retransmissions: c.retransmissions,
    segments: c.segmentList.map((s) => ({
      index: s.index,
      offsetNs: orNull(s.offsetNs),
      from: c.endpoints[s.from].label,
      flags: s.flags,
      seq: orNull(s.seq),
      ack: orNull(s.ack),
      relSeq: orNull(s.relSeq),
      relAck: orNull(s.relAck),
      len: s.len,
      window: orNull(s.window),
      marks: s.marks,
      states: s.states,
      rows: s.rows,
    })),
  };
}

export function timelineJson(timeline: Timeline, locale: Locale = 'en'): JsonTimeline {
  return {
    source: timeline.source,
    profile: timeline.profile,
    tcpSegments: timeline.tcpSegments,
    error: orNull(timeline.error),
    skippedLinkTypes: timeline.skippedLinkTypes ?? [],
    connections: timeline.connections.map((c) => connectionJson(c, locale)),
  };
}
