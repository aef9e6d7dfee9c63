// 各状态的解释（简体中文）：含义、哪一方处于该状态、定时器、大量堆积意味着什么、各 Linux 参数的作用、
// 各实现与 RFC 的差异。这里只有文字：RFC 章节号、sysctl 名称与默认值、内核常量、数字和命令都来自
// explanation-facts.ts（用 `${…}` 引用），所以两种语言说的事实总是一致的。如何进入和离开由状态转换表
// （transitions.ts）推导，也不在此处。与 explanations.en.ts 逐条对应（单元测试检查定时器和说明的条数）。
// 状态名、sysctl 名和命令保留原文。Pure data.
import type { ExplanationProse } from './explanation-types';
import {
  FREEBSD_MSL_SECONDS,
  LINUX,
  linuxStateNumber,
  MIB_DELETE_TCB,
  OTHER,
  procCode,
  RFC,
  RFC_NAME,
  RFC_TIME_WAIT_MINUTES,
  SYSCTL,
  withFacts,
} from './explanation-facts';
import { PHRASES } from './i18n';

const NO_RFC_STATE = PHRASES['zh-cn'].noRfcState;

const PROSE_ZH_CN: ExplanationProse = {
  settingDefaults: {
    somaxconn: `${LINUX.somaxconn.value}（${LINUX.somaxconn.changedIn} 之前为 ${LINUX.somaxconn.before}）`,
    tcp_max_syn_backlog: `至少 ${LINUX.maxSynBacklog.atLeast}，随内存大小调整`,
    tcp_abort_on_overflow: '0',
    tcp_syn_retries: `${LINUX.syn.retries}（tcp_syn_linear_timeouts = ${LINUX.syn.linearTimeouts} 时约 ${LINUX.syn.giveUpSeconds} 秒）`,
    tcp_syn_linear_timeouts: `${LINUX.syn.linearTimeouts}（${LINUX.syn.linearSince} 起）`,
    tcp_synack_retries: `${LINUX.synAck.retries}（约 ${LINUX.synAck.giveUpSeconds} 秒）`,
    tcp_syncookies: '1',
    tcp_retries2: `${LINUX.retries2.retries}（约 ${LINUX.retries2.giveUpSeconds} 秒）`,
    tcp_keepalive_time: `${LINUX.keepAlive.timeSeconds}（秒）`,
    tcp_keepalive_probes: `${LINUX.keepAlive.probes}`,
    tcp_keepalive_intvl: `${LINUX.keepAlive.intervalSeconds}（秒）`,
    tcp_orphan_retries: `${LINUX.orphanRetries.value}（按 ${LINUX.orphanRetries.meaning} 处理）`,
    tcp_max_orphans: '开机时计算，随内存大小调整',
    tcp_fin_timeout: `${LINUX.finTimeoutSeconds}（秒）`,
    tcp_tw_reuse: `${LINUX.twReuse}（仅环回）`,
    tcp_max_tw_buckets: '已建立连接哈希表大小的一半',
    tcp_rfc1337: '0',
  },
  settingEffects: {
    somaxconn: 'listen() backlog 的上限：既限制等待 accept() 的全连接队列，在当前内核中也限制半连接（请求）队列（min(backlog, somaxconn)，inet_csk_reqsk_queue_is_full）。',
    tcp_max_syn_backlog: `只在 ${SYSCTL.tcp_syncookies}=0 时起作用：此时请求队列达到该值的 3/4 后，尚未证实存活的对端发来的 SYN 会被丢弃。开启 SYN cookie 时，请求队列改由监听套接字的 backlog 限制。每个请求套接字约占 ${LINUX.maxSynBacklog.requestSocketBytes} 字节。`,
    tcp_abort_on_overflow: '设为 1 时，全连接队列满就用 RST 拒绝新连接；为 0 时只丢弃第三次握手的 ACK，短暂的突发还能自行恢复。',
    tcp_syn_retries: `在线性重传（${SYSCTL.tcp_syn_linear_timeouts}）之外，connect() 发出的 SYN 还要重传几次，用尽后以 ETIMEDOUT 失败：默认共重传 ${LINUX.syn.retransmissions} 次，最后一次在 ${LINUX.syn.lastRetransmissionSeconds} 秒时（ip-sysctl.rst）。`,
    tcp_syn_linear_timeouts: `SYN 的前几次重传保持初始 RTO（${LINUX.syn.initialTimeoutSeconds} 秒）不变，之后超时才开始翻倍；它与 ${SYSCTL.tcp_syn_retries} 相加，对 SYN,ACK 不起作用。`,
    tcp_synack_retries: 'SYN,ACK 最多重传几次，用尽后丢弃这个半连接。',
    tcp_syncookies: '设为 1 时，监听套接字的请求队列达到其 backlog（min(backlog, somaxconn)，inet_csk_reqsk_queue_is_full）后，新的 SYN 改用 SYN cookie 应答而不是丢弃，避免洪水攻击把正常客户端挡在门外。',
    tcp_retries2: '数据迟迟得不到确认时，放弃连接（ETIMEDOUT）之前的重传次数。',
    tcp_keepalive_time: '开启 SO_KEEPALIVE 的套接字空闲多久后发出第一个保活探测。',
    tcp_keepalive_probes: '连续多少个保活探测无应答就判定连接已断。',
    tcp_keepalive_intvl: '两次保活探测之间的间隔。',
    tcp_orphan_retries: `应用已关闭套接字（成为孤儿连接）后，未被确认的 FIN（或数据）最多重传几次，取代 ${SYSCTL.tcp_retries2}；读出来是 ${LINUX.orphanRetries.value}，内核按 ${LINUX.orphanRetries.meaning} 处理。`,
    tcp_max_orphans: '不再属于任何进程的孤儿连接上限；超出后孤儿连接被立即重置，内核打印警告。',
    tcp_fin_timeout: '孤儿连接在 FIN-WAIT-2 中等待对端 FIN 的最长时间，超时后内核直接丢弃。',
    tcp_tw_reuse: `对内核选择的端口，在时间戳能保证安全、且 TIME-WAIT 套接字已存在超过 tcp_tw_reuse_delay（${LINUX.twReuseDelay.ms} 毫秒，${LINUX.twReuseDelay.since}）时，允许 connect() 复用该 TIME-WAIT 套接字的四元组：1 对所有流量，2 仅对环回，0 不复用。应用自己选择的端口不受它控制：用 SO_REUSEADDR 调用 bind() 之后，只要旧连接使用了时间戳，connect() 会立即复用 TIME-WAIT 的四元组。`,
    tcp_max_tw_buckets: 'TIME-WAIT 套接字超过这个数量后，正在关闭的套接字跳过 TIME-WAIT 直接销毁。如今内核不再记录警告，只增加计数器 TCPTimeWaitOverflow（nstat、/proc/net/netstat）。',
    tcp_rfc1337: `设为 1 时按 ${RFC.timeWaitAssassination.rfc} 的建议忽略 TIME-WAIT 中收到的 RST；为 0 时 RST 会提前结束该状态。`,
  },
  states: {
    CLOSED: {
      meaning: `根本不存在连接，也没有 TCB。${RFC_NAME} 称之为“虚构”的状态：每个连接都从这里开始，也在这里结束。`,
      side: '任意一方：连接建立之前，以及连接彻底释放之后。',
      timers: [],
      pileUp: '本身无需处理：关闭的套接字不承载任何连接。ss 里的 UNCONN 行大多是 UDP、raw 或 UNIX 套接字，并不是 TCP；只绑定了端口的 TCP 套接字属于 BOUND_INACTIVE。',
      platformNotes: [
        'Linux 叫 TCP_CLOSE：netstat、psutil、bcc 显示 CLOSE，ss 显示 UNCONN；RFC、BSD 和 Windows 写作 CLOSED。',
        'Linux 上新建或仅 bind() 过的套接字也处于这个状态，所以跟踪工具在 connect() 时显示 CLOSE -> SYN_SENT。',
        'Linux 上的 .NET 把 TCP_CLOSE 映射为 TcpState.Closing，因此在那里看到的 “Closing” 可能其实是 CLOSED。',
      ],
    },
    LISTEN: {
      meaning: '等待任意对端地址和端口发来的连接请求（SYN）。',
      side: '被动打开方：调用 listen() 之后的服务端套接字。',
      timers: [],
      pileUp: '数量就是正在监听的服务数（每个地址加端口一个，用了 SO_REUSEPORT 会更多）。对 LISTEN 行，ss 的 Recv-Q 是全连接队列当前长度，Send-Q 是其上限：Recv-Q 接近上限说明应用 accept() 不够快。',
      platformNotes: [
        'Windows netstat 显示 LISTENING；Linux netstat 对 TCP 显示 LISTEN，只对 UNIX 套接字显示 LISTENING。',
        'Linux 上监听套接字本身一直是 LISTEN：每个握手各有一个请求套接字（NEW_SYN_RECV），显示为 SYN_RECV。',
        'ss -l 同时请求 LISTEN 和 CLOSE 状态，所以不加 -t 时也会列出未连接的 UDP 套接字（UNCONN）。',
      ],
    },
    'SYN-SENT': {
      meaning: '已发出 SYN，正在等待对端回应匹配的 SYN,ACK。',
      side: '主动打开方：正在 connect() 的客户端。',
      timers: [
        `SYN 重传：RFC 要求至少持续重传 ${RFC.synRetransmission.minutes} 分钟才能放弃（${RFC.synRetransmission.section}，${RFC.synRetransmission.rule}）。`,
        `自 ${LINUX.syn.linearSince} 起，Linux 的前 ${SYSCTL.tcp_syn_linear_timeouts}（${LINUX.syn.linearTimeouts}）次重传间隔固定为 ${LINUX.syn.initialTimeoutSeconds} 秒，之后超时逐次翻倍；加上 ${SYSCTL.tcp_syn_retries}（${LINUX.syn.retries}）共重传 ${LINUX.syn.retransmissions} 次，时刻为 +${LINUX.syn.retransmitAtSeconds.join('、')} 秒，约 ${LINUX.syn.giveUpSeconds} 秒后 connect() 以 ETIMEDOUT 失败（ip-sysctl.rst）。`,
      ],
      pileUp: '对端不回应 SYN：主机宕机、防火墙静默丢弃 SYN、路由不通，或者服务端的全连接队列已满：此时 Linux 监听套接字会静默丢弃 SYN，并计入 ListenOverflows（在服务端运行 nstat -az TcpExtListenOverflows）。对端若回 RST，连接尝试会立即结束（ECONNREFUSED），所以长时间停留的 SYN_SENT 说明报文被悄悄丢弃了。',
      platformNotes: [
        `按默认值，Linux 约 ${LINUX.syn.giveUpSeconds} 秒就放弃，短于 RFC 要求的至少 ${RFC.synRetransmission.minutes} 分钟；${LINUX.syn.linearSince} 之前没有 ${SYSCTL.tcp_syn_linear_timeouts}，是 ${LINUX.syn.giveUpSecondsBeforeLinear} 秒。`,
        '因为 Linux 把 CLOSED 叫作 TCP_CLOSE，跟踪工具显示的起点是 CLOSE -> SYN_SENT。',
      ],
    },
    'SYN-RECEIVED': {
      meaning: '已收到 SYN 并回复了 SYN,ACK，正在等待完成三次握手的最后一个 ACK。',
      side: '三次握手中的被动打开方（服务端）；同时打开时双方都会进入。',
      timers: [
        `SYN,ACK 重传：Linux 按 ${SYSCTL.tcp_synack_retries} 重发（${LINUX.synAck.retries} 次：最后一次约在 ${LINUX.synAck.lastResendSeconds} 秒后，约 ${LINUX.synAck.giveUpSeconds} 秒后丢弃）。`,
      ],
      pileUp: `SYN 洪水攻击、客户端的最后一个 ACK 一直到不了（防火墙、非对称路由），或者全连接队列已满：${SYSCTL.tcp_abort_on_overflow}=0 时，队列满期间 Linux 会丢弃第三次握手的 ACK，握手就停在这里。查看内核日志中的 “SYN flooding” 和监听队列溢出计数。`,
      platformNotes: [
        `Linux 用请求套接字（TCP_NEW_SYN_RECV）保存未完成的握手；netstat、ss 和 /proc/net/tcp 分别显示为 SYN_RECV、SYN-RECV 和 ${procCode('SYN-RECEIVED')}。`,
        '用 SYN cookie 应答的握手在服务端不保存任何状态，因此根本不会出现在 SYN_RECV 中。',
        `RFC 要求记住该状态是由被动 OPEN 还是主动 OPEN 进入的（${RFC.passiveOrActiveOpen.rule}）：只有被动打开的情况收到 RST 才回到 LISTEN。`,
      ],
    },
    ESTABLISHED: {
      meaning: '连接已建立，双向都可以传输数据，是数据传输阶段的正常状态。',
      side: '双方，客户端和服务端都是。',
      timers: [
        `未确认数据的重传：RFC 规定 R2 应当（SHOULD）至少为 ${RFC.dataRetransmission.seconds} 秒（${RFC.dataRetransmission.rule}，${RFC.dataRetransmission.section}）；Linux 在 ${SYSCTL.tcp_retries2}（${LINUX.retries2.retries} 次，约 ${LINUX.retries2.giveUpSeconds} 秒）后断开。Linux 的 RTO 最小为 ${LINUX.rtoMinMs} 毫秒（tcp_rto_min_us），而 ${RFC.rto.rfc} 要求至少 ${RFC.rto.minSeconds} 秒。`,
        `保活（keep-alive，须由应用开启）：RFC 规定默认关闭、空闲至少 ${RFC.keepAlive.idleHours} 小时才探测（${RFC.keepAlive.section}）；Linux 空闲 ${SYSCTL.tcp_keepalive_time}（${LINUX.keepAlive.timeSeconds} 秒）后开始探测，每 ${SYSCTL.tcp_keepalive_intvl}（${LINUX.keepAlive.intervalSeconds} 秒）一次，共 ${SYSCTL.tcp_keepalive_probes}（${LINUX.keepAlive.probes}）次。`,
      ],
      pileUp: '通常只是业务负载。大量空闲连接可能是连接池从不收缩，或者对端没发 FIN 或 RST 就消失了（半开连接，只有靠保活或下一次写数据才能发现）。',
      platformNotes: [
        'ss 显示为 ESTAB。netstat 和 lsof 对已连接的 UDP 套接字也显示 ESTABLISHED，ss 对 UNIX 套接字也显示 ESTAB：这些都不是 TCP。',
        `接收到的数据还没读完就调用 close()，或者 close() 之后又收到数据，Linux 会发 RST 而不是 FIN：套接字直接进入 CLOSED，而不是 FIN-WAIT-1（${RFC.resetOnUnreadData.section}，${RFC.resetOnUnreadData.rules.join('、')}）。`,
        `Linux 默认遵循 ${RFC.blindAttacks.rfc}：收到 SYN，或收到窗口内但序号不恰好等于 RCV.NXT 的 RST 时，回一个挑战 ACK（challenge ACK），连接保持不变。`,
      ],
    },
    'FIN-WAIT-1': {
      meaning: '本端已发出 FIN，正在等待它被确认，或等待对端的 FIN。',
      side: '主动关闭方：刚调用 close() 或 shutdown(SHUT_WR) 之后。',
      timers: [
        `FIN 重传：应用仍持有套接字时（shutdown() 之后）按 ${SYSCTL.tcp_retries2} 计；close() 使其成为孤儿连接后，Linux 改按 ${SYSCTL.tcp_orphan_retries} 重传即停止（读出来是 ${LINUX.orphanRetries.value}，即 ${LINUX.orphanRetries.meaning} 次：按 ${LINUX.rtoMinMs} 毫秒的最小 RTO 计算超过 ${LINUX.orphanRetries.atLeastSeconds} 秒）。`,
      ],
      pileUp: 'FIN 得不到确认：对端已消失或不可达，或者对端通告零窗口而本端还有未发完的数据。正常情况下这个状态只持续大约一个往返时间。',
      platformNotes: [
        `孤儿连接超过 ${SYSCTL.tcp_max_orphans} 时，Linux 会立即重置它们，并记录 “too many orphaned sockets”。`,
        `RFC 允许在此状态继续接收数据（${RFC.receiveAfterFin.section}）；但调用 close() 之后应用已无法再读，只有 shutdown(SHUT_WR) 的半关闭才能继续读。`,
      ],
    },
    'FIN-WAIT-2': {
      meaning: '本端的 FIN 已被确认，正在等待对端发出它的 FIN。连接处于半关闭状态。',
      side: '主动关闭方；此时对端处于 CLOSE-WAIT。',
      timers: [
        `RFC 在此没有定时器：半关闭的连接可以一直存在。Linux 在 ${SYSCTL.tcp_fin_timeout}（${LINUX.finTimeoutSeconds} 秒）后丢弃孤儿连接。`,
      ],
      pileUp: '对端一直不关闭它那一侧：去对端主机上查看 CLOSE-WAIT。不是孤儿连接的，则是本端应用调用了 shutdown(SHUT_WR) 后仍持有套接字。',
      platformNotes: [
        `Linux 把孤儿 FIN-WAIT-2 套接字转成一个子状态为 FIN_WAIT2 的精简 TIME-WAIT 套接字；/proc/net/tcp 中显示为 ${procCode('FIN-WAIT-2')}，定时器字段为 ${LINUX.timeWaitProcTimer}。`,
        `套接字选项 TCP_LINGER2 可为单个套接字覆盖 ${SYSCTL.tcp_fin_timeout}（最多 ${LINUX.linger2MaxSeconds} 秒）；设为负值则直接发 RST，不再等待。`,
      ],
    },
    'CLOSE-WAIT': {
      meaning: '对端已关闭它那一侧（已收到并确认其 FIN），正在等待本地应用关闭连接。',
      side: '被动关闭方：先收到 FIN 的一方。',
      timers: [],
      pileUp: '本地应用没有关闭套接字：连接泄漏、线程阻塞，或者连接池从不释放连接。这不是内核调优问题：没有任何协议定时器会结束这个状态，只有应用调用 close() 才会进入 LAST-ACK。',
      platformNotes: [
        'Linux 没有任何 sysctl 限制这个状态；只要进程不关闭，套接字可以一直停在 CLOSE-WAIT。',
        `常伴随非零的 Recv-Q：应用一直没有读走的数据。此时若应用调用 close()，Linux 会发 RST 而不是 FIN，并跳过 LAST-ACK（${RFC.resetOnUnreadData.section}，${RFC.resetOnUnreadData.rules.join('、')}）。`,
      ],
    },
    CLOSING: {
      meaning: '双方几乎同时发出了 FIN，正在等待对端确认本端的 FIN。',
      side: '同时关闭时的双方。',
      timers: [`FIN 重传；应用关闭套接字之后，Linux 以 ${SYSCTL.tcp_orphan_retries} 为上限。`],
      pileUp: '少见且短暂。大量 CLOSING 说明双方的 FIN 交叉而过，对应的 ACK 却丢了：检查链路丢包，或对端是否已消失。',
      platformNotes: ['netstat(8) 手册页的描述：“Both sockets are shut down but we still don\'t have all our data sent.”（双方都已关闭，但本端的数据还没有全部发完。）'],
    },
    'LAST-ACK': {
      meaning: '被动关闭方在对端之后也发出了自己的 FIN，正在等待最后一个 ACK。',
      side: '被动关闭方：其应用在 CLOSE-WAIT 中关闭套接字之后。',
      timers: [
        `FIN 会一直重传直到被确认；对 close() 产生的孤儿连接，Linux 按 ${SYSCTL.tcp_orphan_retries}（${LINUX.orphanRetries.value} 即 ${LINUX.orphanRetries.meaning} 次）重传后停止，而不是 ${SYSCTL.tcp_retries2}，后者只在 shutdown() 之后才适用。`,
      ],
      pileUp: '最后的 ACK 到不了：对端已消失或不可达，或者路径上的防火墙丢掉了这条连接的状态。正常情况下只持续一个往返时间。',
      platformNotes: [
        `在 Linux 上，close() 之后该套接字就成了孤儿连接：ss -p 看不到所属进程，FIN 的重传次数受 ${SYSCTL.tcp_orphan_retries} 限制。`,
      ],
    },
    'TIME-WAIT': {
      meaning: '连接已关闭；继续等待一段时间，确保对端收到了最后的 ACK，并让旧报文段在端口对被复用前从网络中消失。',
      side: '只有主动关闭方，即先发出 FIN 的一方，客户端或服务端都可能；同时关闭时双方都会进入。',
      timers: [
        `RFC：2×MSL，MSL 取 ${RFC.msl.minutes} 分钟，共 ${RFC_TIME_WAIT_MINUTES} 分钟（${RFC.msl.sections.join('、')}）；收到重传的 FIN 会重新计时。`,
        `Linux：固定 ${LINUX.timeWait.seconds} 秒（${LINUX.timeWait.constant}，编译期常量，不是 sysctl）。`,
      ],
      pileUp: `本机主动关闭了大量短连接。通常无害（每个只占几百字节），但在两个固定端点之间、处于 TIME-WAIT 的是客户端时，会把新建连接限制在每秒约 ${LINUX.timeWaitConnectionsPerSecond} 个（除非 ${SYSCTL.tcp_tw_reuse} 生效）；客户端一旦耗尽临时端口，connect() 就会报 EADDRNOTAVAIL。优先使用长连接，或者让对端先关闭。`,
      platformNotes: [
        `RFC 要求 ${RFC_TIME_WAIT_MINUTES} 分钟，Linux 只保持 ${LINUX.timeWait.seconds} 秒；FreeBSD 的 MSL 为 ${FREEBSD_MSL_SECONDS} 秒，同样是 ${2 * FREEBSD_MSL_SECONDS} 秒。`,
        `tcp_tw_recycle 已在 ${LINUX.twRecycleRemovedIn} 中删除：建议设置它的资料已经过时。`,
        `Windows netstat 中 TIME_WAIT 行的 PID 为 ${OTHER.windowsTimeWaitPid}：它们已不属于任何进程。`,
        `序号或时间戳更新的新 SYN 可以提前复用该端口对（${RFC.timeWaitReopen.section}，${RFC.timeWaitReopen.rfc}）；无论 ${SYSCTL.tcp_tw_reuse} 如何设置，Linux 都会这样做（tcp_timewait_state_process 返回 TCP_TW_SYN），所以处于 TIME-WAIT 的服务端不会挡住重新连接的客户端。`,
        `TIME-WAIT 中收到 RST：${SYSCTL.tcp_rfc1337}=0（默认）时结束该状态，为 1 时忽略（${RFC.timeWaitAssassination.rfc}）。`,
      ],
    },
    NEW_SYN_RECV: {
      meaning: `Linux 内部状态（${linuxStateNumber('NEW_SYN_RECV')}）：尚未完成的被动握手所用的请求套接字，相当于轻量级的 SYN-RECEIVED。`,
      side: '被动打开方（服务端）：每个未完成的握手一个请求套接字。',
      timers: [`SYN,ACK 重传，${SYSCTL.tcp_synack_retries}（${LINUX.synAck.retries} 次，约 ${LINUX.synAck.giveUpSeconds} 秒）。`],
      pileUp: '与大量 SYN_RECV 相同：SYN 洪水、全连接队列已满，或者最后的 ACK 到不了。',
      platformNotes: [
        `${NO_RFC_STATE}：对 RFC 而言，这个握手处于 SYN-RECEIVED。`,
        `查看套接字的工具从不显示这个名字：/proc/net/tcp 显示 ${procCode('SYN-RECEIVED')}，ss 显示 SYN-RECV；ss 对这个原始值只有占位名 UNDEF，也不接受 new-syn-recv 作为过滤条件。跟踪工具（bcc、bpftrace）可能会打印它。`,
      ],
    },
    BOUND_INACTIVE: {
      meaning: `Linux 为 inet_diag 定义的伪状态（${linuxStateNumber('BOUND_INACTIVE')}）：用来筛选已绑定端口、但既未监听也未连接的 TCP 套接字。`,
      side: 'bind() 之后、listen() 或 connect() 之前的本地套接字。',
      timers: [],
      pileUp: '大量出现说明应用绑定了端口却从不使用，这些端口仍被一一占用。',
      platformNotes: [
        `${NO_RFC_STATE}：对 RFC 和内核而言，这样的套接字就是 CLOSED。它只是一个过滤值：ss -B 把这些套接字显示为 UNCONN。`,
        `ss -tB 和 state bound-inactive 需要 ${LINUX.ssBoundInactiveSince.iproute2} 或更新版本；Debian 12 自带的 ${LINUX.ssBoundInactiveSince.debian12} 不认识它们。`,
      ],
    },
    DELETE_TCB: {
      meaning: `Windows / TCP-MIB 的值 ${MIB_DELETE_TCB}：删除连接的 TCB。由管理工具设置，用来强行拆除连接。`,
      side: '任意一方；由管理员或工具发起，而不是 TCP 自身。',
      timers: [],
      pileUp: '至多短暂出现，通常是某个工具请求 Windows 断开连接（SetTcpEntry）之后。',
      platformNotes: [
        `${NO_RFC_STATE}；最接近的是 ABORT，其结果是 CLOSED。它是 SetTcpEntry（以及 SNMP）唯一接受的值。`,
      ],
    },
    BOUND: {
      meaning: 'PowerShell（Bound）和 Solaris（TCPS_BOUND）：已绑定本地地址和端口，但尚未监听或连接的套接字。',
      side: 'bind() 之后的本地套接字。',
      timers: [],
      pileUp: '大量出现说明 bind() 占住的端口一直没被使用，例如先显式绑定再 connect() 的客户端套接字。',
      platformNotes: [`${NO_RFC_STATE}：对 RFC 而言套接字仍是 CLOSED。psutil 把 Solaris 上的这个状态报告为 CONN_BOUND。`],
    },
    IDLE: {
      meaning: 'Solaris/illumos（TCPS_IDLE）：已创建但尚未绑定端口的 TCP 套接字。',
      side: '刚调用 socket() 的本地套接字。',
      timers: [],
      pileUp: '大量出现说明应用创建了套接字却从不使用。',
      platformNotes: [`${NO_RFC_STATE}：对 RFC 而言就是 CLOSED。psutil 报告为 CONN_IDLE。`],
    },
    NONE: {
      meaning: 'psutil / gopsutil：该套接字根本没有 TCP 状态，因为它是 UDP 或 UNIX 套接字。',
      side: '无：它不是 TCP 连接。',
      timers: [],
      pileUp: '与 TCP 无关：统计时应与 TCP 状态分开计算。',
      platformNotes: [`${NO_RFC_STATE}。psutil 对所有 UDP 和 UNIX 套接字都用 CONN_NONE；Telegraf 把它们计入 tcp_none。`],
    },
    UNKNOWN: {
      meaning: `工具无法给出状态名：Linux netstat 对非 TCP 套接字显示它；.NET 的 TcpState.Unknown 为 ${OTHER.dotnetUnknown}。`,
      side: '未知；往往根本不是 TCP 连接。',
      timers: [],
      pileUp: '通常是非 TCP 套接字，或者工具不认识的状态编号（例如较新内核新增的状态）。',
      platformNotes: [
        `${NO_RFC_STATE}。Linux netstat 对 UNIX 套接字和部分 UDP 行也显示 UNKNOWN；libbpf-tools 的 tcpstates 对 Linux 状态 ${linuxStateNumber('BOUND_INACTIVE')}（BOUND_INACTIVE）也显示它。`,
      ],
    },
  },
};

export const EXPLANATIONS_ZH_CN = withFacts(PROSE_ZH_CN);
