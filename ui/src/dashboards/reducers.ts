/** Grafana's field reducers (calcs): lastNotNull, last, mean, max, min, sum, count, ... */
import type { FieldValue } from './frames.js';

const REDUCER_NAMES: Record<string, string> = {
  lastNotNull: 'Last *', last: 'Last', firstNotNull: 'First *', first: 'First', mean: 'Mean', max: 'Max', min: 'Min',
  sum: 'Total', count: 'Count', range: 'Range', delta: 'Delta', step: 'Step', diff: 'Difference', median: 'Median',
  logmin: 'Min (above zero)', allIsNull: 'All nulls', allIsZero: 'All zeros', changeCount: 'Change count',
  distinctCount: 'Distinct count', stdDev: 'StdDev', variance: 'Variance', allValues: 'All values', uniqueValues: 'All unique values',
};

export function reducerName(id: string): string {
  return REDUCER_NAMES[id] ?? id;
}

function numbers(values: readonly FieldValue[]): number[] {
  const out: number[] = [];
  for (const v of values) if (typeof v === 'number' && !Number.isNaN(v)) out.push(v);
  return out;
}

/** Reduces a column of values with one of Grafana's reducer ids; null when there is nothing. */
export function reduceValues(values: readonly FieldValue[], id: string): FieldValue {
  const nums = numbers(values);
  switch (id) {
    case 'last':
      return values.length > 0 ? (values[values.length - 1] ?? null) : null;
    case 'first':
      return values[0] ?? null;
    case 'lastNotNull':
    case 'current': {
      for (let i = values.length - 1; i >= 0; i--) {
        const v = values[i];
        if (v !== null && v !== undefined && !(typeof v === 'number' && Number.isNaN(v))) return v;
      }
      return null;
    }
    case 'firstNotNull': {
      for (const v of values) if (v !== null && !(typeof v === 'number' && Number.isNaN(v))) return v;
      return null;
    }
    case 'count':
      return values.length;
    case 'distinctCount':
      return new Set(values).size;
    case 'changeCount': {
      let n = 0;
      for (let i = 1; i < values.length; i++) if (values[i] !== values[i - 1]) n++;
      return n;
    }
    case 'allIsNull':
      return values.every((v) => v === null) ? 1 : 0;
    case 'allIsZero':
      return values.every((v) => v === 0) ? 1 : 0;
    default:
      return reduceNumbers(nums, id);
  }
}

function reduceNumbers(nums: number[], id: string): number | null {
  if (nums.length === 0) return null;
  switch (id) {
    case 'mean':
    case 'avg':
      return nums.reduce((a, b) => a + b, 0) / nums.length;
    case 'sum':
    case 'total':
      return nums.reduce((a, b) => a + b, 0);
    case 'max':
      return nums.reduce((a, b) => (b > a ? b : a), -Infinity);
    case 'min':
      return nums.reduce((a, b) => (b < a ? b : a), Infinity);
    case 'logmin': {
      const pos = nums.filter((n) => n > 0);
      return pos.length === 0 ? null : Math.min(...pos);
    }
    case 'range':
      return Math.max(...nums) - Math.min(...nums);
    case 'diff':
      return (nums[nums.length - 1] ?? 0) - (nums[0] ?? 0);
    case 'delta': {
      let d = 0;
      for (let i = 1; i < nums.length; i++) {
        const step = (nums[i] ?? 0) - (nums[i - 1] ?? 0);
        d += step >= 0 ? step : (nums[i] ?? 0);
      }
      return d;
    }
    case 'median': {
      const s = [...nums].sort((a, b) => a - b);
      const mid = Math.floor(s.length / 2);
      return s.length % 2 === 1 ? (s[mid] ?? null) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
    }
    case 'variance':
    case 'stdDev': {
      const mean = nums.reduce((a, b) => a + b, 0) / nums.length;
      const variance = nums.reduce((a, b) => a + (b - mean) * (b - mean), 0) / nums.length;
      return id === 'variance' ? variance : Math.sqrt(variance);
    }
    default:
      return nums[nums.length - 1] ?? null;
  }
}
