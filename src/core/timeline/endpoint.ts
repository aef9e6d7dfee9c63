// An endpoint's address as the timeline prints it: `IP:PORT`, an IPv6 address in brackets
// (RFC 5952 §6), so the port cannot be read as part of the address. Pure.
import type { TimelineEndpoint } from './types';

export function endpointOf(address: string, port: number): TimelineEndpoint {
  return { address, port, label: address.includes(':') ? `[${address}]:${port}` : `${address}:${port}` };
}
