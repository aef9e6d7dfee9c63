// Turns an ExplanationView into Markdown (for the hover) or plain text (for the CLI).
// Everything rendered is our own data except the spelling, which is a catalogue entry and is
// put inside a code span anyway. Pure: no `vscode`.
import type { ExplanationView, TransitionLine } from '../model/explain';
import { rfcLink } from '../model/explain';
import { RFC_NAME } from '../model/explanation-facts';
import { PHRASES } from '../model/i18n';
import { sourceName } from '../recognition/sources';
import { STATE_INFO } from '../model/states';

export interface MarkdownOptions {
  /** A `command:` URI that opens the diagram at this state; omitted while there is no diagram. */
  readonly diagramLink?: string;
}

/** Escapes inline text for Markdown so data never turns into emphasis, code, HTML or links. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|~$]/g, (c) => `\\${c}`);
}

function code(text: string): string {
  return '`' + text.replace(/`/g, '') + '`';
}

function transitionsMarkdown(lines: readonly TransitionLine[], more: number, arrowFirst: boolean): string[] {
  const items = lines.map((line) => {
    const other = line.states.map(escapeMarkdown).join(', ');
    const where = line.states.length ? (arrowFirst ? `→ ${other} ` : `${other} → `) : '';
    return `- ${where}*${escapeMarkdown(line.label)}* (${line.rfc})`;
  });
  if (more > 0) items.push(`- +${more}`);
  return items;
}

export function toMarkdown(view: ExplanationView, options: MarkdownOptions = {}): string {
  const p = PHRASES[view.locale];
  const d = view.data;
  const out: string[] = [];
  const shown = view.spelling ? code(view.spelling.text) : `**${view.state}**`;
  const platform = STATE_INFO[view.state].kind === 'platform' ? ` · **${view.state}**` : '';
  out.push(`${shown} — ${escapeMarkdown(view.headline)}${platform}`);
  out.push('');
  out.push(`${escapeMarkdown(d.meaning)} [${RFC_NAME} ${d.rfc}](${rfcLink(d.rfc)})`);
  out.push('');
  out.push(`*${p.side}${p.colon.trim()}* ${escapeMarkdown(d.side)}`);
  if (options.diagramLink) out.push('', `[$(type-hierarchy) ${p.showInDiagram}](${options.diagramLink})`);
  out.push('', '---', '');
  if (view.entered.length) out.push(`**${p.entered}${p.colon.trim()}**`, ...transitionsMarkdown(view.entered, view.enteredMore, false), '');
  if (view.left.length) out.push(`**${p.left}${p.colon.trim()}**`, ...transitionsMarkdown(view.left, view.leftMore, true), '');
  out.push(`**${p.timers}${p.colon.trim()}** ${d.timers.length ? '' : escapeMarkdown(p.noTimers)}`);
  for (const timer of d.timers) out.push(`- ${escapeMarkdown(timer)}`);
  out.push('', `**${p.pileUp}${p.colon.trim()}** ${escapeMarkdown(d.pileUp)}`);
  if (d.settings.length) {
    out.push('', `**${p.settings}${p.colon.trim()}**`);
    for (const s of d.settings) out.push(`- ${code(s.name)} = ${escapeMarkdown(s.linuxDefault)}${p.colon}${escapeMarkdown(s.effect)}`);
  }
  if (d.platformNotes.length) {
    out.push('', `**${p.platformNotes}${p.colon.trim()}**`);
    for (const note of d.platformNotes) out.push(`- ${escapeMarkdown(note)}`);
  }
  if (d.inspect.length) out.push('', `**${p.inspect}${p.colon.trim()}** ${d.inspect.map(code).join(' · ')}`);
  if (view.spelling?.others.length) {
    const names = view.spelling.others.map((s) => escapeMarkdown(sourceName(s, view.locale)));
    out.push('', `*${p.alsoUsedBy}${p.colon}${names.join(p.listSeparator)}*`);
  }
  return out.join('\n');
}

function transitionsText(lines: readonly TransitionLine[], more: number, arrowFirst: boolean): string[] {
  const out = lines.map((line) => {
    const other = line.states.join(', ');
    const where = line.states.length ? (arrowFirst ? `→ ${other}: ` : `${other} →: `) : '';
    return `  - ${where}${line.label} (${line.rfc})`;
  });
  if (more > 0) out.push(`  - +${more}`);
  return out;
}

export function toPlainText(view: ExplanationView): string {
  const p = PHRASES[view.locale];
  const d = view.data;
  const out: string[] = [];
  const title = view.spelling ? `${view.spelling.text} — ${view.headline} (${view.state})` : `${view.state} — ${view.headline}`;
  out.push(title, '', d.meaning, `${RFC_NAME} ${d.rfc}: ${rfcLink(d.rfc)}`, '', `${p.side}${p.colon}${d.side}`);
  if (view.entered.length) out.push('', `${p.entered}${p.colon.trim()}`, ...transitionsText(view.entered, view.enteredMore, false));
  if (view.left.length) out.push('', `${p.left}${p.colon.trim()}`, ...transitionsText(view.left, view.leftMore, true));
  out.push('', `${p.timers}${p.colon.trim()}`);
  if (d.timers.length) for (const t of d.timers) out.push(`  - ${t}`);
  else out.push(`  ${p.noTimers}`);
  out.push('', `${p.pileUp}${p.colon}${d.pileUp}`);
  if (d.settings.length) {
    out.push('', `${p.settings}${p.colon.trim()}`);
    for (const s of d.settings) out.push(`  - ${s.name} = ${s.linuxDefault}${p.colon}${s.effect}`);
  }
  if (d.platformNotes.length) out.push('', `${p.platformNotes}${p.colon.trim()}`, ...d.platformNotes.map((n) => `  - ${n}`));
  if (d.inspect.length) out.push('', `${p.inspect}${p.colon.trim()}`, ...d.inspect.map((c) => `  $ ${c}`));
  if (view.spelling?.others.length) out.push('', `${p.alsoUsedBy}${p.colon}${view.spelling.others.map((s) => sourceName(s, view.locale)).join(p.listSeparator)}`);
  return out.join('\n') + '\n';
}
