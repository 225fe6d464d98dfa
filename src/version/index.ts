export { vigilVersion, versionText } from './build-info.js';
