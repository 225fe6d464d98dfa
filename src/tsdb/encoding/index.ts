export { crc32c } from './crc32c.js';
export { Encbuf } from './encbuf.js';
export { Decbuf, DecodeError } from './decbuf.js';
