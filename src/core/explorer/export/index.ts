// The explorer's exports: the exchange played in the simulator, out to the tools people run on
// real traffic: a capture file (Wireshark, tcpdump -r, this project's capture timeline) and a
// packetdrill script (to run the same exchange against a real kernel). Pure: no `vscode`, no
// DOM, no Node APIs.
export { exchangePcap, PCAP_EPOCH_SECONDS, STEP_MICROSECONDS } from './pcap-export';
export { packetdrillScript } from './packetdrill';
export { WIRE_ENDPOINTS } from './wire-packet';
