package io.github.flowanomaly.tf.graph;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Java QR + LU initialisation of the invertible 1x1 convolution. */
class LuFactorsTest {

    @Test
    void randomRotationIsOrthogonalAndFactorsReassemble() {
        for (int size : new int[]{2, 4, 16, 48}) {
            LuFactors lu = LuFactors.randomRotation(size, new Random(size));
            double[][] q = lu.reconstruct();
            for (int i = 0; i < size; i++) {
                for (int j = 0; j < size; j++) {
                    double dot = 0;
                    for (int k = 0; k < size; k++) {
                        dot += q[k][i] * q[k][j];
                    }
                    assertEquals(i == j ? 1.0 : 0.0, dot, 1e-10, "QᵀQ at " + i + "," + j);
                }
            }
            double logAbsDet = 0;
            for (double v : lu.logAbsDiag()) {
                logAbsDet += v;
            }
            assertEquals(0.0, logAbsDet, 1e-9, "a rotation has |det| = 1");
        }
    }

    @Test
    void decomposeReassemblesAGeneralMatrix() {
        double[][] a = {{0, 2, 1}, {3, -1, 4}, {1, 1, -2}};
        LuFactors lu = LuFactors.decompose(a);
        double[][] back = lu.reconstruct();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(a[i][j], back[i][j], 1e-12);
            }
        }
        // det = 0*(2-4) - 2*(-6-4) + 1*(3+1) = 24
        double logAbsDet = 0;
        for (double v : lu.logAbsDiag()) {
            logAbsDet += v;
        }
        assertEquals(Math.log(24), logAbsDet, 1e-12);
    }

    @Test
    void householderQFollowsLapackSignConvention() {
        // torch.qr (LAPACK dgeqrf + dorgqr), which the authors' code uses, gives for this matrix (R's diagonal
        // -2.29, -3.31, +1.95): a Gram-Schmidt Q would have the first two columns negated
        double[][] a = {{2, -1, 0.5}, {1, 3, -2}, {-0.5, 1, 1.5}};
        double[][] expected = {
                {-0.8728715609439694, 0.35972153941809637, 0.32969023669789355},
                {-0.4364357804719848, -0.8777205561801552, -0.19781414201873615},
                {0.2182178902359924, -0.3165549546879248, 0.9231326627541018}};
        double[][] q = LuFactors.householderQ(a);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(expected[i][j], q[i][j], 1e-12, "Q at " + i + "," + j);
            }
        }
    }
}
