export { RefreshDiscoverer, type RefreshFunc, type RefreshOptions } from './refresh.js';
