/**
 * The browser app's static server: ui/dist under a program's route prefix, with the runtime
 * settings (mode, prefix, version) injected into index.html and the SPA fallback.
 */
export { APP_PAGES, createUiHandler, defaultUiRoot, isApiPath, type UiHandler, type UiHandlerOptions } from './ui-handler.js';
export { renderIndex, settingsScript, scriptSafeJson, notBuiltPage, SETTINGS_PLACEHOLDER, type UiMode, type UiSettings } from './index-page.js';
export { contentType } from './content-type.js';
