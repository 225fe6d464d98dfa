/** Alertmanager's HTTP APIs: v2 (the OpenAPI one amtool and the UI use). */
export * from './v2/index.js';
