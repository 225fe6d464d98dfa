/**
 * Loads an alertmanager.yml for amtool's local commands through the Alertmanager config
 * loader (upstream config.LoadFile) and builds its routing tree.
 */
import { AmConfigError, loadAlertmanagerConfigFile, type AlertmanagerConfig } from '../../alertmanager/config/index.js';
import { newRouteFromConfig, type Route } from '../../alertmanager/dispatch/index.js';

/** What amtool needs of a loaded alertmanager.yml. */
export interface AmtoolConfig {
  config: AlertmanagerConfig;
  route: Route;
}

/** Throws the loader's AmConfigError (upstream's text) for an invalid file. */
export function loadAmtoolConfig(path: string): AmtoolConfig {
  const config = loadAlertmanagerConfigFile(path);
  if (config.route === undefined) throw new AmConfigError('no route provided in config');
  return { config, route: newRouteFromConfig(config.route) };
}
