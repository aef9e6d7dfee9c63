// Predict mode: before a step, the learner says where each endpoint will be, and optionally
// the first segment it sends (flags, SEQ, ACK); the model's step is the answer, and the rows
// that fired are the explanation. Pure.
import type { RowId } from '../model/transitions';
import { isRfcState, type RfcState } from '../model/states';
import type { StepFacts } from '../simulation';

export interface Prediction {
  readonly client: RfcState;
  readonly server: RfcState;
  /** The first segment the step sends: flags as the walkthrough writes them ('SYN,ACK'), '' for "sends nothing". */
  readonly flags?: string;
  readonly seq?: number;
  readonly ack?: number;
}

export interface Judged<T> {
  readonly predicted: T;
  readonly actual: T | undefined;
  readonly right: boolean;
}

export interface Verdict {
  readonly client: Judged<RfcState>;
  readonly server: Judged<RfcState>;
  readonly flags?: Judged<string>;
  readonly seq?: Judged<number>;
  readonly ack?: Judged<number>;
  /** Every part predicted was right. */
  readonly right: boolean;
  /** The rows that decided it (the explanation). */
  readonly rows: readonly RowId[];
}

export interface Score {
  readonly right: number;
  readonly asked: number;
}

const judged = <T>(predicted: T, actual: T | undefined): Judged<T> => ({ predicted, actual, right: predicted === actual });

export function judge(prediction: Prediction, step: StepFacts): Verdict {
  const first = step.sent[0];
  const client = judged(prediction.client, step.states.client);
  const server = judged(prediction.server, step.states.server);
  const flags = prediction.flags === undefined ? undefined : judged(prediction.flags, first ? first.flags.join(',') : '');
  const seq = prediction.seq === undefined ? undefined : judged(prediction.seq, first?.seq);
  const ack = prediction.ack === undefined ? undefined : judged(prediction.ack, first?.ack);
  const parts = [client, server, flags, seq, ack].filter((part) => part !== undefined);
  return { client, server, ...(flags ? { flags } : {}), ...(seq ? { seq } : {}), ...(ack ? { ack } : {}), right: parts.every((part) => part.right), rows: step.rows };
}

export function scored(score: Score, verdict: Verdict): Score {
  return { right: score.right + (verdict.right ? 1 : 0), asked: score.asked + 1 };
}

const MAX_NUMBER = 2 ** 32;
const FLAGS = /^(?:(?:SYN|FIN|RST)(?:,(?:SYN|FIN|RST))*(?:,ACK)?|ACK|)$/;

/** A prediction from untrusted input (a webview message), or undefined when it is not one. */
export function parsePrediction(value: unknown): Prediction | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (!isRfcState(v.client) || !isRfcState(v.server)) return undefined;
  const number = (n: unknown): boolean => n === undefined || (typeof n === 'number' && Number.isInteger(n) && n >= 0 && n < MAX_NUMBER);
  if (v.flags !== undefined && (typeof v.flags !== 'string' || !FLAGS.test(v.flags))) return undefined;
  if (!number(v.seq) || !number(v.ack)) return undefined;
  return {
    client: v.client,
    server: v.server,
    ...(v.flags !== undefined ? { flags: v.flags as string } : {}),
    ...(v.seq !== undefined ? { seq: v.seq as number } : {}),
    ...(v.ack !== undefined ? { ack: v.ack as number } : {}),
  };
}
