package io.github.flowanomaly.tf.graph;

import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The squeeze's channel order, {@code out[b, h', w', 4c+2i+j] = in[b, 2h'+i, 2w'+j, c]}, and its inverse. */
class SqueezeTest {

    @Test
    void channelOrderMatchesThePaperAndUnsqueezeInverts() {
        int n = 2, h = 4, w = 6, c = 3;
        try (Float64Runner r = new Float64Runner(h, w, c)) {
            Operand<TFloat64> squeezed = Squeeze.squeeze(r.ctx, r.x, h, w, c);
            Operand<TFloat64> restored = Squeeze.unsqueeze(r.ctx, squeezed, h, w, c);
            double[] in = new double[n * h * w * c];
            for (int b = 0; b < n; b++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        for (int ch = 0; ch < c; ch++) {
                            in[((b * h + y) * w + x) * c + ch] = 1000 * b + 100 * y + 10 * x + ch;
                        }
                    }
                }
            }
            double[][] out = r.fetch(squeezed, in, n, restored);
            int h2 = h / 2, w2 = w / 2, c4 = 4 * c;
            for (int b = 0; b < n; b++) {
                for (int y = 0; y < h2; y++) {
                    for (int x = 0; x < w2; x++) {
                        for (int ch = 0; ch < c; ch++) {
                            for (int i = 0; i < 2; i++) {
                                for (int j = 0; j < 2; j++) {
                                    double expected = in[((b * h + 2 * y + i) * w + 2 * x + j) * c + ch];
                                    double actual = out[0][((b * h2 + y) * w2 + x) * c4 + 4 * ch + 2 * i + j];
                                    assertEquals(expected, actual);
                                }
                            }
                        }
                    }
                }
            }
            assertArrayEquals(in, out[1]);
        }
    }
}
