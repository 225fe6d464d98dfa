/**
 * The kube-prometheus dashboards (../shared/dashboards/kube-prometheus, read in place through
 * Grafana provisioning YAML given to --dashboards.provisioning-path) in headless chromium, with
 * data from Debian's prometheus-node-exporter scraped by `vigil server`. The scrape jobs carry
 * the labels the dashboards select on (job="node-exporter", job="prometheus-k8s" in namespace
 * "monitoring", job="alertmanager-main" with namespace and service, a cluster label), and a rule
 * file records the node-mixin series the USE-method dashboards read. Every panel of nodes,
 * node-rsrc-use, node-cluster-rsrc-use, prometheus and alertmanager-overview ends with data
 * or "no data", none in error, at desktop and phone sizes; most panels of nodes and prometheus
 * have data.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { eventually, freePort, queryVector, request, tmpDir } from '../server/harness.js';
import { sharedDir } from '../shared-dir.js';
import { dashboardScreenshot, openPage, pastNextStep, startUiEnv, stopUiEnv, uiSkipReason, waitForApp, type PanelState, type UiEnv, type ViewportName } from './harness.js';

const NODE_EXPORTER = process.env['VIGIL_NODE_EXPORTER'] ?? '/usr/bin/prometheus-node-exporter';
const DASHBOARDS = sharedDir('dashboards', 'kube-prometheus');
const CLUSTER = 'vigil-test';

/** File name -> the share of its (non-row) panels that must have data (0: ok or no-data is enough). */
const CHECKED: Record<string, number> = {
  'nodes.json': 0.75,
  'node-rsrc-use.json': 0.5,
  'node-cluster-rsrc-use.json': 0.5,
  'prometheus.json': 0.75,
  'alertmanager-overview.json': 0,
};

const DISKS = '(/dev/)?(mmcblk.p.+|nvme.+|rbd.+|sd.+|vd.+|xvd.+|dm-.+|md.+|dasd.+)';

/** The node-mixin recording rules the USE-method dashboards query (written from their queries). */
const NODE_RULES = `groups:
  - name: node-exporter.rules
    interval: 1s
    rules:
      - record: instance:node_num_cpu:sum
        expr: count without (cpu, mode) (node_cpu_seconds_total{job="node-exporter", mode="idle"})
      - record: instance:node_cpu_utilisation:rate5m
        expr: 1 - avg without (cpu) (sum without (mode) (rate(node_cpu_seconds_total{job="node-exporter", mode=~"idle|iowait|steal"}[5m])))
      - record: instance:node_load1_per_cpu:ratio
        expr: node_load1{job="node-exporter"} / instance:node_num_cpu:sum{job="node-exporter"}
      - record: instance:node_memory_utilisation:ratio
        expr: 1 - node_memory_MemAvailable_bytes{job="node-exporter"} / node_memory_MemTotal_bytes{job="node-exporter"}
      - record: instance:node_vmstat_pgmajfault:rate5m
        expr: rate(node_vmstat_pgmajfault{job="node-exporter"}[5m])
      - record: instance_device:node_disk_io_time_seconds:rate5m
        expr: rate(node_disk_io_time_seconds_total{job="node-exporter", device=~"${DISKS}"}[5m])
      - record: instance_device:node_disk_io_time_weighted_seconds:rate5m
        expr: rate(node_disk_io_time_weighted_seconds_total{job="node-exporter", device=~"${DISKS}"}[5m])
${['receive_bytes', 'transmit_bytes', 'receive_drop', 'transmit_drop']
  .map(
    (m) => `      - record: instance:node_network_${m}_excluding_lo:rate5m
        expr: sum without (device) (rate(node_network_${m}_total{job="node-exporter", device!="lo"}[5m]))
      - record: instance:node_network_${m}_physical:rate5m
        expr: sum without (device) (rate(node_network_${m}_total{job="node-exporter", device!~"lo|veth.+|docker.+|br-.+|cni.+|flannel.+|cali.+|virbr.+"}[5m]))`,
  )
  .join('\n')}
`;

function scrapeConfigs(nodePort: number): string {
  return `  - job_name: node-exporter
    static_configs:
      - targets: ["127.0.0.1:${nodePort}"]
        labels: { cluster: ${CLUSTER} }
  - job_name: prometheus-k8s
    static_configs:
      - targets: ["$SELF"]
        labels: { cluster: ${CLUSTER}, namespace: monitoring }
  - job_name: alertmanager-main
    static_configs:
      - targets: ["$ALERTMANAGER"]
        labels: { cluster: ${CLUSTER}, namespace: monitoring, service: alertmanager-main }
`;
}

/** A Grafana provisioning folder whose one provider reads the kube-prometheus folder in place. */
function provisioning(): string {
  const dir = tmpDir('vigil-ui-provisioning-');
  fs.mkdirSync(path.join(dir, 'dashboards'));
  fs.writeFileSync(
    path.join(dir, 'dashboards', 'kube-prometheus.yaml'),
    `apiVersion: 1
providers:
  - name: kube-prometheus
    folder: kube-prometheus
    type: file
    disableDeletion: true
    options:
      path: ${JSON.stringify(DASHBOARDS)}
`,
  );
  return dir;
}

