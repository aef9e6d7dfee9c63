// The explorer's replay on this machine's kernel (extension host, Node only): the current path's
// events made as calls on loopback sockets (src/kernel-replay/, loaded on first use by
// explorer-load.ts), each call's kernel states beside the model's at the same step. The browser
// has no sockets and no /proc, so only the Node entry offers it (host.ts's replayOnKernel).
import * as vscode from 'vscode';
import type { Explorer, Locale } from '../core';
import type { KernelView } from '../shared/explorer-protocol';
import { loadKernelReplay } from './explorer-load';
import { loadCore } from './load-core';

export async function replayOnKernel(explorer: Explorer, signal: AbortSignal, locale: Locale): Promise<KernelView> {
  const steps = explorer.steps;
  const { replayOnKernel: replay } = loadKernelReplay();
  const { profileOptions } = loadCore();
  const run = { ...profileOptions(explorer.profile), ...(explorer.start.iss ? { iss: explorer.start.iss } : {}) };
  let result: Awaited<ReturnType<typeof replay>>;
  try {
    result = await replay(explorer.history.events(), { signal, run });
  } catch (error) {
    const note = notLinuxNote(error);
    if (note === undefined) throw error;
    return { rows: [], running: false, note };
  }
  const ends = [...result.steps.map((s) => s.step).slice(1), result.stoppedAt?.step ?? steps.length];
  const rows = result.steps.map((s, i) => {
    const at = steps[Math.max(0, Math.min((ends[i] ?? steps.length) - 1, steps.length - 1))];
    const model = { client: at?.states.client ?? 'CLOSED', server: at?.states.server ?? 'CLOSED' };
    const ports = vscode.l10n.t('client {0}, server {1}', s.ports.client ?? '-', s.ports.server);
    return { step: s.step, call: s.call, kernel: s.kernel, model, ports, differs: s.kernel.client !== model.client || s.kernel.server !== model.server };
  });
  const notes = [
    result.stoppedAt ? vscode.l10n.t('Stopped at step {0}: {1}', result.stoppedAt.step, result.stoppedAt.reason[locale]) : undefined,
    result.leftovers.length ? vscode.l10n.t('Sockets left open: {0}', result.leftovers.join('; ')) : undefined,
  ].filter(Boolean);
  return { rows, running: false, ...(notes.length ? { note: notes.join(' ') } : {}) };
}

/** What the panel says when the replay cannot start here (off Linux); undefined for any other failure. */
function notLinuxNote(error: unknown): string | undefined {
  if (!(error instanceof Error) || error.name !== 'NotLinuxError') return undefined;
  const platform = (error as Error & { platform?: string }).platform ?? process.platform;
  return vscode.l10n.t("Replaying on the kernel needs Linux: it reads the kernel's states from /proc/net/tcp, which {0} does not have.", platform);
}
