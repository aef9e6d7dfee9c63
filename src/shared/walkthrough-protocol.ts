// The messages between the walkthrough webview and the extension, validated on receipt like
// the diagram's (a webview message is untrusted input). The extension owns the walkthrough's
// position; the webview only draws what it is told and reports the buttons pressed.
import type { SequenceItem, StepView, TimerLine, WalkthroughView } from '../core/views/walkthrough-view';
import { isRfcState } from '../core/model/states';
import { COMMON_TYPES, isDuration, isRecord, parseCommonMessage, type CommonWebviewMessage } from './messages';

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
      return typeof value.scenario === 'string' && SCENARIO_ID.test(value.scenario) && isIndex(value.step) && isDuration(value.ms)
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
  if (value.type === 'playing' && typeof value.playing === 'boolean' && SPEEDS.includes(value.speed as (typeof SPEEDS)[number])) {
    return { type: 'playing', playing: value.playing, speed: value.speed as number };
  }
  if (value.type === 'load' && isView(value.view) && isText(value.stateDiagram, MAX_SOURCE_CHARS) && isIndex(value.step) && value.step < value.view.steps.length && isLabels(value.labels)) {
    return { type: 'load', view: value.view, stateDiagram: value.stateDiagram, step: value.step, labels: value.labels };
  }
  return undefined;
}

// The `load` message, checked field by field: the webview puts its texts into the page (as text,
// never as HTML) and its sources into Mermaid, so a view of the wrong shape must not get that far.
const MAX_TEXT_CHARS = 10_000;
const MAX_SOURCE_CHARS = 200_000;
const MAX_ITEMS = 2_000;

function isText(value: unknown, max = MAX_TEXT_CHARS): value is string {
  return typeof value === 'string' && value.length <= max;
}

function isList<T>(value: unknown, check: (item: unknown) => item is T): value is readonly T[] {
  return Array.isArray(value) && value.length <= MAX_ITEMS && value.every(check);
}

const isTexts = (value: unknown): value is readonly string[] => isList(value, (item): item is string => isText(item));

function isSequenceItem(value: unknown): value is SequenceItem {
  return isRecord(value) && isIndex(value.step) && (value.kind === 'arrow' || value.kind === 'note') && isText(value.where, 20) && isText(value.text);
}

function isTimerLine(value: unknown): value is TimerLine {
  return isRecord(value) && (value.endpoint === 'client' || value.endpoint === 'server') && isText(value.kind, 40) && isText(value.what) && isText(value.duration) && isText(value.rfc);
}

function isStepView(value: unknown): value is StepView {
  return (
    isRecord(value) &&
    isIndex(value.index) &&
    isRfcState(value.client) &&
    isRfcState(value.server) &&
    isText(value.narration) &&
    isTexts(value.rows) &&
    isTexts(value.rfc) &&
    isList(value.timers, isTimerLine) &&
    isTexts(value.inFlight) &&
    isIndex(value.notes) &&
    isIndex(value.arrows) &&
    (value.lastArrow === undefined || isText(value.lastArrow))
  );
}

function isView(value: unknown): value is WalkthroughView {
  return (
    isRecord(value) &&
    typeof value.scenarioId === 'string' &&
    SCENARIO_ID.test(value.scenarioId) &&
    isIndex(value.number) &&
    isText(value.title) &&
    isText(value.summary) &&
    isText(value.sequenceSource, MAX_SOURCE_CHARS) &&
    isList(value.items, isSequenceItem) &&
    isList(value.steps, isStepView) &&
    value.steps.length > 0
  );
}

function isLabels(value: unknown): value is Readonly<Record<string, string>> {
  return isRecord(value) && Object.keys(value).length <= 100 && Object.values(value).every((label) => isText(label, 200));
}
