/**
 * A light check of Kubernetes label selector syntax (k8s.io/apimachinery labels.Parse):
 * `key`, `!key`, `key=v`, `key==v`, `key!=v`, `key in (a,b)`, `key notin (a,b)`, `key>1`,
 * `key<1`, comma-separated; keys are qualified names and values valid label values.
 */

const NAME = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function checkKey(key: string): string | null {
  const slash = key.indexOf('/');
  const name = slash < 0 ? key : key.slice(slash + 1);
  const prefix = slash < 0 ? '' : key.slice(0, slash);
  if (slash >= 0 && (prefix === '' || prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) {
    return `unable to parse requirement: invalid label key "${key}": prefix part must be a DNS-1123 subdomain`;
  }
  if (!NAME.test(name)) {
    return `unable to parse requirement: invalid label key "${key}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`;
  }
  return null;
}

function checkValue(v: string): string | null {
  if (v.length > 63 || !VALUE.test(v)) {
    return `unable to parse requirement: invalid label value: "${v}": at key: must be no more than 63 characters and consist of alphanumeric characters, '-', '_' or '.'`;
  }
  return null;
}

function splitRequirements(sel: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const c of sel) {
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (c === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

function checkRequirement(req: string): string | null {
  const r = req.trim();
  if (r === '') return 'found \'\', expected: !, identifier, or \'end of string\'';
  let m = /^!\s*([^\s=!<>(),]+)$/.exec(r);
  if (m) return checkKey(m[1] as string);
  m = /^([^\s=!<>(),]+)\s*(==|=|!=|>|<)\s*([^\s=!<>(),]*)$/.exec(r);
  if (m) {
    const op = m[2] as string;
    const v = m[3] as string;
    if ((op === '>' || op === '<') && !/^-?[0-9]+$/.test(v)) return `unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer`;
    return checkKey(m[1] as string) ?? checkValue(v);
  }
  m = /^([^\s=!<>(),]+)\s+(in|notin)\s*\(([^()]*)\)$/.exec(r);
  if (m) {
    const keyErr = checkKey(m[1] as string);
    if (keyErr) return keyErr;
    for (const v of (m[3] as string).split(',')) {
      const err = checkValue(v.trim());
      if (err) return err;
    }
    return null;
  }
  m = /^([^\s=!<>(),]+)$/.exec(r);
  if (m) return checkKey(m[1] as string);
  return `unable to parse requirement: found '${r}', expected: in, notin, =, ==, !=, gt, lt`;
}

/** Returns an error text for an invalid selector, or null ('' selects everything). */
export function checkLabelSelector(sel: string): string | null {
  if (sel.trim() === '') return null;
  for (const req of splitRequirements(sel)) {
    const err = checkRequirement(req);
    if (err) return err;
  }
  return null;
}
