// The transition table's full-word texts in Simplified Chinese: for each row of transitions.ts
// its event, guard, action and note, saying what the English row says. Only words: the rows'
// states, targets, labels and figure status stay in transitions.ts, the one table. Keyed by
// `RowId`, so a row left out, or an id the table lacks, does not compile; a guard or note here
// exactly where the English row has one is a unit test (transitions-zh-cn.test.ts). The RFC's
// segment notation, variable, state, call and sysctl names, section numbers and the messages
// the RFC has TCP return (quoted, with a gloss) stay as the RFC and the kernel write them.
// Pure data.
import { LINUX } from './explanation-facts';
import type { RowText } from './transition-types';
import type { RowId } from './transitions';

const FIN_SEGMENT = '<SEQ=SND.NXT><ACK=RCV.NXT><CTL=FIN,ACK>';
const ACK_SEGMENT = '<SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>';
const PASSIVE_ORIGIN = 'SYN-RECEIVED 是经被动 OPEN（从 LISTEN）进入的';
const ACTIVE_ORIGIN = 'SYN-RECEIVED 是经主动 OPEN（从 SYN-SENT）进入的';
const REMOTE_SOCKET = '指定了远端套接字';
const SEND_FIN = `发送 ${FIN_SEGMENT}；SND.NXT+=1；启动重传定时器`;
const CLOSING = '返回“error: connection closing”（连接正在关闭）';
const FIN_TO_TIME_WAIT = `RCV.NXT+=1；发送 ${ACK_SEGMENT}；启动 2MSL 定时器；停止其他定时器`;
const ACK_OF_OUR_FIN = '收到确认了我方 FIN 的 ACK';
const RETRANSMITTED_FIN = '收到重传的 FIN';
const ACCEPTABLE_RST = '收到可接受的 RST';
const ACCEPTABLE_SYN = '收到通过了可接受性检查的 SYN';
const SYN = LINUX.syn;

