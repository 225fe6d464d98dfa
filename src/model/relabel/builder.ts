/**
 * A mutable label set over an immutable base, as Prometheus's labels.Builder: changes are kept
 * beside the base and only materialised by labels(), which returns the base itself when
 * nothing changed. One builder is reused across calls (reset per label set).
 */
import { compareStrings, Labels } from '../labels/index.js';

export class LabelsBuilder {
  private base: Labels = Labels.EMPTY;
  private addNames: string[] = [];
  private addValues: string[] = [];
  private dels: string[] = [];

  reset(base: Labels): void {
    this.base = base;
    if (this.addNames.length > 0) {
      this.addNames.length = 0;
      this.addValues.length = 0;
    }
    if (this.dels.length > 0) this.dels.length = 0;
  }

  get(name: string): string {
    const i = this.addNames.indexOf(name);
    if (i >= 0) return this.addValues[i] as string;
    if (this.dels.length > 0 && this.dels.includes(name)) return '';
    return this.base.get(name);
  }

  /** Sets a label; an empty value deletes it. A set to the value already there changes nothing. */
  set(name: string, value: string): void {
    if (value === '') {
      this.del(name);
      return;
    }
    const i = this.addNames.indexOf(name);
    if (i >= 0) {
      this.addValues[i] = value;
      return;
    }
    if ((this.dels.length === 0 || !this.dels.includes(name)) && this.base.get(name) === value) return;
    this.addNames.push(name);
    this.addValues.push(value);
  }

  del(name: string): void {
    const i = this.addNames.indexOf(name);
    if (i >= 0) {
      this.addNames.splice(i, 1);
      this.addValues.splice(i, 1);
    }
    if (!this.dels.includes(name) && this.base.has(name)) this.dels.push(name);
  }

  /**
   * Copies the current labels into names/values (cleared first), in upstream's Range order:
   * the base's (sorted) first, then the added ones in the order they were added. Returns the
   * count. Later changes to the builder do not affect the copy.
   */
  collect(names: string[], values: string[]): number {
    names.length = 0;
    values.length = 0;
    const p = this.base.pairs;
    const adds = this.addNames;
    const dels = this.dels;
    for (let i = 0; i < p.length; i += 2) {
      const n = p[i] as string;
      if (dels.length > 0 && dels.includes(n)) continue;
      if (adds.length > 0 && adds.includes(n)) continue;
      names.push(n);
      values.push(p[i + 1] as string);
    }
    for (let i = 0; i < adds.length; i++) {
      names.push(adds[i] as string);
      values.push(this.addValues[i] as string);
    }
    return names.length;
  }

  labels(): Labels {
    if (this.addNames.length === 0 && this.dels.length === 0) return this.base;
    const p = this.base.pairs;
    const out: string[] = [];
    for (let i = 0; i < p.length; i += 2) {
      const n = p[i] as string;
      if (this.dels.includes(n) || this.addNames.includes(n)) continue;
      out.push(n, p[i + 1] as string);
    }
    if (this.addNames.length === 0) return Labels.fromSortedPairs(out);
    const order = this.addNames.map((_, i) => i).sort((a, b) => compareStrings(this.addNames[a] as string, this.addNames[b] as string));
    const merged: string[] = [];
    let j = 0;
    for (const k of order) {
      const n = this.addNames[k] as string;
      while (j < out.length && compareStrings(out[j] as string, n) < 0) {
        merged.push(out[j] as string, out[j + 1] as string);
        j += 2;
      }
      merged.push(n, this.addValues[k] as string);
    }
    while (j < out.length) {
      merged.push(out[j] as string, out[j + 1] as string);
      j += 2;
    }
    return Labels.fromSortedPairs(merged);
  }
}
