// A turn of the event loop, so the extension host answers other requests between chunks of work.
// Node's setImmediate where there is one; a web worker has none, and there a message to ourselves
// through a MessageChannel, which browsers do not clamp as they clamp nested setTimeouts (4 ms).
const immediate = (globalThis as { setImmediate?: (run: () => void) => unknown }).setImmediate;

/** The part of a browser's MessageChannel used here (Node's types describe its own ports, never used here). */
interface Channel {
  readonly port1: { onmessage: (() => void) | null };
  readonly port2: { postMessage(message: null): void };
}

let channel: Channel | undefined;
const waiting: (() => void)[] = [];

export function nextTurn(): Promise<void> {
  return new Promise((resolve) => {
    if (immediate) {
      immediate(resolve);
      return;
    }
    if (!channel) {
      channel = new MessageChannel() as unknown as Channel;
      channel.port1.onmessage = () => waiting.shift()?.();
    }
    waiting.push(resolve);
    channel.port2.postMessage(null);
  });
}
