/** PHP-style query strings, as Bitrix24 reads them: `filter[>ID]=5&select[]=ID&cmd[a]=crm.deal.list%3Fstart%3D0`. */

type Tree = Record<string, unknown>;

function setPath(target: Tree, path: string[], value: string): void {
  let node: Tree | unknown[] = target;
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    const last = i === path.length - 1;
    if (Array.isArray(node)) {
      if (last) {
        node.push(value);
        return;
      }
      const child: Tree = {};
      node.push(child);
      node = child;
      continue;
    }
    const obj: Tree = node;
    if (last) {
      obj[key] = value;
      return;
    }
    const nextIsPush = path[i + 1] === '';
    if (obj[key] === undefined || typeof obj[key] !== 'object') obj[key] = nextIsPush ? [] : {};
    node = obj[key] as Tree | unknown[];
  }
}

export function parseQuery(qs: string): Tree {
  const out: Tree = {};
  if (!qs) return out;
  for (const part of qs.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const rawKey = decodeURIComponent((eq < 0 ? part : part.slice(0, eq)).replace(/\+/g, ' '));
    const value = eq < 0 ? '' : decodeURIComponent(part.slice(eq + 1).replace(/\+/g, ' '));
    const m = /^([^[]+)((?:\[[^\]]*\])*)$/.exec(rawKey);
    if (!m) {
      out[rawKey] = value;
      continue;
    }
    const path = [m[1], ...[...m[2].matchAll(/\[([^\]]*)\]/g)].map((x) => x[1])];
    setPath(out, path, value);
  }
  return out;
}

/** The inverse, for building batch commands: `{filter: {'>ID': 5}}` → `filter%5B%3EID%5D=5`. */
export function buildQuery(params: Record<string, unknown>): string {
  const parts: string[] = [];
  const walk = (prefix: string, v: unknown) => {
    if (v === undefined) return;
    if (v === null) {
      parts.push(`${encodeURIComponent(prefix)}=`);
    } else if (Array.isArray(v)) {
      if (v.length === 0) parts.push(`${encodeURIComponent(prefix)}=`);
      v.forEach((x, i) => walk(`${prefix}[${typeof x === 'object' && x !== null ? i : ''}]`, x));
    } else if (typeof v === 'object') {
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) walk(prefix ? `${prefix}[${k}]` : k, x);
    } else {
      parts.push(`${encodeURIComponent(prefix)}=${encodeURIComponent(typeof v === 'boolean' ? (v ? 'Y' : 'N') : String(v))}`);
    }
  };
  walk('', params);
  return parts.join('&');
}
