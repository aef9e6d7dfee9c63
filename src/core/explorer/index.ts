// The explorer: the learner drives the network, the model answers (RFC 9293 §3.10). Pure.
export { EXPLORER_CALLS, MAX_IN_FLIGHT_FOR_COPIES, SEND_BYTES, choicesOf, nextTimer, profileRefusal, rowsOf, type Choice, type ChoiceKind, type UnplayableReason } from './choices';
export { compareRuns, type ChangeReason, type StepChange } from './compare';
export { Explorer, pinnedEvents, type ExplorerStart, type ProfileSwitch, type Unplayable } from './explorer';
export { History, sameEvent, type HistoryData, type HistoryNode } from './history';
export { judge, parsePrediction, scored, type Judged, type Prediction, type Score, type Verdict } from './predict';
export { EXPLORER_PROFILES, isExplorerProfile, profileOptions, timerLength, type ExplorerProfile, type TimerLength } from './profiles';
