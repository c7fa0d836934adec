package io.github.flowanomaly.tribuo.impl;

import io.github.flowanomaly.tf.ExecutionOptions;
import io.github.flowanomaly.tf.GlowScoringSession;
import io.github.flowanomaly.tf.GlowSpec;
import io.github.flowanomaly.tf.GlowWeights;
import io.github.flowanomaly.tf.ImageBatch;
import io.github.flowanomaly.tf.LevelScores;
import io.github.flowanomaly.tribuo.glow.ScoringPrecision;

import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A scoring session for one network that is opened on first use, shared by concurrent callers, and can be closed at
 * any time: {@link #close()} waits for the scoring calls in flight, releases the native session, and the next call
 * opens a new one. Models hold one of these per network so that closing a model while other threads predict never
 * makes those predictions fail. A session scores in the precision {@link ScoringPrecision#current()} gives when it
 * opens.
 */
public final class ReopenableScoringSession implements AutoCloseable {

    private final GlowSpec spec;
    private final GlowWeights weights;
    private final int batchSize;
    private final Lock useLock;
    private final Lock replaceLock;
    private GlowScoringSession session; // guarded by the read/write lock

    /**
     * Creates the holder; no native resources are allocated until the first {@link #score}.
     *
     * @param spec      the architecture.
     * @param weights   the weights (used as graph constants).
     * @param batchSize the largest batch a session run scores.
     */
    public ReopenableScoringSession(GlowSpec spec, GlowWeights weights, int batchSize) {
        this.spec = spec;
        this.weights = weights;
        this.batchSize = batchSize;
        ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
        this.useLock = lock.readLock();
        this.replaceLock = lock.writeLock();
    }

    /**
     * Scores a batch at the bin centre, opening the session if it is closed. Safe to call from several threads.
     *
     * @param batch the images.
     * @return per-level and total log-likelihoods.
     */
    public LevelScores score(ImageBatch batch) {
        GlowScoringSession open = acquire();
        try {
            return open.score(batch);
        } finally {
            useLock.unlock();
        }
    }

    /** Returns the open session with the use lock held (opening it under the replace lock if needed). */
    private GlowScoringSession acquire() {
        useLock.lock();
        if (session != null) {
            return session;
        }
        useLock.unlock();
        replaceLock.lock();
        try {
            if (session == null) {
                session = new GlowScoringSession(spec, weights,
                        ExecutionOptions.defaults().withPrecision(ScoringPrecision.current()), batchSize);
            }
            useLock.lock(); // downgrade: taken before the replace lock is released
            return session;
        } finally {
            replaceLock.unlock();
        }
    }

    /** @return whether a native session is currently open. */
    public boolean isOpen() {
        useLock.lock();
        try {
            return session != null;
        } finally {
            useLock.unlock();
        }
    }

    /** Waits for the scoring calls in flight, then releases the native session (reopened by the next call). */
    @Override
    public void close() {
        replaceLock.lock();
        try {
            if (session != null) {
                session.close();
                session = null;
            }
        } finally {
            replaceLock.unlock();
        }
    }
}
