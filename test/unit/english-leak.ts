// Finds English left in text meant to be Chinese: a heuristic, so it can be wrong, but it can
// fail. What stays English on purpose is taken out first: the names of states in every spelling
// the catalogue knows, RFC 9293 Figure 5's event and action labels ("rcv SYN / snd SYN,ACK",
// protocol notation as the RFC writes it, shown beside the states), the commands an explanation
// says to run, code in backticks, paths, URLs, identifiers (sysctls, constants, calls), and the
// proper names of tools and registries, quotations of what a program prints, Mermaid's syntax.
// What is left must not hold two English words in a row.
import { STATE_FACTS } from '../../src/core/model/explanation-facts';
import { TRANSITIONS } from '../../src/core/model/transitions';
import { SOURCES } from '../../src/core/recognition/sources';
import { SPELLINGS } from '../../src/core/recognition/spellings';
import { ALL_STATES } from '../../src/core/model/states';

/**
 * Proper names that are two or more English words: products, file formats and the registry's
 * link-type names, which no translation renames. Each is taken out as a whole.
 */
const NAMES = [
  'TCP State Lens',
  'VS Code for the Web',
  'Linux cooked capture',
  'BSD loopback',
  'Get-NetTCPConnection',
  'Prometheus node_exporter',
  'SNMP TCP-MIB',
  'Windows netstat',
  'Linux netstat',
  'BSD/macOS netstat',
  'PowerShell Get-NetTCPConnection',
  'Rust TcpState',
  '.NET TcpState',
  'Linux BPF',
  'Windows MIB_TCP_STATE',
  'Windows TCPSTATE',
  'Solaris/illumos',
  'Explorer',
  'npm run test:kernel',
  // The same in a Mermaid diagram's accessible description, which cannot hold a colon.
  'npm run test kernel',
];

/** Mermaid's own words in a diagram's source: syntax, not text. */
const MERMAID = /^\s*(?:sequenceDiagram|stateDiagram-v2|participant \S+ as|Note (?:over|left of|right of)|accTitle:|accDescr:|%%.*)/gm;

/** Every fixed text to take out before looking, longest first (so a label is not cut by a shorter one). */
function allowedFragments(): string[] {
  const fragments = new Set<string>(NAMES);
  for (const row of TRANSITIONS) {
    fragments.add(`${row.label.event} / ${row.label.action}`);
    fragments.add(row.label.event);
    fragments.add(row.label.action);
  }
  for (const state of ALL_STATES) for (const command of STATE_FACTS[state].inspect) fragments.add(command);
  for (const source of Object.values(SOURCES)) if (!/\s[a-z]/.test(source.name)) fragments.add(source.name);
  for (const spelling of SPELLINGS.keys()) if (/\s/.test(spelling)) fragments.add(spelling);
  return [...fragments].filter((f) => f.length > 0).sort((a, b) => b.length - a.length);
}

let fragments: string[] | undefined;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Two or more English words in a row (a capitalised first word allowed), not part of an identifier or a path. */
const WORDS = /(?<![-.\w/#$@=<])[A-Za-z][a-z]+(?:,? (?:[a-z]{2,}|I|a))+(?![-\w(/=.<>]|\.\w)/g;

/** One English word alone in parentheses: ' (again)' after a segment; a sockets call's name, '(listen)', is no word. */
const PARENTHESISED = /[(（](?!(?:listen|connect|accept|close|shutdown|read|write|abort)[)）])[a-z]{3,}[)）]/g;

/** The English runs left in `text` once what stays English on purpose is taken out. */
export function englishIn(text: string): string[] {
  fragments ??= allowedFragments();
  let rest = text
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/`[^`]*`/g, ' ')
    .replace(/\$ [^\n]*/g, ' ')
    // A quotation of what a program prints or a manual says stays as written.
    .replace(/“[^”]*”|"[^"\n]*"/g, ' ')
    .replace(MERMAID, ' ')
    // A call with its arguments: min(backlog, somaxconn), shutdown(SHUT_WR).
    .replace(/\b\w+\([^()]*\)/g, ' ');
  for (const fragment of fragments) if (rest.includes(fragment)) rest = rest.replace(new RegExp(`(?<![\\w-])${escapeRegExp(fragment)}(?![\\w-])`, 'g'), ' ');
  return [...rest.matchAll(WORDS), ...rest.matchAll(PARENTHESISED)].map((m) => m[0]);
}

/** Every (label, English run) of `texts`. */
export function leaks(texts: readonly (readonly [string, string])[]): string[] {
  return texts.flatMap(([label, text]) => englishIn(text).map((run) => `${label}: «${run}» in ${JSON.stringify(text.length > 200 ? `${text.slice(0, 200)}…` : text)}`));
}
