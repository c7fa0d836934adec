package io.github.flowanomaly.tribuo.impl;

import java.util.random.RandomGenerator;

/**
 * Seeded random permutations (Fisher–Yates from the last position down), shared by the subset draws of the data
 * sources, the patch shuffles of {@link SyntheticOodSource} and the training loop's epoch orders and held-out splits.
 */
public final class Permutations {

    private Permutations() {}

    /**
     * A random permutation of {@code 0..n-1}.
     *
     * @param n   the number of elements.
     * @param rng the random source (one {@code nextInt(i + 1)} draw per position {@code i = n-1 .. 1}).
     * @return the permutation.
     */
    public static int[] of(int n, RandomGenerator rng) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
