// The CLI's own words in each language of the core's LOCALES: its help, its messages on standard
// error, and the text forms of `census --text` and `timeline`. The explanations, diagnoses and
// notes are the core's; these are the frame around them. JSON keys and values that are names
// (states, flags, ids) are the same in every language. Runs in plain Node; never loads `vscode`.
import type { TimelineConnection } from './core/timeline';
import { isLocale, LOCALES, toLocale, type Locale, type Localized } from './core/model/locales';
import { EXPLORER_PROFILES } from './core/explorer/profiles';

/** The --lang choices, from the core's one list of locales: 'en|zh-cn' in the help. */
const LANG_OPTION = `--lang ${LOCALES.join('|')}`;
const PROFILES = EXPLORER_PROFILES.join('|');

/** A list of choices as a sentence says it: 'en or zh-cn', 'rfc9293, linux, linux-rfc1337 or freebsd'. */
function choices(items: readonly string[], or: string, separator: string): string {
  return items.length > 1 ? `${items.slice(0, -1).join(separator)}${or}${items[items.length - 1]}` : (items[0] ?? '');
}

export interface CliWords {
  readonly usage: string;
  readonly timelineUsage: string;
  readonly usageHeading: string;
  readonly standardInput: string;
  readonly noSuchFile: (path: string) => string;
  readonly notRegularFile: (path: string) => string;
  readonly looksBinary: (name: string) => string;
  readonly readingAs: (name: string, encoding: string) => string;
  readonly langTakes: string;
  readonly profileTakes: (profiles: readonly string[]) => string;
  readonly coverageTakesNo: (arg: string) => string;
  readonly expectedCommand: string;
  readonly unknownCommand: (command: string) => string;
  readonly unknownSpelling: (token: string) => string;
  readonly census: {
    readonly totals: (mentions: number, lines: number, rows: number) => string;
    readonly ports: string;
    readonly processes: string;
    readonly peers: string;
    readonly separator: string;
  };
  readonly timeline: {
    readonly connectionTakes: string;
    readonly profileTakes: string;
    readonly unknownOption: (option: string) => string;
    readonly oneFile: string;
    readonly empty: (name: string) => string;
    readonly notTcpdump: (lines: number) => string;
    readonly ending: Readonly<Record<TimelineConnection['ending'], string>>;
    readonly totals: (connections: number, segments: number, source: string, profile: string) => string;
    readonly opened: (ending: string, opener: string, closer: string) => string;
    readonly joinedOpener: string;
    readonly sizes: (start: string, duration: string, segmentsA: number, bytesA: number, segmentsB: number, bytesB: number, retransmissions: number) => string;
    /** The segment table's column heads (TCP's own field names stay: seq, ack, len). */
    readonly columns: { readonly ms: string; readonly frame: string; readonly flags: string; readonly seq: string; readonly ack: string; readonly len: string; readonly after: string };
  };
}