export const TRANSITION_TEXT_ZH_CN: Readonly<Record<RowId, RowText>> = {
  // ---- 用户调用（§3.10.1–§3.10.5） ----
  U01: {
    event: '被动 OPEN 调用',
    action: '创建 TCB，等待连接请求',
    note: '套接字 API：在已绑定的套接字上调用 listen()。',
  },
  U02: {
    event: '主动 OPEN 调用',
    guard: REMOTE_SOCKET,
    action: '创建 TCB；选择 ISS；发送 <SEQ=ISS><CTL=SYN>；SND.UNA=ISS，SND.NXT=ISS+1；启动重传定时器',
    note: '未指定远端套接字时，调用以“error: remote socket unspecified”（未指定远端套接字）失败。套接字 API：connect()。',
  },
  U03: {
    event: '主动 OPEN 调用',
    guard: REMOTE_SOCKET,
    action: '把连接从被动改为主动；发送 <SEQ=ISS><CTL=SYN>；SND.NXT=ISS+1；启动重传定时器',
    note: '图 5 只为 SEND 画了这条弧（U04）；OPEN 的情形写在正文中。',
  },
  U04: {
    event: 'SEND 调用',
    guard: REMOTE_SOCKET,
    action: '把连接从被动改为主动；发送 <SEQ=ISS><CTL=SYN>（数据随 SYN 一起发送，或在队列中等待）；启动重传定时器',
    note: '套接字 API 无法在监听套接字上发送数据，所以真实的协议栈从不走这条弧。',
  },
  U05: {
    event: 'CLOSE 调用',
    action: '以“error: closing”（正在关闭）答复待处理的 RECEIVE；删除 TCB',
  },
  U06: {
    event: 'CLOSE 调用',
    action: '删除 TCB；以“error: closing”（正在关闭）答复排队中的 SEND 和 RECEIVE；不发送任何报文段',
    note: '由于 TCB 已不存在，之后到达的 SYN,ACK 会被 Linux 以 RST 回应。',
  },
  U07: {
    event: 'CLOSE 调用',
    guard: '没有发出过 SEND，也没有待发送的数据',
    action: SEND_FIN,
    note: '否则 CLOSE 排队等待，直到连接进入 ESTABLISHED。',
  },
  U08: {
    event: 'CLOSE 调用',
    action: `排队的数据发送完毕后，${SEND_FIN}`,
    note:
      '套接字 API：close() 或 shutdown(SHUT_WR)；半关闭之后应用仍可读取。如果调用 close() 时还有已收到但未读取的数据，' +
      '或者之后又有数据到达，Linux 改为发送 RST（RFC 9293 §3.6.1，MAY-1，SHLD-3）。',
  },
  U09: {
    event: 'CLOSE 调用',
    action: `排队的数据发送完毕后，${SEND_FIN}`,
    note: '没有任何定时器能让连接离开 CLOSE-WAIT：它一直等待应用调用 close()。',
  },
  U10: {
    event: 'CLOSE 调用',
    action: `${CLOSING}；也可以返回“ok”，但不发送第二个 FIN`,
  },
  U11: { event: 'CLOSE 调用', action: CLOSING },
  U12: {
    event: 'ABORT 调用',
    action: '以“error: connection reset”（连接被重置）答复待处理的 RECEIVE；删除 TCB',
  },
  U13: {
    event: 'ABORT 调用',
    action: '以“connection reset”（连接被重置）答复排队中的 SEND 和 RECEIVE；删除 TCB；不发送 RST',
  },
  U14: {
    event: 'ABORT 调用',
    action: '发送 <SEQ=SND.NXT><CTL=RST>；清空所有队列；以“connection reset”（连接被重置）答复待处理的调用；删除 TCB',
    note:
      '§3.5.2 和图 5 的注 3 说，发送复位的一方应进入 TIME-WAIT；本表遵循 §3.10.5 对 ABORT 的详细描述，进入 CLOSED。' +
      '套接字 API：把 SO_LINGER 设为 0 后调用 close()。Linux 的 RST 还带有 ACK：' +
      '<SEQ=SND.NXT><ACK=RCV.NXT><CTL=RST,ACK>（tcp_send_active_reset）。',
  },
  U15: { event: 'ABORT 调用', action: '返回“ok”；删除 TCB；不发送 RST' },
  U16: { event: 'SEND 调用', action: '把数据放入队列，直到连接进入 ESTABLISHED' },
  U17: { event: 'SEND 调用', action: '把缓冲区中的数据分成报文段，以 ACK=RCV.NXT 发送；启动重传定时器' },
  U18: {
    event: 'SEND 调用',
    action: CLOSING,
    note: '套接字 API：shutdown(SHUT_WR) 之后的 write() 以 EPIPE 失败。',
  },
  U19: { event: 'OPEN 调用', action: '返回“error: connection already exists”（连接已存在）' },

  // ---- CLOSED、LISTEN 和 SYN-SENT 中报文段到达（§3.10.7.1–§3.10.7.3） ----
  R01: {
    event: '收到 RST',
    action: '丢弃它',
    note: '对 RST 从不作答，所以两台主机不会陷入互相重置的循环。',
  },
  R02: {
    event: '收到不带 RST、ACK 位未置位的报文段（SYN、单独的 FIN）',
    action: '发送 <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>',
    note: '对 SYN 而言，这就是“connection refused”（连接被拒绝）：对端的 connect() 以 ECONNREFUSED 失败。',
  },
  R03: {
    event: '收到不带 RST、ACK 位已置位的报文段（ACK、SYN,ACK、FIN,ACK、数据）',
    action: '发送 <SEQ=SEG.ACK><CTL=RST>',
    note: 'LAST-ACK 或 TIME-WAIT 结束之后，或者一方崩溃之后，对端遇到的就是这种回应（由此发现半开连接）。',
  },
  R04: { event: '收到 RST', action: '忽略它' },
  R05: {
    event: '收到 ACK 位已置位的报文段（ACK、SYN,ACK、FIN,ACK）',
    action: '发送 <SEQ=SEG.ACK><CTL=RST>',
  },
  R06: {
    event: '收到不带 ACK 的 SYN',
    guard: '安全/隔离区检查通过；在真实的协议栈中，还要求 SYN 队列未满',
    action:
      'IRS=SEG.SEQ，RCV.NXT=SEG.SEQ+1；选择 ISS；发送 <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>；' +
      'SND.UNA=ISS，SND.NXT=ISS+1；记下连接是被动打开的；启动重传定时器',
    note: '此时 Linux 和 FreeBSD 只保留一个小的请求套接字（Linux 的 NEW_SYN_RECV）或 syncache 条目；监听套接字本身仍处于 LISTEN。',
  },
  R07: {
    event: '收到 SYN',
    guard: 'SYN 队列已满（达到 backlog 上限）',
    action: '丢弃该 SYN，或用 SYN cookie 无状态地回应它',
    note:
      '实现行为，不在任何 RFC 中。Linux：请求队列中的连接数达到监听套接字的 backlog，即 min(backlog, somaxconn) 时，' +
      '队列就满了（inet_csk_reqsk_queue_is_full）；这时以 SYN cookie 回应（tcp_syncookies，默认 1），设为 0 时则丢弃。' +
      'tcp_max_syn_backlog 只在关闭 syncookies 时起作用：请求队列达到它的 3/4 起，来自未证实存活的对端的 SYN 被丢弃。' +
      '全连接队列满时同样丢弃 SYN（ListenOverflows）。',
  },
  R08: {
    event: '收到其他任何报文段（单独的 FIN、不带任何标志位的报文段）',
    action: '丢弃它',
    note: 'RFC 把 SYN,FIN 当作 SYN 处理；Linux 和 FreeBSD 则丢弃它。',
  },
  R09: {
    event: '收到带 ACK、不带 RST 的报文段，且 SEG.ACK =< ISS 或 SEG.ACK > SND.NXT',
    action: '发送 <SEQ=SEG.ACK><CTL=RST>；丢弃该报文段',
    note: '重启后的主机正是这样清除半开连接的（RFC 9293 图 9）。',
  },
  R10: {
    event: '收到不带可接受 ACK 的 RST',
    action: '丢弃它',
    note: 'SYN 继续重传。',
  },
  R11: {
    event: '收到带可接受 ACK 的 RST',
    guard: 'RFC 5961 可能另加一项序号检查',
    action: '通知用户“error: connection reset”（连接被重置，即被拒绝）；删除 TCB',
    note: '套接字 API：connect() 以 ECONNREFUSED 失败。',
  },
  R12: {
    event: '收到确认了我方 SYN 的 SYN,ACK',
    action: `IRS=SEG.SEQ，RCV.NXT=SEG.SEQ+1，SND.UNA=SEG.ACK；发送 ${ACK_SEGMENT}；取消重传定时器`,
  },
  R13: {
    event: '收到不带 ACK 的 SYN',
    action: 'IRS=SEG.SEQ，RCV.NXT=SEG.SEQ+1；发送 <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>；记下连接是主动打开的',
    note: '同时打开（MUST-10）。RFC 793 的图把这条弧错标为“snd ACK”。',
  },
  R14: {
    event: '收到确认了我方 SYN 的 SYN,ACK,FIN',
    action: `先按 R12 处理，再处理 FIN：RCV.NXT+=1；发送 ${ACK_SEGMENT}`,
    note:
      'Netsem 同样让 SYN-SENT 直接进入 CLOSE-WAIT。Linux 不同：它不处理 SYN,ACK 上携带的 FIN，' +
      '只确认到 SEG.SEQ+1，并停在 ESTABLISHED，直到对端重传它的 FIN。',
  },
  R15: {
    event: '收到既不带 SYN 也不带 RST 的报文段（可接受的单独 ACK、FIN、数据）',
    action: '丢弃它',
    note: '在得知对端的序号之前，无法验证 FIN。',
  },

  // ---- SYN-RECEIVED 和同步状态（§3.10.7.4，按处理步骤的顺序） ----
  R16: {
    event: '收到未通过可接受性检查的报文段（不带 RST）',
    action: `发送 ${ACK_SEGMENT}；丢弃该报文段`,
    note: '严格来说，SYN-RECEIVED 中收到的重传 SYN 落在这一行；Linux 和 BSD 则改为重发 SYN,ACK。',
  },
  R17: { event: '收到未通过可接受性检查的 RST', action: '悄悄丢弃它' },
  R18: {
    event: '收到可接受的 RST（RFC 5961：SEG.SEQ = RCV.NXT）',
    guard: PASSIVE_ORIGIN,
    action: '清空重传队列；不通知用户',
    note: '只丢弃这个尚未建立完成的连接；监听套接字照常工作（图 5 的注 1）。',
  },
  R19: {
    event: ACCEPTABLE_RST,
    guard: ACTIVE_ORIGIN,
    action: '通知用户“connection refused”（连接被拒绝）；清空各队列；删除 TCB',
  },
  R20: {
    event: '收到窗口内、SEG.SEQ ≠ RCV.NXT 的 RST',
    guard: '启用了 RFC 5961 的 RST 检查',
    action: `发送挑战 ACK ${ACK_SEGMENT}；丢弃该 RST`,
    note: 'Linux 默认如此（tcp_validate_incoming）。不用 RFC 5961 时（RFC 793 的行为），窗口内的任何 RST 都被接受。',
  },
  R21: {
    event: ACCEPTABLE_SYN,
    guard: PASSIVE_ORIGIN,
    action: '回到 LISTEN',
    note: '出自 RFC 1122 §4.2.2.20(e)，它纠正了 RFC 793（后者在这里以 RST 回应）；RFC 9293 在 §3.10.7.4 第四步中保留了这一规则。',
  },
  R22: {
    event: ACCEPTABLE_SYN,
    guard: ACTIVE_ORIGIN,
    action: '按同步状态中的规则处理（R31 或 R32）',
    note: '按同步状态（SYNC）处理：结果是 R31（挑战 ACK，状态不变）或 R32（RST，进入 CLOSED），所以这里不记录唯一的目标状态。',
  },
  R23: {
    event: '收到确认了我方 SYN 的 ACK',
    action: 'SND.WND=SEG.WND，SND.WL1=SEG.SEQ，SND.WL2=SEG.ACK；取消重传定时器；继续处理数据和 FIN',
    note: '在同时打开中，交错而过的 SYN,ACK 要等其中的 SYN 作为重复部分被裁掉之后，才走到这一行。',
  },
  R24: { event: '收到没有确认我方 SYN 的 ACK', action: '发送 <SEQ=SEG.ACK><CTL=RST>' },
  R25: {
    event: '收到确认了我方 SYN 的 FIN,ACK',
    action: `先按 R23 进入 ESTABLISHED，再处理 FIN：RCV.NXT+=1；发送 ${ACK_SEGMENT}；通知用户“connection closing”（连接正在关闭）`,
  },
  R26: { event: '收到 ACK 位未置位的报文段（既不带 RST 也不带 SYN）', action: '丢弃它' },
  R27: {
    event: '收到满足 SND.UNA < SEG.ACK =< SND.NXT 的 ACK',
    action: 'SND.UNA=SEG.ACK；从重传队列中移除已确认的报文段；更新发送窗口',
  },
  R28: {
    event: '收到 SEG.ACK > SND.NXT 的 ACK（确认了尚未发送的数据）',
    action: `发送 ${ACK_SEGMENT}；丢弃该报文段`,
    note: 'RFC 5961 还会丢弃低于 SND.UNA - MAX.SND.WND 的 ACK。',
  },
  R29: { event: '收到按序到达的数据', action: '交付给用户；RCV.NXT+=SEG.LEN；发送 ACK（可能延迟发送）' },
  R30: {
    event: '收到按序到达的 FIN',
    action: `RCV.NXT+=1；发送 ${ACK_SEGMENT}；通知用户“connection closing”（连接正在关闭）`,
    note: '应用读到文件结束：read() 返回 0。',
  },
  R31: {
    event: '收到 SYN（序号任意）',
    guard: '启用了 RFC 5961 的 SYN 检查（推荐）',
    action: `发送挑战 ACK ${ACK_SEGMENT}；丢弃该 SYN`,
    note: 'Linux（tcp_validate_incoming）和 FreeBSD 默认如此。',
  },
  R32: {
    event: '收到窗口内的 SYN',
    guard: '沿用旧的 RFC 793 处理方式',
    action: '发送 RST；以“reset”（重置）答复待处理的 RECEIVE 和 SEND；清空所有队列；删除 TCB',
  },
  R33: {
    event: ACCEPTABLE_RST,
    action: '以“reset”（重置）答复待处理的 RECEIVE 和 SEND；清空所有队列；通知用户“connection reset”（连接被重置）；删除 TCB',
    note: '套接字 API：下一次调用以 ECONNRESET 失败。',
  },
  R34: { event: ACCEPTABLE_RST, action: '删除 TCB' },

  // ---- 关闭过程中的状态（§3.10.7.4 第五到第八步，§3.10.8） ----
  R35: { event: '收到确认了我方 FIN 的 ACK（不带 FIN）', action: '取消 FIN 的重传定时器' },
  R36: { event: '收到只确认了先前数据的 ACK（SEG.ACK < SND.NXT）', action: '令 SND.UNA=SEG.ACK' },
  R37: {
    event: '我方 FIN 尚未被确认时收到 FIN',
    action: `RCV.NXT+=1；发送 ${ACK_SEGMENT}`,
    note: '同时关闭：双方的 FIN 在途中交错而过。',
  },
  R38: {
    event: '收到 FIN，且其 ACK 确认了我方 FIN',
    action: FIN_TO_TIME_WAIT,
    note:
      '常见的三报文段关闭：对端的 ACK 捎带在它的 FIN 上。RFC 793 的正文已经有这条规则' +
      '（“If our FIN has been ACKed (perhaps in this segment), then enter TIME-WAIT”，' +
      '即“如果我方 FIN 已被确认（可能就在这个报文段中），就进入 TIME-WAIT”，第 75 页）；' +
      '只是它的图漏掉了这条弧（RFC 1122 §4.2.2.8）。RFC 9293 在 §3.10.7.4 第八步和图 5 的注 2 中给出这条规则。',
  },
  R39: {
    event: '重传超时',
    guard: '我方 FIN 尚未被确认',
    action: '重传队列最前面的报文段（FIN 保持原来的序号）；对定时器做退避',
    note:
      '应用仍持有套接字时，Linux 以 tcp_retries2 限制重传；close() 使它成为孤儿套接字之后，' +
      '则以 tcp_orphan_retries 限制（默认 0，内核视为 8）。',
  },
  R40: {
    event: '收到数据',
    action: '交付给用户；发送 ACK',
    note: '半关闭：shutdown(SHUT_WR) 之后，对端仍可继续发送。',
  },
  R41: { event: '收到 FIN', action: FIN_TO_TIME_WAIT },
  R42: {
    event: 'FIN-WAIT-2 超时',
    guard: '套接字已成为孤儿（应用已将其关闭）',
    action: '删除 TCB',
    note: '实现行为，不在任何 RFC 中：没有它，对端始终不关闭时，孤儿连接会永远等下去。Linux 的 tcp_fin_timeout，默认 60 秒。',
  },
  R43: { event: RETRANSMITTED_FIN, action: `发送 ${ACK_SEGMENT}` },
  R44: { event: ACK_OF_OUR_FIN, action: '启动 2MSL 定时器' },
  R45: { event: '收到未覆盖我方 FIN 的 ACK', action: '忽略它' },
  R46: { event: RETRANSMITTED_FIN, action: `发送 ${ACK_SEGMENT}` },
  R47: { event: ACK_OF_OUR_FIN, action: '删除 TCB' },
  R48: { event: RETRANSMITTED_FIN, action: `发送 ${ACK_SEGMENT}` },
  R49: {
    event: RETRANSMITTED_FIN,
    action: `发送 ${ACK_SEGMENT}；重新启动 2MSL 定时器`,
    note: 'TIME-WAIT 存在的原因：我方最后的 ACK 丢失了，处于 LAST-ACK 的对端需要再收到一次。Linux 同样会重新启动它的 60 秒定时器。',
  },
  R50: {
    event: 'TIME-WAIT 超时（2MSL）',
    action: '删除 TCB',
    note: 'RFC：MSL 为 2 分钟，所以共 4 分钟。Linux 固定使用 60 秒（TCP_TIMEWAIT_LEN）；BSD 也是 60 秒。',
  },
  R51: {
    event: ACCEPTABLE_RST,
    guard: '按 RFC 9293 处理（未启用 RFC 1337 的保护）',
    action: '删除 TCB',
    note: 'RFC 1337 建议忽略该 RST（FreeBSD 就是这样做的）。Linux 默认遵循 RFC 9293：tcp_rfc1337 为 0；设为 1 时忽略该 RST。',
  },
  R52: { event: '收到 SYN', guard: '启用了 RFC 5961 的 SYN 检查', action: `发送挑战 ACK ${ACK_SEGMENT}` },
  R53: {
    event: '收到 SEG.SEQ > RCV.NXT 的 SYN（或时间戳更新，RFC 6191）',
    guard: 'MAY-2：新的 ISS 大于旧连接的 SND.NXT',
    action: '结束旧的连接实例；像在 LISTEN 中那样处理该 SYN：发送 <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>',
    note:
      '进入的 SYN-RECEIVED 属于同一四元组上的一个新连接实例，而不是旧连接。SEG.SEQ =< RCV.NXT 时 FreeBSD 不作回应。' +
      '无论 tcp_tw_reuse 如何设置，Linux 都会重新打开连接（tcp_timewait_state_process 返回 TCP_TW_SYN）；' +
      'tcp_tw_reuse（默认 2，仅限环回）管的是向外发起连接时的复用。',
  },
  R54: {
    event: '收到纯 ACK',
    action: '仅当该报文段不可接受时才发送 ACK；否则什么也不做',
    note: 'FreeBSD 在这里从不回应。',
  },
  R55: {
    event: '收到可接受的、带数据或 FIN 的报文段，但它的起始序号超出 RCV.NXT（前面的报文段缺失）',
    action: `留待以后处理或丢弃（本模型丢弃）；发送 ${ACK_SEGMENT}（重复 ACK）`,
    note:
      'Linux 把它放进乱序队列（tcp_data_queue_ofo()），并立即发送 ACK，启用 SACK 时带上 SACK 块；' +
      '三个重复 ACK 会让发送方提前重传（RFC 5681 §3.2）。',
  },

  // ---- 定时器（§3.8.3，§3.10.8） ----
  T01: {
    event: '重传超时',
    guard: '尚未达到 SYN 的重试上限 R2（SYN 的 R2 至少为 3 分钟）',
    action: '以相同的 ISS 重传 SYN；重传超时时间加倍',
    note:
      `Linux：初始 RTO 为 ${SYN.initialTimeoutSeconds} 秒；自 ${SYN.linearSince} 起，tcp_syn_linear_timeouts` +
      `（默认 ${SYN.linearTimeouts}）让前 ${SYN.linearTimeouts} 次重传都相隔 ${SYN.initialTimeoutSeconds} 秒，然后才开始加倍；` +
      `tcp_syn_retries 为 ${SYN.retries} 时共重传 ${SYN.retransmissions} 次，分别在 ` +
      `${SYN.retransmitAtSeconds.map((s) => `+${s}`).join('、')} 秒时，约 ${SYN.giveUpSeconds} 秒后 connect() 失败（ip-sysctl.rst）。`,
  },
  T02: {
    event: '达到 SYN 的重试上限 R2（连接建立超时）',
    action: '通知用户“connection timed out”（连接超时）；删除 TCB',
    note: '套接字 API：connect() 以 ETIMEDOUT 失败。BSD 另有一个 75 秒的连接建立定时器。',
  },
  T03: {
    event: '重传超时',
    guard: '还有重试次数',
    action: '重传 SYN,ACK',
    note: 'Linux 的 tcp_synack_retries，默认 5（总共约 63 秒）。',
  },
  T04: {
    event: 'SYN,ACK 的重传次数用尽',
    guard: PASSIVE_ORIGIN,
    action: '丢弃这个尚未建立完成的连接',
    note:
      '实现行为：RFC 只规定了重传的上限（§3.8.3）。尚未建立完成的连接被丢弃，监听套接字继续处于 LISTEN；' +
      '客户端可能仍以为自己处于 ESTABLISHED（半开连接）。',
  },
  T05: {
    event: '数据或 FIN 的重试达到上限 R2',
    guard: '依据 MUST-20',
    action: '关闭连接；通知用户',
    note:
      'R2 应（SHOULD）至少覆盖 100 秒（SHLD-11）。应用仍持有套接字时，Linux 用 tcp_retries2，默认 15（约 924.6 秒）；' +
      'close() 使它成为孤儿套接字之后，用 tcp_orphan_retries。Netsem 的 BSD 模型会发送 RST。',
  },
  T06: {
    event: '用户超时',
    action: '清空所有队列；通知用户“connection aborted due to user timeout”（连接因用户超时而中止）；删除 TCB',
    note: 'Linux：套接字选项 TCP_USER_TIMEOUT。',
  },
  T07: {
    event: '重传超时',
    guard: '我方发送的数据尚未被确认',
    action: '重新发送重传队列最前面的报文段（序号不变）；对定时器做退避',
    note: `Linux：RTO 至少 ${LINUX.rtoMinMs} 毫秒（tcp_rto_min_us），每次重试加倍，直到 tcp_retries2 次（之后是 T05）。`,
  },
};
