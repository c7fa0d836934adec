package io.github.flowanomaly.tf;

/**
 * Seeds of counter-based random streams: stream {@code n} of a run seeded with {@code seed} starts from
 * {@code fmix64(seed ^ fmix64(n + 1))} (MurmurHash3's 64-bit finaliser), so consecutive counters give unrelated
 * streams even for small seeds, and a run resumed at counter {@code n} continues exactly.
 */
public final class CounterSeeds {

    private CounterSeeds() {}

    /**
     * The seed of stream {@code counter}.
     *
     * @param seed    the run's seed.
     * @param counter the stream number (e.g. the step or draw count).
     * @return the stream's seed.
     */
    public static long of(long seed, long counter) {
        return fmix64(seed ^ fmix64(counter + 1));
    }

    private static long fmix64(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
