// The Mermaid sequence diagram of one connection of a capture timeline (issue 14): one lifeline
// per endpoint, one arrow per segment (flags, relative and absolute seq/ack, length, time offset,
// marks), and each endpoint's inferred state noted over its lifeline where it changes. The data
// phase folds into one note with a count, so a long connection stays quick to lay out. Used by the
// capture editor and open to the CLI. Pure: no `vscode`, no DOM.
//
// Every text that comes from a capture (addresses, and anything a tcpdump text line carried)
// goes through `mermaidEscape`, so no file can write Mermaid syntax or markup into the diagram.
import type { Locale, Localized } from '../model/locales';
import type { EndpointIndex, InferredState, SegmentMark, TimelineConnection, TimelineSegment } from '../timeline/types';

export interface SequenceOptions {
  readonly locale?: Locale;
  /** Draw the data phase segment by segment instead of folding it (still capped at MAX_ARROWS). */
  readonly expanded?: boolean;
}

export interface SequenceDiagram {
  /** The Mermaid source (`sequenceDiagram`). */
  readonly source: string;
  /** Arrows drawn. */
  readonly arrows: number;
  /** Segments folded into "… N data segments …" notes (0 when expanded or nothing to fold). */
  readonly folded: number;
  /** Segments left out past MAX_ARROWS, even when expanded. */
  readonly notDrawn: number;
  /** The marks that appear on the arrows, in SEGMENT_MARKS order: what the legend explains. */
  readonly marks: readonly SegmentMark[];
}

/** Runs of plain data segments longer than this fold into one note. */
export const FOLD_MIN_RUN = 8;
/** Plain segments kept on each side of a folded run, so the fold is seen in context. */
const KEEP_AROUND_FOLD = 2;
/** Mermaid lays a sequence diagram out in time proportional to its messages: beyond this, not drawn. */
export const MAX_ARROWS = 600;

export const SEGMENT_MARKS: readonly SegmentMark[] = ['retransmission', 'duplicate-ack', 'out-of-window', 'challenge-ack', 'keep-alive', 'zero-window', 'truncated'];

interface Words {
  readonly marks: Readonly<Record<SegmentMark, { readonly short: string; readonly explained: string }>>;
  readonly folded: (count: string, first: number, last: number) => string;
  readonly notDrawn: (count: string) => string;
  readonly joined: string;
  readonly unknown: string;
  readonly timeWait: string;
  readonly title: (a: string, b: string) => string;
}

export const SEQUENCE_WORDS: Localized<Words> = {
  en: {
    marks: {
      retransmission: { short: 'retransmission', explained: 'sequence space this endpoint had already sent, sent again' },
      'duplicate-ack': { short: 'dup ACK', explained: 'the same acknowledgment again, with no data and no window change' },
      'out-of-window': { short: 'out of window', explained: "fails the receiver's acceptability test (RFC 9293 §3.10.7.4)" },
      'challenge-ack': { short: 'challenge ACK', explained: 'an ACK answering an in-window RST or SYN that was not exact (RFC 5961 §3.2, §4.2)' },
      'keep-alive': { short: 'keep-alive', explained: 'SEG.SEQ = SND.NXT − 1 with 0 or 1 byte, sent to elicit an ACK (RFC 9293 §3.8.4)' },
      'zero-window': { short: 'zero window', explained: 'the sender advertises a window of 0: the peer must stop sending' },
      truncated: { short: 'truncated', explained: 'the snap length cut the packet: its headers are whole, its payload is not' },
    },
    folded: (count, first, last) => `… ${count} data segments (frames ${first}–${last}) …`,
    notDrawn: (count) => `… ${count} more segments not drawn …`,
    joined: 'joined after the handshake: the states before are unknown',
    unknown: 'unknown',
    timeWait: 'TIME-WAIT: its end is not on the wire (Linux: 60 s)',
    title: (a, b) => `TCP connection ${a} ↔ ${b}`,
  },
  'zh-cn': {
    marks: {
      retransmission: { short: '重传', explained: '该端点已发送过的序号空间被再次发送' },
      'duplicate-ack': { short: '重复 ACK', explained: '相同的确认号再次出现，无数据，窗口未变' },
      'out-of-window': { short: '窗口外', explained: '未通过接收方的可接受性检查（RFC 9293 §3.10.7.4）' },
      'challenge-ack': { short: '挑战 ACK', explained: '对窗口内但不精确的 RST 或 SYN 的应答 ACK（RFC 5961 §3.2、§4.2）' },
      'keep-alive': { short: '保活', explained: 'SEG.SEQ = SND.NXT − 1，0 或 1 字节，用于引出一个 ACK（RFC 9293 §3.8.4）' },
      'zero-window': { short: '零窗口', explained: '发送方通告窗口为 0：对端必须停止发送' },
      truncated: { short: '截断', explained: '抓包长度截断了该包：首部完整，载荷不完整' },
    },
    folded: (count, first, last) => `… ${count} 个数据报文段（帧 ${first}–${last}）…`,
    notDrawn: (count) => `… 另有 ${count} 个报文段未画出 …`,
    joined: '抓包始于握手之后：此前的状态未知',
    unknown: '未知',
    timeWait: 'TIME-WAIT：其结束不会出现在线路上（Linux：60 秒）',
    title: (a, b) => `TCP 连接 ${a} ↔ ${b}`,
  },
};