function skipReason(): string | null {
  const ui = uiSkipReason();
  if (ui !== null) return ui;
  if (!fs.existsSync(NODE_EXPORTER)) return `no node exporter at ${NODE_EXPORTER} (apt-get install -y prometheus-node-exporter)`;
  if (!fs.existsSync(path.join(DASHBOARDS, 'nodes.json'))) return `no kube-prometheus dashboards in ${DASHBOARDS}`;
  return null;
}

const skip = skipReason();

describe('kube-prometheus dashboards with a node exporter', { skip: skip ?? false }, () => {
  let env: UiEnv | undefined;
  let exporter: ChildProcess | undefined;
  const urls = new Map<string, string>();

  before(async () => {
    const port = await freePort();
    exporter = spawn(NODE_EXPORTER, [`--web.listen-address=127.0.0.1:${port}`], { stdio: 'ignore' });
    const rules = path.join(tmpDir('vigil-ui-node-rules-'), 'node-rules.yml');
    fs.writeFileSync(rules, NODE_RULES);
    await eventually(async () => ((await request(`http://127.0.0.1:${port}/metrics`, { timeoutMs: 2000 })).status === 200 ? true : null), 10_000, 'node exporter');
    env = await startUiEnv({ scrapeConfigs: scrapeConfigs(port), ruleFiles: [rules], serverArgs: [`--dashboards.provisioning-path=${provisioning()}`] });
    const base = env.server.url;
    // Rates need two scrapes; the recording rules then one evaluation.
    await eventually(async () => ((await queryVector(base, 'count_over_time(instance:node_cpu_utilisation:rate5m[1m]) >= 2')).length === 1 ? true : null), 30_000, 'the node rules recorded');
    await eventually(async () => ((await queryVector(base, 'count_over_time(up{job=~"prometheus-k8s|alertmanager-main"}[1m]) >= 3')).length === 2 ? true : null), 20_000, 'scrapes');
    for (const file of Object.keys(CHECKED)) {
      const uid = (JSON.parse(fs.readFileSync(path.join(DASHBOARDS, file), 'utf8')) as { uid: string }).uid;
      const r = await request(`${base}/api/dashboards/uid/${encodeURIComponent(uid)}`);
      assert.equal(r.status, 200, `${file} (uid ${uid}) provisioned: ${r.body.slice(0, 200)}`);
      urls.set(file, String((JSON.parse(r.body) as { meta: { url: string } }).meta.url));
    }
    await pastNextStep();
  }, { timeout: 90_000 });

  after(async () => {
    await stopUiEnv(env);
    if (exporter !== undefined && exporter.exitCode === null && exporter.signalCode === null) {
      const gone = new Promise((r) => exporter?.once('exit', r));
      exporter.kill('SIGTERM');
      await gone;
    }
  }, { timeout: 30_000 });

  async function render(file: string, viewport: ViewportName): Promise<PanelState[]> {
    const e = env;
    if (e === undefined) throw new Error('environment not started');
    const p = await openPage(e, viewport);
    try {
      await p.page.goto(`${e.server.url}${urls.get(file) ?? ''}`, { waitUntil: 'load' });
      await waitForApp(p.page);
      const panels = await dashboardScreenshot(p.page, `kube-prometheus-${file.replace(/\.json$/, '')}`, viewport, 40_000);
      assert.deepEqual(p.errors, [], `uncaught errors in ${file} (${viewport})`);
      return panels;
    } catch (x) {
      if (x instanceof Error) x.message += `\npage log:\n${p.log.join('\n')}`;
      throw x;
    } finally {
      await p.close();
    }
  }

  for (const [file, share] of Object.entries(CHECKED)) {
    test(`${file}: every panel renders without error`, { timeout: 60_000 }, async () => {
      const [desktop, phone] = await Promise.all([render(file, 'desktop'), render(file, 'phone')]);
      for (const panels of [desktop, phone]) {
        const bad = panels.filter((p) => p.state !== 'ok' && p.state !== 'no-data');
        assert.deepEqual(bad, [], `${file}: panels in error`);
      }
      const shown = desktop.filter((p) => p.type !== 'row');
      const withData = shown.filter((p) => p.state === 'ok');
      console.log(`# ${file}: ${withData.length}/${shown.length} panels with data; no data: ${shown.filter((p) => p.state === 'no-data').map((p) => p.title).join(' | ')}`);
      assert.ok(shown.length > 0, `${file}: no panel shown`);
      assert.ok(withData.length >= share * shown.length, `${file}: ${withData.length}/${shown.length} panels with data: ${JSON.stringify(shown)}`);
      assert.deepEqual(phone.map((p) => p.state).sort(), desktop.map((p) => p.state).sort(), `${file}: the same panels on a phone`);
    });
  }
});
