/** Configuration: the loaded configuration as YAML (/api/v1/status/config), with a copy button. */
import type { JSX } from 'preact';
import { CopyButton, Loaded } from '../../status/page-parts';
import { useApi } from '../../status/use-api';
import { StatusNav } from '../../status/status-nav';
import '../../status/status.css';

export function ConfigPage(): JSX.Element {
  const config = useApi<{ yaml: string }>('/api/v1/status/config');
  return (
    <section class="page st-page" data-testid="config-page">
      <StatusNav current="/config" />
      <h1>Configuration</h1>
      <Loaded state={config} what="configuration">
        {(d) => (
          <div class="st-config">
            <CopyButton text={d.yaml} label="Copy" testid="copy-config" />
            <pre data-testid="config-yaml"><code>{d.yaml}</code></pre>
          </div>
        )}
      </Loaded>
    </section>
  );
}