/** Characters that are plain text anywhere in a Mermaid sequence statement after its colon. */
const SAFE = /[\p{L}\p{N} .,?=+()[\]/_·…→↔×−–-]/u;

/**
 * Text made inert for Mermaid: every character outside a small safe set becomes Mermaid's entity
 * code `#NNN;` (decoded by Mermaid into a character of the SVG text, never into markup), so `;`,
 * `#`, `:`, `<`, `>`, quotes, `%%` comments and line breaks cannot end a statement or start one.
 */
export function mermaidEscape(text: string): string {
  let out = '';
  for (const char of text) out += SAFE.test(char) ? char : `#${char.codePointAt(0)};`;
  return out;
}

const PARTICIPANTS = ['A', 'B'] as const;

/**
 * Tighter than Mermaid's defaults, which give each of a capture's many arrows a lot of room, and
 * the endpoints drawn once at the top (not mirrored at the bottom, far below on a long exchange).
 * A directive of our own: the only line of the source not built from escaped text.
 */
export const SEQUENCE_CONFIG = '%%{init: {"sequence": {"mirrorActors": false, "messageMargin": 24, "boxMargin": 6, "noteMargin": 6, "actorMargin": 120, "height": 40}}}%%';

function stateText(state: InferredState, words: Words): string {
  return state === 'UNKNOWN' ? `? ${words.unknown}` : state;
}

/** "+12.345 ms", or seconds from one second on; empty without timestamps. */
export function offsetText(ns: number | undefined): string {
  if (ns === undefined) return '';
  if (ns < 1e9) return `+${(ns / 1e6).toFixed(3)} ms`;
  return `+${(ns / 1e9).toFixed(6)} s`;
}

function numbers(name: string, relative: number | undefined, absolute: number | undefined): string {
  if (relative === undefined && absolute === undefined) return '';
  if (relative === undefined) return `${name}=${absolute}`;
  return absolute === undefined ? `${name}=${relative}` : `${name}=${relative} (${absolute})`;
}

/** The arrow's two lines: what the segment is, then where and when it is. */
function arrowLabel(segment: TimelineSegment, words: Words): string {
  const ack = segment.flags.split(',').includes('ACK') ? numbers('ack', segment.relAck, segment.ack) : '';
  const first = [segment.flags || '(no flags)', numbers('seq', segment.relSeq, segment.seq), ack, `len=${segment.len}`].filter(Boolean).join(' ');
  const marks = segment.marks.map((mark) => `[${words.marks[mark].short}]`).join(' ');
  const second = [`#${segment.index}`, offsetText(segment.offsetNs), marks].filter(Boolean).join(' ');
  return `${mermaidEscape(first)}<br/>${mermaidEscape(second)}`;
}

/** RST arrows end in a cross; marked segments are dashed: both read at a glance, the legend says why. */
function arrowOf(segment: TimelineSegment): string {
  const [from, to] = segment.from === 0 ? PARTICIPANTS : ([PARTICIPANTS[1], PARTICIPANTS[0]] as const);
  const line = segment.flags.split(',').includes('RST') ? '-x' : segment.marks.length > 0 ? '-->>' : '->>';
  return `${from}${line}${to}`;
}

/** A segment worth its own arrow even inside the data phase: control flags, marks, a state change. */
function notable(segment: TimelineSegment, before: readonly [InferredState, InferredState]): boolean {
  return /SYN|FIN|RST/.test(segment.flags) || segment.marks.length > 0 || segment.states[0] !== before[0] || segment.states[1] !== before[1];
}

