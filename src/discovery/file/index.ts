export { FileDiscoverer, readTargetGroupFile } from './file-sd.js';
