package io.github.flowanomaly.tribuo.impl;

import java.util.SplittableRandom;

/**
 * The random state of a Tribuo trainer: a seeded generator split once per training call, and the invocation count
 * that Tribuo records in provenance, so that {@code setInvocationCount(n)} reproduces the n-th training run.
 */
public final class TrainerRandom {

    private final long seed;
    private SplittableRandom rng;
    private int invocations;

    /**
     * Starts from a seed with no invocations.
     *
     * @param seed the trainer's seed.
     */
    public TrainerRandom(long seed) {
        this.seed = seed;
        this.rng = new SplittableRandom(seed);
    }

    /**
     * The random source of the next training call; counts the invocation.
     *
     * @return an independent generator for that call.
     */
    public synchronized SplittableRandom next() {
        invocations++;
        return rng.split();
    }

    /** @return the number of training calls so far. */
    public synchronized int invocations() {
        return invocations;
    }

    /**
     * Resets to the state after {@code count} training calls.
     *
     * @param count the invocation count, &gt;= 0.
     */
    public synchronized void reset(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("Invocation count must be >= 0, found " + count);
        }
        this.rng = new SplittableRandom(seed);
        for (invocations = 0; invocations < count; invocations++) {
            rng.split();
        }
    }
}
