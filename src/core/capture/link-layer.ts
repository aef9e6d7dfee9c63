// From a frame's link-layer header to its IP packet: Ethernet (with 802.1Q / 802.1ad tags),
// Linux cooked SLL and SLL2 (what `tcpdump -i any` writes), raw IP, and BSD null/loopback.
// Link-type numbers are the registry's LINKTYPE_* values (tcpdump.org/linktypes.html).
import type { Locale, Localized } from '../model/locales';
import type { SkippedLinkType } from './types';

export const LINKTYPE = {
  NULL: 0,
  ETHERNET: 1,
  RAW: 101,
  LOOP: 108,
  LINUX_SLL: 113,
  IPV4: 228,
  IPV6: 229,
  LINUX_SLL2: 276,
} as const;

/** DLT_RAW's number on some systems before LINKTYPE_RAW existed (12 elsewhere, 14 on OpenBSD). */
const LEGACY_RAW = [12, 14];

/** The link types ipPayloadOf knows where the IP packet starts in. */
const DECODED: ReadonlySet<number> = new Set([...Object.values(LINKTYPE), ...LEGACY_RAW]);

/** Whether frames of `linkType` are decoded (ipPayloadOf knows where their IP packet starts). */
export function isDecodedLinkType(linkType: number): boolean {
  return DECODED.has(linkType);
}

/**
 * Names of link types a capture may well have that this reader does not decode (the registry's
 * LINKTYPE_* names, tcpdump.org/linktypes.html), so the message can say what the file holds.
 */
const UNDECODED_NAMES: Readonly<Record<number, string>> = {
  6: 'IEEE 802.5 Token Ring',
  9: 'PPP',
  50: 'PPP in HDLC framing',
  104: 'Cisco HDLC',
  105: 'IEEE 802.11 wireless LAN',
  119: 'Prism 802.11 headers',
  127: 'IEEE 802.11 radiotap',
  147: 'user-defined, DLT_USER0',
  163: 'AVS 802.11 headers',
  187: 'Bluetooth HCI H4',
  189: 'Linux USB',
  192: 'PPI, per-packet information',
  195: 'IEEE 802.15.4',
  220: 'Linux USB, memory-mapped',
  239: 'Linux netfilter log, NFLOG',
  252: 'Wireshark upper PDU',
  253: 'Linux Netlink',
};

/** The words of the message about what was skipped, in each language (the link types' names are the registry's). */
const SKIPPED_WORDS: Localized<{
  readonly frames: (count: number, linkType: string) => string;
  readonly skipped: (what: string) => string;
  readonly linkType: (linkType: number, name: string | undefined) => string;
  readonly separator: string;
}> = {
  en: {
    frames: (count, linkType) => `${count} frame${count === 1 ? '' : 's'} of ${linkType}`,
    skipped: (what) => `${what} skipped: this reader decodes Ethernet (with VLAN tags), Linux cooked capture (SLL, SLL2), raw IPv4/IPv6 and BSD loopback`,
    linkType: (linkType, name) => (name === undefined ? `link type ${linkType}` : `link type ${linkType} (${name})`),
    separator: ', ',
  },
  'zh-cn': {
    frames: (count, linkType) => `${count} 帧 ${linkType}`,
    skipped: (what) => `已跳过 ${what}：本读取器解码以太网（含 VLAN 标签）、Linux cooked capture（SLL、SLL2）、原始 IPv4/IPv6 和 BSD 环回`,
    linkType: (linkType, name) => (name === undefined ? `链路类型 ${linkType}` : `链路类型 ${linkType}（${name}）`),
    separator: '、',
  },
};

/** The frames of link types not decoded, in `locale` (the CLI; the editor words it with the bundle of VS Code's display language). */
export function skippedLinkTypesText(skipped: readonly SkippedLinkType[], locale: Locale = 'en'): string | undefined {
  if (skipped.length === 0) return undefined;
  const words = SKIPPED_WORDS[locale];
  return words.skipped(skipped.map((s) => words.frames(s.frames, linkTypeText(s.linkType, locale))).join(words.separator));
}

/** The registry's name of a link type this reader does not decode ('IEEE 802.11 radiotap'), when it has one here. */
export function linkTypeName(linkType: number): string | undefined {
  return UNDECODED_NAMES[linkType];
}

