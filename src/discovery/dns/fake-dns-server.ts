/**
 * A tiny authoritative DNS server on UDP for tests: a minimal message decoder (header and
 * question) and encoder (A, AAAA, SRV, MX and NS answers), NXDOMAIN for unknown names, and
 * names that answer SERVFAIL or never answer.
 */
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import type { AddressInfo } from 'node:net';

export interface ZoneEntry {
  A?: string[];
  AAAA?: string[];
  SRV?: Array<{ target: string; port: number; priority?: number; weight?: number }>;
  MX?: Array<{ exchange: string; preference?: number }>;
  NS?: string[];
  /** Answer SERVFAIL. */
  servfail?: boolean;
  /** Never answer (the client times out). */
  silent?: boolean;
}

const TYPE = { A: 1, NS: 2, MX: 15, AAAA: 28, SRV: 33 } as const;

export interface Question {
  readonly id: number;
  readonly flags: number;
  readonly name: string;
  readonly type: number;
  /** The question section's bytes, echoed in the answer. */
  readonly raw: Buffer;
}

/** Decodes the header and first question of a query. */
export function decodeQuery(msg: Buffer): Question | null {
  if (msg.length < 12 || msg.readUInt16BE(4) < 1) return null;
  const labels: string[] = [];
  let off = 12;
  for (let guard = 0; guard < 128; guard++) {
    const len = msg[off];
    if (len === undefined || len > 63) return null;
    off++;
    if (len === 0) break;
    labels.push(msg.toString('latin1', off, off + len));
    off += len;
  }
  if (off + 4 > msg.length) return null;
  return { id: msg.readUInt16BE(0), flags: msg.readUInt16BE(2), name: labels.join('.').toLowerCase(), type: msg.readUInt16BE(off), raw: msg.subarray(12, off + 4) };
}

export function encodeName(name: string): Buffer {
  const parts = name.replace(/\.$/, '').split('.').filter((p) => p !== '');
  const bufs = parts.map((p) => Buffer.concat([Buffer.from([p.length]), Buffer.from(p, 'latin1')]));
  return Buffer.concat([...bufs, Buffer.from([0])]);
}

function ipv4(addr: string): Buffer {
  return Buffer.from(addr.split('.').map(Number));
}

function ipv6(addr: string): Buffer {
  const [head, tail] = addr.includes('::') ? addr.split('::') : [addr, undefined];
  const h = head === '' || head === undefined ? [] : head.split(':');
  const t = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  const b = Buffer.alloc(16);
  groups.forEach((g, i) => b.writeUInt16BE(parseInt(g, 16), i * 2));
  return b;
}

function rr(type: number, rdata: Buffer): Buffer {
  const head = Buffer.alloc(12);
  head.writeUInt16BE(0xc00c, 0); // pointer to the question's name
  head.writeUInt16BE(type, 2);
  head.writeUInt16BE(1, 4); // IN
  head.writeUInt32BE(30, 6);
  head.writeUInt16BE(rdata.length, 10);
  return Buffer.concat([head, rdata]);
}

function u16(...v: number[]): Buffer {
  const b = Buffer.alloc(v.length * 2);
  v.forEach((x, i) => b.writeUInt16BE(x, i * 2));
  return b;
}

function answers(e: ZoneEntry, type: number): Buffer[] {
  switch (type) {
    case TYPE.A:
      return (e.A ?? []).map((a) => rr(TYPE.A, ipv4(a)));
    case TYPE.AAAA:
      return (e.AAAA ?? []).map((a) => rr(TYPE.AAAA, ipv6(a)));
    case TYPE.SRV:
      return (e.SRV ?? []).map((s) => rr(TYPE.SRV, Buffer.concat([u16(s.priority ?? 10, s.weight ?? 10, s.port), encodeName(s.target)])));
    case TYPE.MX:
      return (e.MX ?? []).map((m) => rr(TYPE.MX, Buffer.concat([u16(m.preference ?? 10), encodeName(m.exchange)])));
    case TYPE.NS:
      return (e.NS ?? []).map((n) => rr(TYPE.NS, encodeName(n)));
    default:
      return [];
  }
}

/** The response to q from zone. */
export function encodeResponse(q: Question, zone: ReadonlyMap<string, ZoneEntry>): Buffer | null {
  const e = zone.get(q.name);
  if (e?.silent === true) return null;
  const rcode = e === undefined ? 3 : e.servfail === true ? 2 : 0;
  const ans = e === undefined || rcode !== 0 ? [] : answers(e, q.type);
  // QR, opcode 0, AA, RD copied, RA, rcode.
  const flags = 0x8000 | 0x0400 | (q.flags & 0x0100) | 0x0080 | rcode;
  return Buffer.concat([u16(q.id, flags, 1, ans.length, 0, 0), q.raw, ...ans]);
}

export class FakeDNSServer {
  readonly zone = new Map<string, ZoneEntry>();
  queries = 0;
  private socket: Socket | null = null;

  async start(): Promise<string> {
    const s = createSocket('udp4');
    this.socket = s;
    s.on('message', (msg: Buffer, from: RemoteInfo) => {
      this.queries++;
      const q = decodeQuery(msg);
      if (q === null) return;
      const res = encodeResponse(q, this.zone);
      if (res !== null) s.send(res, from.port, from.address);
    });
    await new Promise<void>((r) => s.bind(0, '127.0.0.1', r));
    return `127.0.0.1:${(s.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    const s = this.socket;
    this.socket = null;
    if (s !== null) await new Promise<void>((r) => s.close(() => r()));
  }
}
