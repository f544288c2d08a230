import { DATE_PRESET_KEYS } from '../../i18n/translation.js';
import { deflateStored, inflateRaw } from './deflate-raw.js';
import { CONDITION_OPS, type ConditionOp, type DateSpec, type FieldCondition, type OptionRef } from './conditions.js';

/**
 * A filter view as one compact, URL-safe string, for a link, a `view="…"` attribute or a
 * bookmark: `1.` (the format version) followed by the raw-deflated JSON of a positional form,
 * in base64url (`A–Z a–z 0–9 - _`, no padding). Nothing but letters, digits, `.`, `-` and `_`,
 * so it needs no escaping in a query string or an HTML attribute.
 *
 * The deflated data is written as stored (uncompressed) blocks (`deflate-raw.ts`): a view is a
 * few hundred bytes, and a compressor would be the largest thing in a filtering widget's first
 * download. Reading takes any DEFLATE data, so strings saved by earlier versions (compressed)
 * still open, and strings written now open in earlier versions: the format stays version 1.
 *
 * The positional form of a condition is `[code, label, op, payload]`, with the payload by
 * operator: options as `[[id, label], …]`, text, `[n]` / `[n, n2]`, or a date spec
 * `"p:thisMonth"` / `"d:2025-04-01..2025-04-30"`. Version 1 is the only one; a newer version
 * is rejected with a clear message rather than half-read.
 */
export interface FilterView {
  readonly name?: string;
  readonly conditions: readonly FieldCondition[];
}

export const VIEW_CODEC_VERSION = 1;

/** Why a view string could not be read; `message` is plain English for the console. */
export class ViewCodecError extends Error {
  override readonly name = 'ViewCodecError';
  readonly reason: 'empty' | 'version' | 'encoding' | 'shape';
  constructor(reason: ViewCodecError['reason'], message: string) {
    super(message);
    this.reason = reason;
  }
}

type Payload = string | number[] | [string, string?][] | undefined;
type Packed = [code: string, label: string, op: ConditionOp, payload?: Payload];

function packDate(spec: DateSpec | undefined): string {
  if (!spec) return 'd:..';
  if ('preset' in spec) return `p:${spec.preset}`;
  return `d:${spec.from ?? ''}..${spec.to ?? ''}`;
}

function unpackDate(text: unknown): DateSpec {
  if (typeof text !== 'string') throw new ViewCodecError('shape', 'view: a date condition has no range');
  if (text.startsWith('p:')) {
    const preset = text.slice(2);
    if (!(DATE_PRESET_KEYS as readonly string[]).includes(preset) || preset === 'custom') {
      throw new ViewCodecError('shape', `view: unknown date preset "${preset}"`);
    }
    return { preset: preset as Exclude<(typeof DATE_PRESET_KEYS)[number], 'custom'> };
  }
  const m = /^d:(\d{4}-\d{2}-\d{2})?\.\.(\d{4}-\d{2}-\d{2})?$/.exec(text);
  if (!m) throw new ViewCodecError('shape', `view: bad date range "${text}"`);
  return { ...(m[1] ? { from: m[1] } : {}), ...(m[2] ? { to: m[2] } : {}) };
}

function pack(cond: FieldCondition): Packed {
  const head: [string, string, ConditionOp] = [cond.field.code, cond.field.label ?? '', cond.op];
  switch (cond.op) {
    case 'anyOf':
    case 'noneOf':
    case 'allOf':
      return [...head, (cond.options ?? []).map((o) => (o.label !== undefined ? [o.id, o.label] : [o.id]) as [string, string?])];
    case 'contains':
    case 'notContains':
      return [...head, cond.text ?? ''];
    case 'eq':
    case 'ne':
      return cond.number !== undefined ? [...head, [cond.number]] : [...head, cond.text ?? ''];
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return [...head, [cond.number ?? 0]];
    case 'between':
      return [...head, [cond.number ?? 0, cond.number2 ?? cond.number ?? 0]];
    case 'inRange':
    case 'notInRange':
      return [...head, packDate(cond.date)];
    default:
      return head;
  }
}

