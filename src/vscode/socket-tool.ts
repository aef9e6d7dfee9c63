// The platform's socket-listing tool (ss on Linux, netstat on macOS and Windows) and one run of it,
// for the live "TCP Connections" view. execFile with fixed arguments and no shell: nothing from a
// document, a setting or the user reaches the command line. A time-out and a size cap keep a hung
// or runaway tool from holding the extension host. No `vscode` import, so unit tests can load it;
// the view turns a failure's reason into the user's language.
import { execFile } from 'node:child_process';
import { join } from 'node:path';

export interface SocketTool {
  /** What is executed: a name looked up on PATH, or an absolute path. */
  readonly command: string;
  readonly args: readonly string[];
  /** How messages and the diagram name it: `ss -tanp`. */
  readonly label: string;
  /** The package that provides the command, where installing one is the fix (Linux). */
  readonly packageName?: string;
}

/** Longest a run may take: ss and netstat answer in well under a second even with 100 000 sockets. */
export const TOOL_TIMEOUT_MS = 10_000;
/** Most output read: about 200 000 rows of ss -tanp; a busier machine's table is cut off, not half counted. */
export const TOOL_MAX_BYTES = 32 * 1024 * 1024;

export interface ToolLimits {
  readonly timeoutMs: number;
  readonly maxBytes: number;
}

export type ToolFailureReason = 'unsupported' | 'missing' | 'denied' | 'timeout' | 'too-large' | 'failed';

export type ToolOutcome =
  | { readonly ok: true; readonly text: string; readonly tool: SocketTool; readonly ms: number }
  | {
      readonly ok: false;
      readonly reason: ToolFailureReason;
      /** English, for the log and the tests; the view words it in the user's language from `reason`. */
      readonly message: string;
      readonly tool?: SocketTool;
      /** The tool's own words (its exit status and the first line of its stderr) when it failed. */
      readonly detail?: string;
    };

/**
 * The tool and arguments of each platform, as data. Linux: ss (iproute2), with processes (-p)
 * where the user may see them. macOS: netstat's -v adds the PID column. Windows: netstat -o adds
 * the owning PID. Other platforms: undefined (no tool whose output the census is known to read).
 */
export function socketToolFor(platform: NodeJS.Platform, systemRoot: string | undefined = process.env.SystemRoot): SocketTool | undefined {
  switch (platform) {
    case 'linux':
      // ss lives in /usr/bin, /bin, /sbin or /usr/sbin depending on the distribution: PATH finds it.
      return { command: 'ss', args: ['-tanp'], label: 'ss -tanp', packageName: 'iproute2' };
    case 'darwin':
      // Always there on macOS; the absolute path keeps a PATH without /usr/sbin (a GUI launch) working.
      return { command: '/usr/sbin/netstat', args: ['-anv', '-p', 'tcp'], label: 'netstat -anv -p tcp' };
    case 'win32':
      // The absolute path: Windows looks in the current folder before PATH, and a workspace could hold a netstat.exe.
      return { command: systemRoot ? join(systemRoot, 'System32', 'netstat.exe') : 'netstat.exe', args: ['-ano', '-p', 'tcp'], label: 'netstat -ano -p tcp' };
    default:
      return undefined;
  }
}

function firstLine(text: string | undefined): string | undefined {
  const line = text?.split(/\r?\n/).find((l) => l.trim())?.trim();
  return line ? line.slice(0, 300) : undefined;
}

/** Runs `tool` once (this platform's by default; null: the platform has none); never rejects. */
export function runSocketTool(
  tool: SocketTool | null = socketToolFor(process.platform) ?? null,
  limits: ToolLimits = { timeoutMs: TOOL_TIMEOUT_MS, maxBytes: TOOL_MAX_BYTES },
): Promise<ToolOutcome> {
  if (!tool) {
    return Promise.resolve({ ok: false, reason: 'unsupported', message: `Listing this machine's TCP sockets needs ss (Linux) or netstat (macOS, Windows); there is no tool for this platform (${process.platform}).` });
  }
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(
      tool.command,
      [...tool.args],
      { encoding: 'utf8', timeout: limits.timeoutMs, maxBuffer: limits.maxBytes, windowsHide: true, shell: false },
      (error, stdout, stderr) => {
        if (!error) {
          resolve({ ok: true, text: stdout, tool, ms: Date.now() - started });
          return;
        }
        const code = (error as NodeJS.ErrnoException).code as string | number | undefined;
        const name = tool.label.split(' ')[0]!;
        if (code === 'ENOENT') {
          const install = tool.packageName ? ` It is part of ${tool.packageName}: install the ${tool.packageName} package.` : '';
          resolve({ ok: false, reason: 'missing', tool, message: `${name} was not found (looked for ${tool.command}).${install}` });
        } else if (code === 'EACCES' || code === 'EPERM') {
          resolve({ ok: false, reason: 'denied', tool, message: `${tool.command} could not be run: permission denied.` });
        } else if (code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') {
          resolve({ ok: false, reason: 'too-large', tool, message: `${tool.label} printed more than ${Math.round(limits.maxBytes / 1024 / 1024)} MB; it was stopped and nothing is counted (a part of the table would mislead).` });
        } else if (error.killed) {
          // Killed by us: only the time-out kills it (the size cap has its own code above).
          resolve({ ok: false, reason: 'timeout', tool, message: `${tool.label} did not finish within ${limits.timeoutMs / 1000} s and was stopped.` });
        } else {
          const detail = [typeof code === 'number' ? `exit status ${code}` : error.signal ? `signal ${error.signal}` : undefined, firstLine(stderr)].filter(Boolean).join(': ');
          resolve({ ok: false, reason: 'failed', tool, detail, message: `${tool.label} failed${detail ? ` (${detail})` : ''}.` });
        }
      },
    );
  });
}
