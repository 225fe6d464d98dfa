/** Fields and defaults every integration config shares: http_config, send_resolved, template defaults. */
import { bool, httpClientConfigCodec, ptr } from '../../config/common/index.js';
import { kp, oe } from './go-struct.js';

/** `http_config` (omitempty, a pointer). */
export const httpConfig = oe(ptr(httpClientConfigCodec));
/** `send_resolved` (NotifierConfig, always written). */
export const sendResolved = kp(bool);
/** A default text that renders the named template: `{{ template "name" . }}`. */
export const tpl = (name: string): string => `{{ template "${name}" . }}`;
