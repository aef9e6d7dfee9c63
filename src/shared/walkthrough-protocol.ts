// The messages between the walkthrough webview and the extension, validated on receipt like
// the diagram's (a webview message is untrusted input). The extension owns the walkthrough's
// position; the webview only draws what it is told and reports the buttons pressed.
import type { WalkthroughView } from '../core/walkthrough-view';
import { COMMON_TYPES, isRecord, parseCommonMessage, type CommonWebviewMessage } from './messages';

export const CONTROLS = ['next', 'back', 'restart', 'togglePlay', 'pickScenario'] as const;
export type Control = (typeof CONTROLS)[number];
export const SPEEDS = [0.5, 1, 2, 4] as const;

/** Webview → extension. */
export type WalkthroughMessage =
  | CommonWebviewMessage
  | { readonly type: 'control'; readonly control: Control }
  | { readonly type: 'speed'; readonly speed: number }
  | { readonly type: 'shown'; readonly scenario: string; readonly step: number; readonly ms: number };

/** Extension → webview. */
export type WalkthroughHostMessage =
  | { readonly type: 'load'; readonly view: WalkthroughView; readonly stateDiagram: string; readonly step: number; readonly labels: Readonly<Record<string, string>> }
  | { readonly type: 'step'; readonly step: number }
  | { readonly type: 'playing'; readonly playing: boolean; readonly speed: number };

/** What the webview keeps across a reload (getState/setState), read back by the serializer. */
export interface WalkthroughState {
  readonly scenario: string;
  readonly step: number;
}

function isIndex(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < 10_000;
}

const SCENARIO_ID = /^[a-z0-9-]{1,60}$/;

/** Returns the message if it is well-formed, else undefined (the caller logs and ignores it). */
export function parseWalkthroughMessage(value: unknown): WalkthroughMessage | undefined {
  if (!isRecord(value) || typeof value.type !== 'string') return undefined;
  if (COMMON_TYPES.has(value.type)) return parseCommonMessage(value);
  switch (value.type) {
    case 'control':
      return CONTROLS.includes(value.control as Control) ? { type: 'control', control: value.control as Control } : undefined;
    case 'speed':
      return SPEEDS.includes(value.speed as (typeof SPEEDS)[number]) ? { type: 'speed', speed: value.speed as number } : undefined;
    case 'shown':
      return typeof value.scenario === 'string' && SCENARIO_ID.test(value.scenario) && isIndex(value.step) && typeof value.ms === 'number' && value.ms >= 0
        ? { type: 'shown', scenario: value.scenario, step: value.step, ms: value.ms }
        : undefined;
    default:
      return undefined;
  }
}

/** The saved state of a restored panel, if it is one we wrote. */
export function parseWalkthroughState(value: unknown): WalkthroughState | undefined {
  if (!isRecord(value) || typeof value.scenario !== 'string' || !SCENARIO_ID.test(value.scenario) || !isIndex(value.step)) return undefined;
  return { scenario: value.scenario, step: value.step };
}

/** Host messages as the webview checks them: it trusts the extension, but not blindly the shape. */
export function parseWalkthroughHostMessage(value: unknown): WalkthroughHostMessage | undefined {
  if (!isRecord(value)) return undefined;
  if (value.type === 'step' && isIndex(value.step)) return { type: 'step', step: value.step };
  if (value.type === 'playing' && typeof value.playing === 'boolean' && typeof value.speed === 'number') {
    return { type: 'playing', playing: value.playing, speed: value.speed };
  }
  if (value.type === 'load' && isRecord(value.view) && typeof value.stateDiagram === 'string' && isIndex(value.step) && isRecord(value.labels)) {
    return value as unknown as WalkthroughHostMessage;
  }
  return undefined;
}
