export { fingerprint, fingerprintString } from '../types/index.js';
export { AlertMarker } from './marker.js';
export type { AlertState, AlertStatus } from './marker.js';
export {
  Silences,
  SilenceError,
  SilenceNotFoundError,
  silenceState,
  silenceMatches,
  validateSilence,
} from './silences.js';
export type { Silence, SilenceInput, SilenceMatcherInput, SilenceQuery, SilenceState, SilencesOptions } from './silences.js';
export { Silencer } from './silencer.js';
