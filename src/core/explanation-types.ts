// Types of the per-state explanations (data in explanations.en.ts and explanations.zh-cn.ts).
// How a state is entered and left is NOT here: it is derived from the transition table.
import type { StateId } from './states';

export interface KernelSetting {
  /** sysctl name as typed, e.g. 'net.ipv4.tcp_fin_timeout'. */
  readonly name: string;
  /** Linux default, as Documentation/networking/ip-sysctl.rst gives it, e.g. '60 (seconds)'. */
  readonly linuxDefault: string;
  /** What it does for this state, one sentence. */
  readonly effect: string;
}

export interface StateExplanation {
  readonly state: StateId;
  /** RFC 9293 section(s) the explanation rests on, e.g. '§3.3.2, §3.6'. */
  readonly rfc: string;
  /** One sentence: what the state means. Shown first, compact. */
  readonly meaning: string;
  /** Which side is in it: active/passive opener/closer, client/server, both. */
  readonly side: string;
  /** Timers that run in this state (RFC value, and Linux value where it differs). */
  readonly timers: readonly string[];
  /** What many sockets in this state usually mean in production. */
  readonly pileUp: string;
  /** Linux kernel settings that matter for this state. */
  readonly settings: readonly KernelSetting[];
  /** Where Linux (or other stacks) differ from the RFC. */
  readonly platformNotes: readonly string[];
  /** Commands to look at these sockets (e.g. 'ss -tan state time-wait | wc -l'). */
  readonly inspect: readonly string[];
}
