export { HTTPDiscoverer } from './http-sd.js';
export { clientHeaders, MAX_SD_BODY_BYTES, sdGet, SDRequestError, type GetOptions, type GetResult } from './client.js';
