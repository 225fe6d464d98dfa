import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultHTTPClientConfig, type DockerSDConfig } from '../../config/index.js';
import { FakeClock } from '../fake-clock.js';
import { DockerDiscoverer } from './docker-sd.js';

const NETWORKS = [
  { Name: 'bridge', Id: 'net-bridge', Scope: 'local', Internal: false, Ingress: false, Labels: {} },
  { Name: 'host', Id: 'net-host', Scope: 'local', Internal: false, Ingress: false, Labels: {} },
  { Name: 'backend', Id: 'net-backend', Scope: 'local', Internal: true, Ingress: false, Labels: { 'com.example.tier': 'db' } },
];

const CONTAINERS = [
  {
    Id: 'c1',
    Names: ['/web'],
    Image: 'nginx:1',
    ImageID: 'sha256:aaa',
    Labels: { 'com.docker.compose.project': 'shop' },
    Ports: [
      { IP: '0.0.0.0', PrivatePort: 9100, PublicPort: 32768, Type: 'tcp' },
      { PrivatePort: 53, Type: 'udp' },
    ],
    HostConfig: { NetworkMode: 'bridge' },
    NetworkSettings: { Networks: { bridge: { NetworkID: 'net-bridge', IPAddress: '172.17.0.2', GlobalIPv6Address: '' } } },
  },
  {
    Id: 'c2',
    Names: ['/sidecar'],
    Image: 'busybox',
    ImageID: '',
    Labels: {},
    Ports: [],
    HostConfig: { NetworkMode: 'container:c1' },
    NetworkSettings: { Networks: {} },
  },
  {
    Id: 'c3',
    Names: ['/node-exporter'],
    Image: 'node-exporter',
    ImageID: 'sha256:ccc',
    Labels: {},
    Ports: [],
    HostConfig: { NetworkMode: 'host' },
    NetworkSettings: { Networks: { host: { NetworkID: 'net-host', IPAddress: '', GlobalIPv6Address: '' } } },
  },
  {
    Id: 'c4',
    Names: ['/db'],
    Image: 'postgres',
    ImageID: 'sha256:ddd',
    Labels: {},
    Ports: [{ PrivatePort: 5432, Type: 'tcp' }],
    HostConfig: { NetworkMode: 'bridge' },
    NetworkSettings: {
      Networks: {
        bridge: { NetworkID: 'net-bridge', IPAddress: '172.17.0.4', GlobalIPv6Address: '' },
        backend: { NetworkID: 'net-backend', IPAddress: '10.1.0.4', GlobalIPv6Address: '' },
        gone: null,
      },
    },
  },
  { Id: 'c5', Names: [], Ports: [], HostConfig: { NetworkMode: 'bridge' }, NetworkSettings: { Networks: {} } },
];

interface Fake {
  socket: string;
  paths: string[];
  fail: boolean;
  close(): Promise<void>;
}

async function fakeDocker(): Promise<Fake> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-docker-'));
  const socket = join(dir, 'docker.sock');
  const fake: Fake = { socket, paths: [], fail: false, close: async () => {} };
  const server: Server = createServer((req, res) => {
    fake.paths.push(req.url ?? '');
    const path = (req.url ?? '').replace(/^\/v\d+\.\d+/, '').split('?')[0];
    if (fake.fail) {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'daemon is sad' }));
      return;
    }
    const body = path === '/containers/json' ? CONTAINERS : path === '/networks' ? NETWORKS : null;
    res.writeHead(body === null ? 404 : 200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body ?? { message: 'page not found' }));
  });
  await new Promise<void>((r) => server.listen(socket, r));
  fake.close = async (): Promise<void> => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
    rmSync(dir, { recursive: true, force: true });
  };
  return fake;
}

function cfg(host: string, over: Partial<DockerSDConfig> = {}): DockerSDConfig {
  return {
    mechanism: 'docker',
    ...defaultHTTPClientConfig(),
    host,
    port: 80,
    filters: [],
    host_networking_host: 'localhost',
    refresh_interval: 60_000,
    match_first_network: true,
    ...over,
  };
}

const opts = { logger: { info: () => {}, warn: () => {}, error: () => {} }, clock: new FakeClock() };

