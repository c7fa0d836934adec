package io.github.flowanomaly.tf.graph;

import java.util.Random;

/**
 * The initial LU factors of an invertible 1x1 convolution: a random orthogonal {@code Q} (from the Householder QR
 * decomposition of a standard normal matrix, as {@code torch.qr}/LAPACK computes it in the authors' code) decomposed as
 * {@code Q = P·L·U} with partial pivoting, computed in double precision in Java so that no decomposition op (which
 * would have no gradient) enters the graph.
 *
 * <p>LAPACK's Householder reflections give {@code R}'s diagonal the opposite sign of each pivot column's leading
 * entry, so {@code Q}'s columns carry other signs than a Gram-Schmidt {@code Q} (whose {@code R} has a positive
 * diagonal) and {@code Q}'s diagonal is biased negative (mean about −0.2 for 4 or 8 channels). This class reproduces
 * that convention exactly. Only the signs of {@code U}'s columns differ from Gram-Schmidt ({@code P}, {@code L} and
 * {@code ln|diag(U)|} are the same); no effect on training was measured (results/likelihood-ratio-by-level.md).
 *
 * @param size        the matrix size C.
 * @param permutation P, row-major C×C.
 * @param lower       L, unit lower triangular, row-major C×C.
 * @param upper       U with its diagonal zeroed (only the strict upper part is a parameter), row-major C×C.
 * @param signs       sign of each diagonal entry of U.
 * @param logAbsDiag  ln|diag(U)|.
 */
public record LuFactors(int size, double[] permutation, double[] lower, double[] upper, double[] signs,
                        double[] logAbsDiag) {

    /**
     * Draws a random rotation and decomposes it.
     *
     * @param size   the matrix size C.
     * @param random the random source.
     * @return the factors.
     */
    public static LuFactors randomRotation(int size, Random random) {
        double[][] a = new double[size][size];
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                a[i][j] = random.nextGaussian();
            }
        }
        return decompose(householderQ(a));
    }

    /**
     * Decomposes a square matrix as {@code P·L·U} with partial pivoting.
     *
     * @param matrix the matrix (not modified).
     * @return the factors.
     */
    public static LuFactors decompose(double[][] matrix) {
        int n = matrix.length;
        double[][] u = copyOf(matrix);
        double[][] l = new double[n][n];
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        for (int k = 0; k < n; k++) {
            int pivot = k;
            for (int i = k + 1; i < n; i++) {
                if (Math.abs(u[i][k]) > Math.abs(u[pivot][k])) {
                    pivot = i;
                }
            }
            if (u[pivot][k] == 0.0) {
                throw new IllegalArgumentException("Matrix is singular");
            }
            swap(u, k, pivot);
            swap(l, k, pivot);
            int t = rows[k];
            rows[k] = rows[pivot];
            rows[pivot] = t;
            for (int i = k + 1; i < n; i++) {
                double f = u[i][k] / u[k][k];
                l[i][k] = f;
                for (int j = k; j < n; j++) {
                    u[i][j] -= f * u[k][j];
                }
            }
        }
        // rows[k] = original row at position k, so A[rows] = L·U and A = P·L·U with P[rows[k]][k] = 1.
        double[] p = new double[n * n];
        double[] lower = new double[n * n];
        double[] upper = new double[n * n];
        double[] signs = new double[n];
        double[] logAbs = new double[n];
        for (int k = 0; k < n; k++) {
            p[rows[k] * n + k] = 1.0;
            for (int j = 0; j < n; j++) {
                lower[k * n + j] = j < k ? l[k][j] : (j == k ? 1.0 : 0.0);
                upper[k * n + j] = j > k ? u[k][j] : 0.0;
            }
            signs[k] = Math.signum(u[k][k]);
            logAbs[k] = Math.log(Math.abs(u[k][k]));
        }
        return new LuFactors(n, p, lower, upper, signs, logAbs);
    }

    /**
     * Reassembles {@code P·L·(U + diag(sign·exp(logAbsDiag)))}.
     *
     * @return the matrix, row-major.
     */
    public double[][] reconstruct() {
        int n = size;
        double[][] lu = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int k = 0; k < n; k++) {
                    double lik = lower[i * n + k];
                    double ukj = k == j ? signs[k] * Math.exp(logAbsDiag[k]) : upper[k * n + j];
                    sum += lik * ukj;
                }
                lu[i][j] = sum;
            }
        }
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int k = 0; k < n; k++) {
                    sum += permutation[i * n + k] * lu[k][j];
                }
                out[i][j] = sum;
            }
        }
        return out;
    }

    /**
     * The {@code Q} of a Householder QR decomposition with LAPACK's conventions ({@code dgeqr2}/{@code dlarfg}): the
     * k-th reflection maps column k's sub-column {@code x} (leading entry {@code α}) to {@code β·e1} with
     * {@code β = −sign(α)·‖x‖} ({@code sign(0) = +1}), and no reflection when {@code x} below {@code α} is zero;
     * {@code Q = H_0·H_1·…·H_{n−1}}.
     *
     * @param matrix the square matrix (not modified).
     * @return Q, row-major rows.
     */
    static double[][] householderQ(double[][] matrix) {
        int n = matrix.length;
        double[][] r = copyOf(matrix);
        double[][] q = new double[n][n];
        for (int i = 0; i < n; i++) {
            q[i][i] = 1.0;
        }
        for (int k = 0; k < n - 1; k++) {
            double alpha = r[k][k];
            double tailNorm = 0;
            for (int i = k + 1; i < n; i++) {
                tailNorm = Math.hypot(tailNorm, r[i][k]);
            }
            if (tailNorm == 0.0) {
                continue; // H_k = I, as dlarfg
            }
            double norm = Math.hypot(alpha, tailNorm);
            double beta = alpha >= 0 ? -norm : norm;
            double tau = (beta - alpha) / beta;
            double[] v = new double[n];
            v[k] = 1.0;
            for (int i = k + 1; i < n; i++) {
                v[i] = r[i][k] / (alpha - beta);
            }
            reflectRows(r, v, tau, k);
            reflectColumns(q, v, tau, k);
        }
        return q;
    }

    /**
     * {@code m ← (I − τ·v·vᵀ)·m} on columns k.. (v is zero above row k; the earlier columns are already reduced and
     * never read again).
     */
    private static void reflectRows(double[][] m, double[] v, double tau, int k) {
        int n = m.length;
        for (int j = k; j < n; j++) {
            double dot = 0;
            for (int i = k; i < n; i++) {
                dot += v[i] * m[i][j];
            }
            for (int i = k; i < n; i++) {
                m[i][j] -= tau * v[i] * dot;
            }
        }
    }

    /** {@code m ← m·(I − τ·v·vᵀ)}, with v zero above entry k. */
    private static void reflectColumns(double[][] m, double[] v, double tau, int k) {
        int n = m.length;
        for (int i = 0; i < n; i++) {
            double dot = 0;
            for (int j = k; j < n; j++) {
                dot += m[i][j] * v[j];
            }
            for (int j = k; j < n; j++) {
                m[i][j] -= tau * dot * v[j];
            }
        }
    }

    private static double[][] copyOf(double[][] matrix) {
        double[][] copy = new double[matrix.length][];
        for (int i = 0; i < matrix.length; i++) {
            copy[i] = matrix[i].clone();
        }
        return copy;
    }

    private static void swap(double[][] m, int i, int j) {
        double[] t = m[i];
        m[i] = m[j];
        m[j] = t;
    }
}
