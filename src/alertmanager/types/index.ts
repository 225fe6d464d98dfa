/**
 * The alert as Alertmanager's modules pass it around (types.Alert upstream): label sets,
 * times in milliseconds since the epoch, and whether endsAt was set by the resolve timeout.
 */
import type { Labels } from '../../model/labels/index.js';

export { fingerprint, fingerprintString } from './fingerprint.js';

export interface Alert {
  labels: Labels;
  annotations: Labels;
  /** ms since the epoch. */
  startsAt: number;
  /** ms since the epoch; 0 when unset. */
  endsAt: number;
  generatorURL: string;
  /** ms since the epoch. */
  updatedAt: number;
  /** True when endsAt was derived from resolve_timeout rather than sent by the client. */
  timeout: boolean;
}

/** True when the alert has ended at `now` (ms). */
export function alertResolvedAt(a: Alert, now: number): boolean {
  return a.endsAt !== 0 && a.endsAt <= now;
}
