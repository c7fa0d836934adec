package io.github.flowanomaly.tf.graph;

import java.util.Random;

/**
 * The initial LU factors of an invertible 1x1 convolution: a random rotation {@code Q} (from the QR decomposition of
 * a standard normal matrix) decomposed as {@code Q = P·L·U} with partial pivoting, computed in double precision
 * in Java so that no decomposition op (which would have no gradient) enters the graph.
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
        return decompose(orthonormalColumns(a));
    }

    /**
     * Decomposes a square matrix as {@code P·L·U} with partial pivoting.
     *
     * @param matrix the matrix (not modified).
     * @return the factors.
     */
    public static LuFactors decompose(double[][] matrix) {
        int n = matrix.length;
        double[][] u = new double[n][];
        for (int i = 0; i < n; i++) {
            u[i] = matrix[i].clone();
        }
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

    /** Modified Gram-Schmidt on the columns: the Q of a QR decomposition (up to column signs). */
    private static double[][] orthonormalColumns(double[][] a) {
        int n = a.length;
        double[][] q = new double[n][n];
        for (int j = 0; j < n; j++) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = a[i][j];
            }
            for (int k = 0; k < j; k++) {
                double dot = 0;
                for (int i = 0; i < n; i++) {
                    dot += q[i][k] * v[i];
                }
                for (int i = 0; i < n; i++) {
                    v[i] -= dot * q[i][k];
                }
            }
            double norm = 0;
            for (double e : v) {
                norm += e * e;
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < n; i++) {
                q[i][j] = v[i] / norm;
            }
        }
        return q;
    }

    private static void swap(double[][] m, int i, int j) {
        double[] t = m[i];
        m[i] = m[j];
        m[j] = t;
    }
}