test('docker_sd over a unix socket: targets and labels as upstream', async () => {
  const fake = await fakeDocker();
  try {
    const d = new DockerDiscoverer(cfg(`unix://${fake.socket}`), opts);
    const groups = await d.refresh(new AbortController().signal);
    assert.equal(groups.length, 1);
    assert.equal(groups[0]?.source, 'Docker');
    const byAddr = new Map((groups[0]?.targets ?? []).map((t) => [t.get('__address__'), t.toObject()]));
    assert.deepEqual([...byAddr.keys()], ['172.17.0.2:9100', '172.17.0.2:80', 'localhost', '10.1.0.4:5432']);
    assert.deepEqual(byAddr.get('172.17.0.2:9100'), {
      __address__: '172.17.0.2:9100',
      __meta_docker_container_id: 'c1',
      __meta_docker_container_image: 'nginx:1',
      __meta_docker_container_image_id: 'sha256:aaa',
      __meta_docker_container_label_com_docker_compose_project: 'shop',
      __meta_docker_container_name: '/web',
      __meta_docker_container_network_mode: 'bridge',
      __meta_docker_network_id: 'net-bridge',
      __meta_docker_network_ingress: 'false',
      __meta_docker_network_internal: 'false',
      __meta_docker_network_ip: '172.17.0.2',
      __meta_docker_network_name: 'bridge',
      __meta_docker_network_scope: 'local',
      __meta_docker_port_private: '9100',
      __meta_docker_port_public: '32768',
      __meta_docker_port_public_ip: '0.0.0.0',
    });
    // The sidecar shares c1's network stack: c1's network, the default port.
    assert.equal(byAddr.get('172.17.0.2:80')?.['__meta_docker_container_name'], '/sidecar');
    assert.equal(byAddr.get('172.17.0.2:80')?.['__meta_docker_container_network_mode'], 'container:c1');
    // Host networking: host_networking_host, no port.
    assert.equal(byAddr.get('localhost')?.['__meta_docker_container_name'], '/node-exporter');
    // match_first_network: only "backend", the first network by name.
    assert.equal(byAddr.get('10.1.0.4:5432')?.['__meta_docker_network_label_com_example_tier'], 'db');
    assert.equal(byAddr.get('10.1.0.4:5432')?.['__meta_docker_network_internal'], 'true');
  } finally {
    await fake.close();
  }
});

test('docker_sd: all networks without match_first_network; filters are sent', async () => {
  const fake = await fakeDocker();
  try {
    const d = new DockerDiscoverer(
      cfg(`unix://${fake.socket}`, { match_first_network: false, filters: [{ name: 'label', values: ['prometheus=yes', 'b'] }] }),
      opts,
    );
    const groups = await d.refresh(new AbortController().signal);
    const addrs = (groups[0]?.targets ?? []).map((t) => t.get('__address__'));
    assert.deepEqual(addrs, ['172.17.0.2:9100', '172.17.0.2:80', 'localhost', '172.17.0.4:5432', '10.1.0.4:5432']);
    const q = fake.paths.find((p) => p.startsWith('/containers/json')) ?? '';
    const filters: unknown = JSON.parse(new URL(q, 'http://x').searchParams.get('filters') ?? 'null');
    assert.deepEqual(filters, { label: { 'prometheus=yes': true, b: true } });
  } finally {
    await fake.close();
  }
});

test('docker_sd: daemon errors and bad hosts', async () => {
  const fake = await fakeDocker();
  try {
    fake.fail = true;
    const d = new DockerDiscoverer(cfg(`unix://${fake.socket}`), opts);
    await assert.rejects(d.refresh(new AbortController().signal), {
      message: 'error while listing containers: list containers: Error response from daemon: daemon is sad',
    });
    assert.throws(() => new DockerDiscoverer(cfg('ftp://x'), opts), /unable to parse docker host "ftp:\/\/x"/);
    const missing = new DockerDiscoverer(cfg(`unix://${fake.socket}.missing`), opts);
    await assert.rejects(missing.refresh(new AbortController().signal), /error while listing containers: Get "http:\/\/docker\/containers\/json": connect ENOENT/);
  } finally {
    await fake.close();
  }
});

test('docker_sd over tcp://', async () => {
  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(path === '/networks' ? NETWORKS : CONTAINERS.slice(0, 1)));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const port = (server.address() as import('node:net').AddressInfo).port;
    const d = new DockerDiscoverer(cfg(`tcp://127.0.0.1:${port}`), opts);
    const groups = await d.refresh(new AbortController().signal);
    assert.deepEqual(groups[0]?.targets.map((t) => t.get('__address__')), ['172.17.0.2:9100']);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  }
});
