export { DNSDiscoverer, joinHostPort, newResolver, type DNSResolver } from './dns-sd.js';
