export { DockerDiscoverer, dockerTargets, sanitizeLabelName, type DockerTargetOptions } from './docker-sd.js';
