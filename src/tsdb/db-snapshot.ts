/**
 * Snapshot of a block directory (Prometheus Block.Snapshot): the files are hard-linked into
 * <dest>/<ulid> (copied where linking is not possible, e.g. across file systems).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

function linkOrCopy(src: string, dst: string): void {
  try {
    fs.linkSync(src, dst);
  } catch {
    fs.copyFileSync(src, dst);
  }
}

function linkTree(src: string, dst: string): void {
  fs.mkdirSync(dst, { recursive: true });
  for (const e of fs.readdirSync(src, { withFileTypes: true })) {
    const s = path.join(src, e.name);
    const d = path.join(dst, e.name);
    if (e.isDirectory()) linkTree(s, d);
    else if (e.isFile()) linkOrCopy(s, d);
  }
}

/** Links the block in blockDir into destDir/<block dir name>. */
export function snapshotBlock(blockDir: string, destDir: string): void {
  const target = path.join(destDir, path.basename(blockDir));
  fs.rmSync(target, { recursive: true, force: true });
  linkTree(blockDir, target);
}