/** "link type 127 (IEEE 802.11 radiotap)", or the number alone for one without a name here. */
export function linkTypeText(linkType: number, locale: Locale = 'en'): string {
  return SKIPPED_WORDS[locale].linkType(linkType, UNDECODED_NAMES[linkType]);
}

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
/** 802.1Q, 802.1ad (QinQ) and the older pre-standard QinQ tag: each adds 4 bytes. */
const VLAN_TAGS = [0x8100, 0x88a8, 0x9100];
/** BSD address families for IPv6 differ by system: Linux, NetBSD/OpenBSD, FreeBSD, macOS. */
const AF_INET = 2;
const AF_INET6 = [10, 24, 28, 30];

export interface IpPayload {
  readonly version: 4 | 6;
  /** Offset of the IP header in the frame's captured bytes. */
  readonly start: number;
}

/**
 * The answers for headers up to 64 bytes, made once and shared (frozen): every frame of a
 * capture has one of a few, and this runs once per frame.
 */
const SHARED_PAYLOADS: readonly (readonly [IpPayload, IpPayload])[] = Array.from({ length: 64 }, (_, start) => [Object.freeze({ version: 4, start }), Object.freeze({ version: 6, start })] as const);

function payloadAt(version: 4 | 6, start: number): IpPayload {
  const shared = SHARED_PAYLOADS[start];
  return shared === undefined ? { version, start } : shared[version === 4 ? 0 : 1];
}

/** Where the IP packet starts, or undefined for a frame that carries something else. */
export function ipPayloadOf(linkType: number, data: Uint8Array): IpPayload | undefined {
  switch (linkType) {
    case LINKTYPE.ETHERNET:
      return afterEthertype(data, 12);
    case LINKTYPE.LINUX_SLL:
      return afterEthertype(data, 14);
    case LINKTYPE.LINUX_SLL2:
      return afterEthertype(data, 0, 20);
    case LINKTYPE.NULL:
    case LINKTYPE.LOOP:
      return afterFamily(data);
    case LINKTYPE.IPV4:
      return versionAt(data, 0) === 4 ? { version: 4, start: 0 } : undefined;
    case LINKTYPE.IPV6:
      return versionAt(data, 0) === 6 ? { version: 6, start: 0 } : undefined;
    default:
      if (linkType === LINKTYPE.RAW || LEGACY_RAW.includes(linkType)) return rawIp(data, 0);
      return undefined;
  }
}

/**
 * The ethertype at `at`, skipping VLAN tags. `headerEnd` is where the payload starts when it is
 * not right after the ethertype (SLL2 puts its protocol first and 18 more bytes after it).
 */
function afterEthertype(data: Uint8Array, at: number, headerEnd = at + 2): IpPayload | undefined {
  if (data.length < at + 2) return undefined;
  let type = (data[at]! << 8) | data[at + 1]!;
  let start = headerEnd;
  while (VLAN_TAGS.includes(type)) {
    // A tag is 2 bytes of priority/VLAN id and the next ethertype.
    if (data.length < start + 4) return undefined;
    type = (data[start + 2]! << 8) | data[start + 3]!;
    start += 4;
  }
  if (type === ETHERTYPE_IPV4) return payloadAt(4, start);
  if (type === ETHERTYPE_IPV6) return payloadAt(6, start);
  return undefined;
}

/** The family is a 4-byte word in the capturing machine's byte order: try both. */
function afterFamily(data: Uint8Array): IpPayload | undefined {
  if (data.length < 4) return undefined;
  const view = new DataView(data.buffer, data.byteOffset, 4);
  const big = view.getUint32(0, false);
  const family = big > 0xffff ? view.getUint32(0, true) : big;
  if (family === AF_INET) return { version: 4, start: 4 };
  if (AF_INET6.includes(family)) return { version: 6, start: 4 };
  return undefined;
}

function rawIp(data: Uint8Array, start: number): IpPayload | undefined {
  const version = versionAt(data, start);
  return version === 4 || version === 6 ? { version, start } : undefined;
}

function versionAt(data: Uint8Array, at: number): number | undefined {
  const byte = data[at];
  return byte === undefined ? undefined : byte >> 4;
}
