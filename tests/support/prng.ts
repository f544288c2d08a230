/**
 * A small seeded generator (mulberry32) for the fault runs and the fuzzing, so every run and
 * every case is reproducible from its seed (SECURITY.md's numbers are those of these seeds).
 */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
