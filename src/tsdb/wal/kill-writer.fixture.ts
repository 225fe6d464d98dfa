/**
 * Child process of the kill -9 durability test: logs records in a loop and prints each record's
 * id once log() has returned. Stops by itself after `max` records or `seconds`.
 * Usage: node kill-writer.fixture.js DIR MAX SECONDS COMPRESS(0|1)
 */
import { writeSync } from 'node:fs';
import { Wlog } from './wlog.js';

/** Record `id`: its id in 4 bytes, then a payload derived from it (sizes vary, some span pages). */
export function killWriterRecord(id: number): Uint8Array {
  const size = 4 + (id % 13 === 0 ? 40_000 + (id % 7) * 1000 : 20 + ((id * 37) % 600));
  const b = new Uint8Array(size);
  new DataView(b.buffer).setUint32(0, id);
  for (let i = 4; i < size; i++) b[i] = (id * 7 + i * (id % 5 === 0 ? 1 : i)) & 0xff;
  return b;
}

function main(argv: string[]): void {
  const [dir, maxArg, secondsArg, compressArg] = argv;
  if (!dir) return;
  const max = Number(maxArg ?? 100_000);
  const deadline = Date.now() + Number(secondsArg ?? 20) * 1000;
  const w = Wlog.open(dir, { compress: compressArg === '1', segmentSize: 256 * 1024 });
  for (let id = 0; id < max && Date.now() < deadline; id++) {
    w.log(killWriterRecord(id));
    writeSync(1, `${id}\n`);
  }
  w.close();
}

if (process.argv[1]?.endsWith('kill-writer.fixture.js')) main(process.argv.slice(2));
