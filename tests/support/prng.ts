/**
 * A small seeded generator (mulberry32) for the fault runs and the fuzzing, so every run and
 * every case is reproducible from its seed (SECURITY.md's numbers are those of these seeds).
 */
export { mulberry32 as prng } from '@crmkit/adapter-mock/generator/random.js';
