// The explorer's history played on the real Linux kernel: two loopback sockets make the same
// application calls, and after each one the kernel's states are read back from /proc/net/tcp,
// so a learner sees what Linux itself does with the steps they chose. Host side, Node only
// (node:net, node:fs), never `vscode`: the extension's explorer panel loads it (built alone as
// dist/kernel-replay.js, see src/vscode/explorer-load.ts), the CLI could.
//
// This file is the folder's public face and nothing else. plan.ts works out, without a socket,
// which part of a history loopback can replay; proc-net-tcp.ts reads and names the kernel's
// states; guard.ts bounds every wait; sockets.ts makes the calls on real sockets; replay.ts
// runs it all and cleans up.
export { replayableEvents, type ReplayCall, type ReplayPlan, type ReplayRunOptions, type ReplayStop } from './plan';
export { linuxToRfcState, parseProcNetTcp, type ProcTcpEntry } from './proc-net-tcp';
export { NotLinuxError, replayOnKernel, type KernelReplay, type KernelReplayOptions, type KernelStep } from './replay';
