/**
 * Calendar functions (year, month, day_of_month, ..., days_in_month) in UTC, on the sample
 * values as Unix seconds, or on the evaluation time when called without argument.
 */
import { Labels } from '../../model/labels/index.js';
import type { Vector } from '../value/index.js';
import { nameDroppingSample } from './metric-labels.js';
import type { EvalNodeHelper, FunctionCall, FunctionTable } from './function-call.js';

interface CivilTime {
  year: number;
  /** 1..12 */
  month: number;
  /** 1..31 */
  day: number;
  /** 0 = Sunday */
  weekday: number;
  /** 1..366 */
  yearDay: number;
  hour: number;
  minute: number;
}

const INT64_MIN = -9223372036854775808;

/** Go's int64(f) on amd64: truncation; NaN and out-of-range give the minimum int64. */
function toInt64(f: number): number {
  if (Number.isNaN(f) || f >= 9223372036854775807 || f < INT64_MIN) return INT64_MIN;
  return Math.trunc(f);
}

function isLeap(y: number): boolean {
  return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
}

const DAYS_BEFORE_MONTH = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

/** time.Unix(sec, 0).UTC() broken down (proleptic Gregorian, days-from-civil inverse). */
export function civilTime(sec: number): CivilTime {
  const days = Math.floor(sec / 86400);
  const secOfDay = sec - days * 86400;
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const yearDay = (DAYS_BEFORE_MONTH[month - 1] as number) + day + (month > 2 && isLeap(year) ? 1 : 0);
  const weekday = (((days + 4) % 7) + 7) % 7;
  return {
    year,
    month,
    day,
    weekday,
    yearDay,
    hour: Math.floor(secOfDay / 3600),
    minute: Math.floor((secOfDay % 3600) / 60),
  };
}

function daysInMonth(t: CivilTime): number {
  if (t.month === 2) return isLeap(t.year) ? 29 : 28;
  return [4, 6, 9, 11].includes(t.month) ? 30 : 31;
}

function dateWrapper(vectorVals: Vector[], enh: EvalNodeHelper, f: (t: CivilTime) => number): Vector {
  const vec = vectorVals[0];
  if (vec === undefined) {
    const t = civilTime(Math.trunc(enh.ts / 1000));
    enh.out.push({ metric: Labels.EMPTY, t: enh.ts, f: f(t), h: null, dropName: false });
    return enh.out;
  }
  for (const el of vec) {
    if (el.h !== null) continue;
    enh.out.push(nameDroppingSample(enh, el.metric, f(civilTime(toInt64(el.f)))));
  }
  return enh.out;
}

function dateFunc(f: (t: CivilTime) => number): FunctionCall {
  return (vectorVals, _m, _a, enh) => dateWrapper(vectorVals, enh, f);
}

export const DATE_FUNCTIONS: FunctionTable = {
  days_in_month: dateFunc(daysInMonth),
  day_of_month: dateFunc((t) => t.day),
  day_of_week: dateFunc((t) => t.weekday),
  day_of_year: dateFunc((t) => t.yearDay),
  hour: dateFunc((t) => t.hour),
  minute: dateFunc((t) => t.minute),
  month: dateFunc((t) => t.month),
  year: dateFunc((t) => t.year),
};
