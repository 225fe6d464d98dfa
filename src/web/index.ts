/**
 * The web layer: the server's HTTP handler (API v1, /federate, /metrics, lifecycle endpoints),
 * its listeners with TLS and basic authentication from web.config.file, and readiness.
 */
export { WebHandler, type ExtraHandler, type RequestHandler, type WebHandlerOptions } from './web.js';
export { WebListeners, ListenError, type ListenerOptions } from './listener.js';
export { ReadyState, type ReadyStatus } from './ready.js';
export { BasicAuthVerifier, basicCredentials } from './basic-auth.js';
export { handlerName } from './route-names.js';
export { serveFederation, federatedSamples, renderFederation, escapeName, FEDERATE_CONTENT_TYPE, type FederateDeps } from './federate.js';
