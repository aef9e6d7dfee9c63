// Which reader a file needs, from its first four bytes: a pcap or pcapng magic number means a
// capture (the capture reader's own tests of the magic), anything else is taken as tcpdump
// text. Pure: no `vscode`, no DOM, no Node APIs.
import { isPcapMagic } from '../capture/pcap';
import { SECTION_HEADER_TYPE } from '../capture/pcapng';

/** Bytes `inputKind` needs to decide. */
export const INPUT_KIND_BYTES = 4;

export function inputKind(head: Uint8Array): 'capture' | 'text' {
  if (head.length < INPUT_KIND_BYTES) return 'text';
  const magic = ((head[0]! << 24) | (head[1]! << 16) | (head[2]! << 8) | head[3]!) >>> 0;
  return magic === SECTION_HEADER_TYPE || isPcapMagic(magic) ? 'capture' : 'text';
}
