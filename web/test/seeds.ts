// fast-check settings for every property test: the fixed seed in `npm test` and `mvn verify`,
// a fresh seed (printed, to replay and pin) with SEEDS=random, the same switch the Java tests read.
const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env ?? {};

export function propertySettings(seed: number, numRuns: number, name = "property"): { seed: number; numRuns: number } {
  if (env.SEEDS !== "random") return { seed, numRuns };
  const fresh = Math.floor(Math.random() * 2 ** 31);
  console.log(`${name}: fresh seed ${fresh} (replay with it; pin a failing one)`);
  return { seed: fresh, numRuns };
}
