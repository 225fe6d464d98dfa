import type { Labels } from '../../model/labels/index.js';
import { fingerprintString } from '../types/index.js';
import type { AlertMarker } from './marker.js';
import type { Silences } from './silences.js';

/** Muter backed by the silence store; records silencedBy in the marker (silence.Silencer). */
export class Silencer {
  constructor(
    private readonly silences: Silences,
    private readonly marker: AlertMarker,
  ) {}

  mutes(labels: Labels): boolean {
    const ids = this.silences.mutes(labels);
    this.marker.setSilenced(fingerprintString(labels), ids);
    return ids.length > 0;
  }
}