type Line = { readonly kind: 'segment'; readonly segment: TimelineSegment } | { readonly kind: 'fold'; readonly count: number; readonly first: number; readonly last: number };

/** The segments as drawn: runs of plain data segments longer than FOLD_MIN_RUN folded, unless expanded. */
function linesOf(connection: TimelineConnection, expanded: boolean): Line[] {
  const lines: Line[] = [];
  let run: TimelineSegment[] = [];
  const flush = (): void => {
    if (expanded || run.length <= FOLD_MIN_RUN) {
      for (const segment of run) lines.push({ kind: 'segment', segment });
    } else {
      const middle = run.slice(KEEP_AROUND_FOLD, run.length - KEEP_AROUND_FOLD);
      for (const segment of run.slice(0, KEEP_AROUND_FOLD)) lines.push({ kind: 'segment', segment });
      lines.push({ kind: 'fold', count: middle.length, first: middle[0]!.index, last: middle[middle.length - 1]!.index });
      for (const segment of run.slice(run.length - KEEP_AROUND_FOLD)) lines.push({ kind: 'segment', segment });
    }
    run = [];
  };
  let before = initialStates(connection);
  for (const segment of connection.segmentList) {
    if (notable(segment, before)) {
      flush();
      lines.push({ kind: 'segment', segment });
    } else run.push(segment);
    before = segment.states;
  }
  flush();
  return lines;
}

/** Each endpoint's state before the first segment: the first of its list (LISTEN for a server). */
function initialStates(connection: TimelineConnection): readonly [InferredState, InferredState] {
  return [connection.states[0][0] ?? 'UNKNOWN', connection.states[1][0] ?? 'UNKNOWN'];
}

/** The sequence diagram of `connection` (its kept segments), in `options.locale`. */
export function sequenceDiagram(connection: TimelineConnection, options: SequenceOptions = {}): SequenceDiagram {
  const words = SEQUENCE_WORDS[options.locale ?? 'en'];
  const format = new Intl.NumberFormat('en-US');
  const [a, b] = connection.endpoints;
  const out = [
    SEQUENCE_CONFIG,
    'sequenceDiagram',
    `  accTitle: ${mermaidEscape(words.title(a.label, b.label))}`,
    `  participant A as ${mermaidEscape(a.label)}`,
    `  participant B as ${mermaidEscape(b.label)}`,
  ];
  const note = (who: EndpointIndex | 'both', text: string): void => {
    out.push(`  Note over ${who === 'both' ? 'A,B' : PARTICIPANTS[who]}: ${mermaidEscape(text)}`);
  };
  if (connection.joinedMidStream) note('both', words.joined);
  const lines = linesOf(connection, options.expanded ?? false);
  const first = connection.segmentList[0];
  // The states before the first segment, where they differ from after it (a server's LISTEN).
  let shown: readonly (InferredState | undefined)[] = [undefined, undefined];
  if (first) {
    const initial = initialStates(connection);
    for (const e of [0, 1] as const) {
      if (initial[e] !== first.states[e] && initial[e] !== 'UNKNOWN') note(e, stateText(initial[e], words));
    }
  }
  const marks = new Set<SegmentMark>();
  let arrows = 0;
  let folded = 0;
  let notDrawn = 0;
  for (const line of lines) {
    if (line.kind === 'fold') {
      if (arrows >= MAX_ARROWS) {
        notDrawn += line.count;
        continue;
      }
      folded += line.count;
      note('both', words.folded(format.format(line.count), line.first, line.last));
      continue;
    }
    if (arrows >= MAX_ARROWS) {
      notDrawn++;
      continue;
    }
    const segment = line.segment;
    out.push(`  ${arrowOf(segment)}: ${arrowLabel(segment, words)}`);
    arrows++;
    for (const mark of segment.marks) marks.add(mark);
    for (const e of [0, 1] as const) {
      const state = segment.states[e];
      if (state === shown[e]) continue;
      note(e, state === 'TIME-WAIT' ? words.timeWait : stateText(state, words));
      shown = e === 0 ? [state, shown[1]] : [shown[0], state];
    }
  }
  if (notDrawn > 0) note('both', words.notDrawn(format.format(notDrawn)));
  return { source: out.join('\n') + '\n', arrows, folded, notDrawn, marks: SEGMENT_MARKS.filter((mark) => marks.has(mark)) };
}
