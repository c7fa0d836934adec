package io.github.flowanomaly.tf.graph;

import java.util.function.UnaryOperator;

/**
 * Test helper: Jacobians by central finite differences and log|det| by LU decomposition, in double precision.
 */
final class Jacobians {

    private Jacobians() {}

    /**
     * @param f    maps a batch of inputs (flat, {@code count × n}) to a batch of outputs ({@code count × n}).
     * @param x    the point, n values.
     * @param step finite difference step.
     * @return ln|det J_f(x)|.
     */
    static double logAbsDet(UnaryOperator<double[]> f, double[] x, double step) {
        int n = x.length;
        double[] batch = new double[2 * n * n];
        for (int j = 0; j < n; j++) {
            System.arraycopy(x, 0, batch, (2 * j) * n, n);
            System.arraycopy(x, 0, batch, (2 * j + 1) * n, n);
            batch[(2 * j) * n + j] += step;
            batch[(2 * j + 1) * n + j] -= step;
        }
        double[] out = f.apply(batch);
        double[][] jacobian = new double[n][n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                jacobian[i][j] = (out[(2 * j) * n + i] - out[(2 * j + 1) * n + i]) / (2 * step);
            }
        }
        double sum = 0;
        for (double v : LuFactors.decompose(jacobian).logAbsDiag()) {
            sum += v;
        }
        return sum;
    }
}