const EN: CliWords = {
  usage: `TCP State Lens — explains TCP connection states.

Usage:
  node dist/cli.js find FILE         print each TCP state mention in FILE as one JSON line
  node dist/cli.js find -            the same for standard input
  node dist/cli.js census FILE|-     count the states, group them by port, peer and process,
                                     and say what the numbers suggest (one JSON object)
  node dist/cli.js explain TOKEN     explain a state, e.g. TIME_WAIT, SYN-RECV, TcpState.LastAck
{TIMELINE}  node dist/cli.js coverage [--profile ${PROFILES}]
                                     which rows of the transition table the explorer's events
                                     reach, by the shortest path found, and why the others are
                                     not (one JSON object, in English; default profile rfc9293)
Options:
  ${LANG_OPTION.padEnd(34)} language of the explanations, messages and text
                                     (default: from LC_ALL, LC_MESSAGES or LANG)
  --text                             census as a table for a person
  -h, --help                         this help

Each JSON line: {"line":1,"column":45,"text":"SYN_RECV","state":"SYN-RECEIVED","source":"linux-netstat"}
(line and column 1-based; state is the RFC 9293 name, or a platform-only state's own name).
`,
  timelineUsage: `  node dist/cli.js timeline FILE|-   each TCP connection of a capture (pcap, pcapng) or of tcpdump
                                     text, and each endpoint's states segment by segment
    --json                           the timeline as one JSON object
    --summary                        connections only, no segments (for large captures)
    --connection ID                  only connection ID, with its segments
    --profile linux|rfc9293          whose behaviour where they differ (default linux)
`,
  usageHeading: 'Usage:',
  standardInput: 'standard input',
  noSuchFile: (path) => `cannot read ${path}: no such file`,
  notRegularFile: (path) => `cannot read ${path}: not a regular file`,
  looksBinary: (name) => `${name} looks binary; scanning its text parts`,
  readingAs: (name, encoding) => `reading ${name} as ${encoding}`,
  langTakes: `--lang takes ${choices(LOCALES, ' or ', ', ')}`,
  profileTakes: (profiles) => `--profile takes ${choices(profiles, ' or ', ', ')}`,
  coverageTakesNo: (arg) => `coverage takes no ${arg.startsWith('-') ? `option ${arg}` : `operand "${arg}"`}`,
  expectedCommand: 'expected a command and one operand',
  unknownCommand: (command) => `unknown command "${command}"`,
  unknownSpelling: (token) => `"${token}" is not a TCP state spelling this tool knows (try TIME_WAIT, ESTAB, SYN-RECEIVED)`,
  census: {
    totals: (mentions, lines, rows) => `${mentions} state mentions in ${lines} lines (${rows} socket-table rows)`,
    ports: 'ports',
    processes: 'processes',
    peers: 'peers',
    separator: ', ',
  },
  timeline: {
    connectionTakes: '--connection takes a connection id (0, 1, 2…)',
    profileTakes: '--profile takes linux or rfc9293',
    unknownOption: (option) => `unknown option ${option}`,
    oneFile: 'timeline takes one FILE (or - for standard input)',
    empty: (name) => `${name} is empty`,
    notTcpdump: (lines) => `not a capture file (no pcap or pcapng magic at byte 0) and no line of it is a tcpdump TCP line (${lines} lines read)`,
    ending: {
      fin: 'closed (both FINs acknowledged)',
      rst: 'reset (RST)',
      refused: 'refused (SYN answered by RST)',
      open: 'still open when the capture ends',
      'half-closed': 'half-closed (a FIN not answered by one)',
      'no-answer': 'SYN never answered',
    },
    totals: (connections, segments, source, profile) =>
      `${connections} TCP connection${connections === 1 ? '' : 's'} in ${segments} TCP segments (${source}; states inferred at the capture point, ${profile} profile)`,
    opened: (ending, opener, closer) => `${ending}; opened by ${opener}, first to close ${closer}`,
    joinedOpener: '? (the capture joined after the handshake)',
    sizes: (start, duration, segmentsA, bytesA, segmentsB, bytesB, retransmissions) =>
      `start ${start}, duration ${duration} ms; A sent ${segmentsA} segments (${bytesA} bytes), B ${segmentsB} (${bytesB} bytes)${retransmissions ? `; ${retransmissions} retransmissions` : ''}`,
    columns: { ms: 'ms', frame: 'frame', flags: 'flags', seq: 'seq', ack: 'ack', len: 'len', after: 'A / B after it' },
  },
};

