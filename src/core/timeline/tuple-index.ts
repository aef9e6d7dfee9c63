// The open connections by 4-tuple, either direction. Looked up for every segment: a key string
// built per segment (addresses and ports joined) cost more than the lookups it served, so the
// tuple is looked up part by part, lower endpoint first (by address, then port). The capture
// reader hands out the same string for an address each time, so each part's hash is already
// known. Empty inner maps are removed, so memory follows the connections held.
// Pure: no `vscode`, no DOM, no Node APIs.

type ByPort<V> = Map<number, V>;
type ByAddress<V> = Map<string, V>;

export class TupleIndex<V> {
  private readonly byLow: ByAddress<ByPort<ByAddress<ByPort<V>>>> = new Map();

  get(src: string, srcPort: number, dst: string, dstPort: number): V | undefined {
    return lowFirst(src, srcPort, dst, dstPort) ? this.byLow.get(src)?.get(srcPort)?.get(dst)?.get(dstPort) : this.byLow.get(dst)?.get(dstPort)?.get(src)?.get(srcPort);
  }

  set(src: string, srcPort: number, dst: string, dstPort: number, value: V): void {
    if (!lowFirst(src, srcPort, dst, dstPort)) return this.set(dst, dstPort, src, srcPort, value);
    let ports = this.byLow.get(src);
    if (ports === undefined) this.byLow.set(src, (ports = new Map()));
    let peers = ports.get(srcPort);
    if (peers === undefined) ports.set(srcPort, (peers = new Map()));
    let peerPorts = peers.get(dst);
    if (peerPorts === undefined) peers.set(dst, (peerPorts = new Map()));
    peerPorts.set(dstPort, value);
  }

  delete(src: string, srcPort: number, dst: string, dstPort: number): void {
    if (!lowFirst(src, srcPort, dst, dstPort)) return this.delete(dst, dstPort, src, srcPort);
    const ports = this.byLow.get(src);
    const peers = ports?.get(srcPort);
    const peerPorts = peers?.get(dst);
    if (peerPorts === undefined || !peerPorts.delete(dstPort) || peerPorts.size > 0) return;
    peers!.delete(dst);
    if (peers!.size > 0) return;
    ports!.delete(srcPort);
    if (ports!.size === 0) this.byLow.delete(src);
  }
}

function lowFirst(src: string, srcPort: number, dst: string, dstPort: number): boolean {
  return src < dst || (src === dst && srcPort <= dstPort);
}
