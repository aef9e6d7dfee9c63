// The unread tail of a stream of chunks. The reader asks for "at least n contiguous bytes";
// chunks are joined only then, and only as many as needed, so a file fed one byte at a time
// costs each record one copy and a file fed whole costs none.
export class ByteQueue {
  private chunks: Uint8Array[] = [];
  private total = 0;

  get length(): number {
    return this.total;
  }

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    // A plain Uint8Array over the same bytes: a subclass (Node's Buffer) makes each of the
    // per-record subarrays through its own constructor, much slower than the built-in one.
    this.chunks.push(Object.getPrototypeOf(chunk) === Uint8Array.prototype ? chunk : new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length));
    this.total += chunk.length;
  }

  /** At least `n` contiguous bytes from the head (maybe more); the caller checks `length` first. */
  peek(n: number): Uint8Array {
    const first = this.chunks[0];
    if (first !== undefined && first.length >= n) return first;
    const joined = new Uint8Array(Math.min(n, this.total));
    let filled = 0;
    let used = 0;
    while (filled < joined.length) {
      const chunk = this.chunks[used]!;
      const take = Math.min(chunk.length, joined.length - filled);
      joined.set(chunk.subarray(0, take), filled);
      filled += take;
      if (take < chunk.length) this.chunks[used] = chunk.subarray(take);
      else used++;
    }
    this.chunks.splice(0, used, joined);
    return joined;
  }

  consume(n: number): void {
    this.total -= n;
    while (n > 0) {
      const chunk = this.chunks[0]!;
      if (chunk.length > n) {
        this.chunks[0] = chunk.subarray(n);
        return;
      }
      n -= chunk.length;
      this.chunks.shift();
    }
  }
}