const ZH_CN: CliWords = {
  usage: `TCP State Lens — 讲解 TCP 连接状态。

用法：
  node dist/cli.js find FILE         把 FILE 中每处 TCP 状态名各输出为一行 JSON
  node dist/cli.js find -            同上，读取标准输入
  node dist/cli.js census FILE|-     统计各状态的数量，按端口、对端和进程分组，
                                     并说明这些数字意味着什么（一个 JSON 对象）
  node dist/cli.js explain TOKEN     讲解一个状态，例如 TIME_WAIT、SYN-RECV、TcpState.LastAck
{TIMELINE}  node dist/cli.js coverage [--profile ${PROFILES}]
                                     探索器的事件能走到状态转换表的哪些行（按找到的最短路径），
                                     其余各行为何走不到（一个 JSON 对象，内容为英文；
                                     默认行为配置 rfc9293）
选项：
  ${LANG_OPTION.padEnd(34)} 讲解、消息和文本输出的语言
                                     （默认取自 LC_ALL、LC_MESSAGES 或 LANG）
  --text                             以便于阅读的表格输出 census 结果
  -h, --help                         显示本帮助

每行 JSON：{"line":1,"column":45,"text":"SYN_RECV","state":"SYN-RECEIVED","source":"linux-netstat"}
（line 和 column 从 1 开始；state 是 RFC 9293 的状态名，平台特有状态则是它自己的名称）。
`,
  timelineUsage: `  node dist/cli.js timeline FILE|-   抓包文件（pcap、pcapng）或 tcpdump 文本中的每条 TCP 连接，
                                     以及每个端点逐个报文段的状态
    --json                           以一个 JSON 对象输出时间线
    --summary                        只列连接，不列报文段（适合大型抓包）
    --connection ID                  只列编号为 ID 的连接及其报文段
    --profile linux|rfc9293          两者行为不同时按谁的行为推断（默认 linux）
`,
  usageHeading: '用法：',
  standardInput: '标准输入',
  noSuchFile: (path) => `无法读取 ${path}：文件不存在`,
  notRegularFile: (path) => `无法读取 ${path}：不是普通文件`,
  looksBinary: (name) => `${name} 看起来是二进制文件，只扫描其中的文本部分`,
  readingAs: (name, encoding) => `按 ${encoding} 编码读取 ${name}`,
  langTakes: `--lang 的取值为 ${choices(LOCALES, ' 或 ', '、')}`,
  profileTakes: (profiles) => `--profile 的取值为 ${choices(profiles, ' 或 ', '、')}`,
  coverageTakesNo: (arg) => `coverage 不接受${arg.startsWith('-') ? `选项 ${arg}` : `操作数“${arg}”`}`,
  expectedCommand: '需要一个命令和一个操作数',
  unknownCommand: (command) => `未知命令“${command}”`,
  unknownSpelling: (token) => `“${token}”不是本工具认识的 TCP 状态写法（可以试试 TIME_WAIT、ESTAB、SYN-RECEIVED）`,
  census: {
    totals: (mentions, lines, rows) => `${lines} 行中出现 ${mentions} 处状态名（套接字表 ${rows} 行）`,
    ports: '端口',
    processes: '进程',
    peers: '对端',
    separator: '、',
  },
  timeline: {
    connectionTakes: '--connection 的取值为连接编号（0、1、2…）',
    profileTakes: '--profile 的取值为 linux 或 rfc9293',
    unknownOption: (option) => `未知选项 ${option}`,
    oneFile: 'timeline 需要一个 FILE（或用 - 表示标准输入）',
    empty: (name) => `${name} 为空`,
    notTcpdump: (lines) => `不是抓包文件（第 0 字节处没有 pcap 或 pcapng 魔数），其中也没有一行是 tcpdump 的 TCP 行（已读 ${lines} 行）`,
    ending: {
      fin: '已关闭（双方的 FIN 都已确认）',
      rst: '被重置（RST）',
      refused: '被拒绝（SYN 得到 RST 应答）',
      open: '抓包结束时仍然打开',
      'half-closed': '半关闭（一方的 FIN 没有等到对方的 FIN）',
      'no-answer': 'SYN 始终没有应答',
    },
    totals: (connections, segments, source, profile) => `${segments} 个 TCP 报文段中有 ${connections} 条 TCP 连接（${source}；状态在抓包点推断，行为配置 ${profile}）`,
    opened: (ending, opener, closer) => `${ending}；发起方 ${opener}，先关闭方 ${closer}`,
    joinedOpener: '?（抓包开始于握手之后）',
    sizes: (start, duration, segmentsA, bytesA, segmentsB, bytesB, retransmissions) =>
      `开始 ${start}，时长 ${duration} ms；A 发出 ${segmentsA} 个报文段（${bytesA} 字节），B ${segmentsB} 个（${bytesB} 字节）${retransmissions ? `；重传 ${retransmissions} 次` : ''}`,
    columns: { ms: 'ms', frame: '帧', flags: '标志位', seq: 'seq', ack: 'ack', len: 'len', after: '之后 A / B 的状态' },
  },
};

export const CLI_WORDS: Localized<CliWords> = { en: EN, 'zh-cn': ZH_CN };

/**
 * The language of a run: the first valid `--lang` among the arguments (so even `--help` before it
 * and its own errors are in that language), else the environment's (LC_ALL, LC_MESSAGES, LANG).
 */
export function cliLocale(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Locale {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const value = arg === '--lang' ? argv[i + 1] : arg.startsWith('--lang=') ? arg.slice('--lang='.length) : undefined;
    if (isLocale(value)) return value;
  }
  return toLocale(env.LC_ALL || env.LC_MESSAGES || env.LANG);
}