function unpack(p: unknown, i: number): FieldCondition {
  if (!Array.isArray(p) || typeof p[0] !== 'string' || typeof p[1] !== 'string' || typeof p[2] !== 'string') {
    throw new ViewCodecError('shape', `view: condition ${i + 1} is malformed`);
  }
  const [code, label, op, payload] = p as [string, string, string, unknown];
  if (!(CONDITION_OPS as readonly string[]).includes(op)) throw new ViewCodecError('shape', `view: unknown operator "${op}"`);
  const field = label ? { code, label } : { code };
  const o = op as ConditionOp;
  switch (o) {
    case 'anyOf':
    case 'noneOf':
    case 'allOf': {
      if (!Array.isArray(payload)) throw new ViewCodecError('shape', `view: condition ${i + 1} has no options`);
      const options: OptionRef[] = payload.map((x: unknown) => {
        if (!Array.isArray(x) || typeof x[0] !== 'string') throw new ViewCodecError('shape', `view: condition ${i + 1} has a bad option`);
        return typeof x[1] === 'string' ? { id: x[0], label: x[1] } : { id: x[0] };
      });
      return { field, op: o, options };
    }
    case 'contains':
    case 'notContains':
      return { field, op: o, text: typeof payload === 'string' ? payload : '' };
    case 'eq':
    case 'ne':
      if (Array.isArray(payload) && typeof payload[0] === 'number') return { field, op: o, number: payload[0] };
      return { field, op: o, text: typeof payload === 'string' ? payload : '' };
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
    case 'between': {
      if (!Array.isArray(payload) || typeof payload[0] !== 'number') throw new ViewCodecError('shape', `view: condition ${i + 1} has no number`);
      if (o === 'between') return { field, op: o, number: payload[0], number2: typeof payload[1] === 'number' ? payload[1] : payload[0] };
      return { field, op: o, number: payload[0] };
    }
    case 'inRange':
    case 'notInRange':
      return { field, op: o, date: unpackDate(payload) };
    default:
      return { field, op: o };
  }
}

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i] as number);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new ViewCodecError('encoding', 'view: the string has characters outside base64url');
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  let bin: string;
  try {
    bin = atob(b64);
  } catch {
    throw new ViewCodecError('encoding', 'view: the string is not valid base64url');
  }
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Encodes a view to its URL-safe string (see the module comment for the format). */
export function encodeView(view: FilterView): string {
  const body: unknown[] = [view.conditions.map(pack)];
  if (view.name) body.push(view.name);
  return `${VIEW_CODEC_VERSION}.${toBase64Url(deflateStored(new TextEncoder().encode(JSON.stringify(body))))}`;
}

/**
 * Decodes a string made by {@link encodeView}. Throws {@link ViewCodecError} with a plain
 * message for an empty string, an unknown version, broken encoding or a malformed condition.
 */
export function decodeView(text: string): FilterView {
  const trimmed = (text ?? '').trim();
  if (!trimmed) throw new ViewCodecError('empty', 'view: the string is empty');
  const dot = trimmed.indexOf('.');
  const version = dot > 0 ? trimmed.slice(0, dot) : '';
  if (!/^\d+$/.test(version)) throw new ViewCodecError('version', 'view: the string has no version prefix (expected "1.")');
  if (Number(version) !== VIEW_CODEC_VERSION) {
    throw new ViewCodecError('version', `view: version ${version} is not supported (this library reads version ${VIEW_CODEC_VERSION})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(inflateRaw(fromBase64Url(trimmed.slice(dot + 1)))));
  } catch (e) {
    if (e instanceof ViewCodecError) throw e;
    throw new ViewCodecError('encoding', 'view: the string is damaged (cannot be unpacked)');
  }
  if (!Array.isArray(json) || !Array.isArray(json[0])) throw new ViewCodecError('shape', 'view: no list of conditions');
  const conditions = (json[0] as unknown[]).map(unpack);
  const name = typeof json[1] === 'string' ? json[1] : undefined;
  return name ? { name, conditions } : { conditions };
}

/** Like {@link decodeView} but returns the error instead of throwing, for attribute parsing. */
export function tryDecodeView(text: string): { view: FilterView } | { error: ViewCodecError } {
  try {
    return { view: decodeView(text) };
  } catch (e) {
    return { error: e instanceof ViewCodecError ? e : new ViewCodecError('encoding', String(e)) };
  }
}
