/**
 * The notification log: which alerts of which aggregation group were last sent to which receiver
 * integration, persisted across restarts (upstream package nflog).
 */
export { NflogError, NotificationLog } from './nflog.js';
export type { NflogEntry, NflogReceiver, NotificationLogOptions } from './nflog.js';
