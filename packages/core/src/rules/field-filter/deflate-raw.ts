/*
 * Raw DEFLATE (RFC 1951), just enough for view strings: a writer of stored blocks and a small
 * reader of every block type. A view string is a few hundred bytes, so the writer does not
 * compress (a compressor would be the largest thing in a widget's first download); the reader
 * still opens strings written with compression by earlier versions of this library, and any
 * inflater opens the strings written now. Both are synchronous.
 */

/** Wraps bytes in stored (uncompressed) DEFLATE blocks of at most 65,535 bytes each. */
export function deflateStored(data: Uint8Array): Uint8Array {
  const blocks = Math.max(1, Math.ceil(data.length / 0xffff));
  const out = new Uint8Array(data.length + blocks * 5);
  let o = 0;
  for (let b = 0; b < blocks; b++) {
    const chunk = data.subarray(b * 0xffff, (b + 1) * 0xffff);
    const n = chunk.length;
    out[o++] = b === blocks - 1 ? 1 : 0; // BFINAL, BTYPE 00
    out[o++] = n & 0xff;
    out[o++] = n >>> 8;
    out[o++] = ~n & 0xff;
    out[o++] = (~n >>> 8) & 0xff;
    out.set(chunk, o);
    o += n;
  }
  return out;
}

interface Huffman {
  readonly count: Uint16Array;
  readonly symbol: Uint16Array;
}

function huffman(lengths: ArrayLike<number>): Huffman {
  const count = new Uint16Array(16);
  const offs = new Uint16Array(16);
  const symbol = new Uint16Array(lengths.length);
  for (let i = 0; i < lengths.length; i++) count[lengths[i]]++;
  for (let len = 1; len < 15; len++) offs[len + 1] = offs[len] + count[len];
  for (let i = 0; i < lengths.length; i++) if (lengths[i]) symbol[offs[lengths[i]]++] = i;
  return { count, symbol };
}

const LEN_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LEN_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
const CODE_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/**
 * Inflates raw DEFLATE data. Throws an `Error` on truncated or invalid input, or when the output
 * would pass `maxBytes` (a view string never comes near the default 1 MiB).
 */
export function inflateRaw(src: Uint8Array, maxBytes = 1 << 20): Uint8Array {
  let pos = 0;
  let buf = 0;
  let cnt = 0;
  const out: number[] = [];
  const fail = (why: string): never => {
    throw new Error(`inflate: ${why}`);
  };
  const bits = (n: number): number => {
    while (cnt < n) {
      if (pos >= src.length) fail('truncated');
      buf |= src[pos++] << cnt;
      cnt += 8;
    }
    const v = buf & ((1 << n) - 1);
    buf >>>= n;
    cnt -= n;
    return v;
  };
  const decode = (h: Huffman): number => {
    let code = 0;
    let first = 0;
    let index = 0;
    for (let len = 1; len < 16; len++) {
      code |= bits(1);
      const count = h.count[len];
      if (code - count < first) return h.symbol[index + code - first];
      index += count;
      first = (first + count) << 1;
      code <<= 1;
    }
    return fail('bad code');
  };
  let last = 0;
  while (!last) {
    last = bits(1);
    const type = bits(2);
    if (type === 0) {
      buf = 0;
      cnt = 0;
      if (pos + 4 > src.length) fail('truncated');
      const n = src[pos] | (src[pos + 1] << 8);
      if ((n ^ (src[pos + 2] | (src[pos + 3] << 8))) !== 0xffff) fail('bad stored length');
      pos += 4;
      if (pos + n > src.length) fail('truncated');
      if (out.length + n > maxBytes) fail('too large');
      for (let i = 0; i < n; i++) out.push(src[pos++]);
      continue;
    }
    let lit: Huffman;
    let dist: Huffman;
    if (type === 1) {
      const l = new Uint8Array(288);
      l.fill(8, 0, 144).fill(9, 144, 256).fill(7, 256, 280).fill(8, 280, 288);
      lit = huffman(l);
      dist = huffman(new Uint8Array(30).fill(5));
    } else if (type === 2) {
      const nlen = bits(5) + 257;
      const ndist = bits(5) + 1;
      const ncode = bits(4) + 4;
      const cl = new Uint8Array(19);
      for (let i = 0; i < ncode; i++) cl[CODE_ORDER[i]] = bits(3);
      const clh = huffman(cl);
      const lengths = new Uint8Array(nlen + ndist);
      for (let i = 0; i < nlen + ndist; ) {
        const sym = decode(clh);
        if (sym < 16) {
          lengths[i++] = sym;
          continue;
        }
        let value = 0;
        let repeat: number;
        if (sym === 16) {
          if (i === 0) fail('repeat without a length');
          value = lengths[i - 1];
          repeat = 3 + bits(2);
        } else repeat = sym === 17 ? 3 + bits(3) : 11 + bits(7);
        if (i + repeat > nlen + ndist) fail('too many lengths');
        lengths.fill(value, i, i + repeat);
        i += repeat;
      }
      lit = huffman(lengths.subarray(0, nlen));
      dist = huffman(lengths.subarray(nlen));
    } else return fail('bad block type');
    for (;;) {
      let sym = decode(lit);
      if (sym < 256) {
        out.push(sym);
      } else if (sym === 256) break;
      else {
        sym -= 257;
        if (sym >= 29) fail('bad length code');
        const len = LEN_BASE[sym] + bits(LEN_EXTRA[sym]);
        const d = decode(dist);
        if (d >= 30) fail('bad distance code');
        const back = DIST_BASE[d] + bits(DIST_EXTRA[d]);
        if (back > out.length) fail('distance too far');
        for (let i = 0; i < len; i++) out.push(out[out.length - back]);
      }
      if (out.length > maxBytes) fail('too large');
    }
  }
  return Uint8Array.from(out);
}
