// The explorer's replay on this machine's kernel (extension host, Node only): the current path's
// events made as calls on loopback sockets (src/kernel-replay/, loaded on first use by
// explorer-load.ts), each call's kernel states beside the model's at the same step. The browser
// has no sockets and no /proc, so only the Node entry offers it (host.ts's replayOnKernel).
import * as vscode from 'vscode';
import type { Explorer } from '../core';
import type { KernelView } from '../shared/explorer-protocol';
import { loadKernelReplay } from './explorer-load';
import { loadCore } from './load-core';

export async function replayOnKernel(explorer: Explorer, signal: AbortSignal): Promise<KernelView> {
  const steps = explorer.steps;
  const { replayOnKernel: replay } = loadKernelReplay();
  const { profileOptions } = loadCore();
  const run = { ...profileOptions(explorer.profile), ...(explorer.start.iss ? { iss: explorer.start.iss } : {}) };
  const result = await replay(explorer.history.events(), { signal, run });
  const ends = [...result.steps.map((s) => s.step).slice(1), result.stoppedAt?.step ?? steps.length];
  const rows = result.steps.map((s, i) => {
    const at = steps[Math.max(0, Math.min((ends[i] ?? steps.length) - 1, steps.length - 1))];
    const model = { client: at?.states.client ?? 'CLOSED', server: at?.states.server ?? 'CLOSED' };
    const ports = `client ${s.ports.client ?? '-'}, server ${s.ports.server}`;
    return { step: s.step, call: s.call, kernel: s.kernel, model, ports, differs: s.kernel.client !== model.client || s.kernel.server !== model.server };
  });
  const notes = [result.stoppedAt ? vscode.l10n.t('Stopped at step {0}: {1}', result.stoppedAt.step, result.stoppedAt.reason) : undefined, result.leftovers.length ? `leftovers: ${result.leftovers.join('; ')}` : undefined].filter(Boolean);
  return { rows, running: false, ...(notes.length ? { note: notes.join(' ') } : {}) };
}
