// Types of the per-state explanations. The facts that do not depend on the language (RFC
// sections, sysctls and their defaults, commands) are in explanation-facts.ts; each language's
// prose is in explanations.<locale>.ts; withFacts joins them into a StateExplanation.
// How a state is entered and left is NOT here: it is derived from the transition table.
import type { SysctlId } from './explanation-facts';
import type { StateId } from './states';

export interface KernelSetting {
  /** sysctl name as typed, e.g. 'net.ipv4.tcp_fin_timeout'. */
  readonly name: string;
  /** Linux default, as Documentation/networking/ip-sysctl.rst gives it, e.g. '60 (seconds)'. */
  readonly linuxDefault: string;
  /** What it does, one sentence (ExplanationProse.settingEffects). */
  readonly effect: string;
}

/** A state's explanation in one language, as the renderer shows it: facts and prose joined. */
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

/** The part of a state's explanation that is the same in every language (explanation-facts.ts). */
export interface StateFacts {
  readonly rfc: StateExplanation['rfc'];
  /** The sysctls that matter, in the order shown. */
  readonly settings: readonly SysctlId[];
  readonly inspect: StateExplanation['inspect'];
}

/** The part of a state's explanation that is written in words, in one language. */
export type StateProse = Pick<StateExplanation, 'meaning' | 'side' | 'timers' | 'pileUp' | 'platformNotes'>;

/** One language's prose. Every state and every sysctl must be there: a gap is a compile error. */
export interface ExplanationProse {
  readonly states: Readonly<Record<StateId, StateProse>>;
  /** What each sysctl does, one sentence; said once, as states share sysctls. */
  readonly settingEffects: Readonly<Record<SysctlId, string>>;
  /** Each sysctl's Linux default as ip-sysctl.rst gives it ('60 (seconds)'), its numbers from explanation-facts.ts. */
  readonly settingDefaults: Readonly<Record<SysctlId, string>>;
}
