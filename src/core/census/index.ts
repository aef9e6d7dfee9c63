// The census of a socket dump and its diagnoses (issue 13): pure, streaming, bounded.
export { Census, CensusScanner, parseRow, splitAddress, TopKeys, GROUP_CAPACITY, SAMPLE_LINES, TOP_GROUPS, type CensusResult, type GroupEntry, type ListenerQueue, type SocketRow, type StateCensus } from './census';
export { CensusByteScanner, type StreamDecode } from './byte-scanner';
export { annotateLines, RECORD } from './byte-row';
export { diagnose, DIAGNOSIS_RULES, LOCAL_PORT_COUNT, CONNECTIONS_PER_SECOND_PER_DESTINATION, type Diagnosis, type DiagnosisNumbers, type DiagnosisRule } from './diagnoses';
