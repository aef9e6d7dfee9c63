// The connection simulator: two endpoints, the network between them, and the scenarios.
export type * from './types';
export { simulate } from './simulate';
export { SCENARIOS, scenarioById } from './scenarios';
export { segmentText } from './segment-text';
