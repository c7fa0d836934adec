package io.github.flowanomaly.report;

import io.github.flowanomaly.tribuo.experiment.SampleGrid;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Draws sampled images as a grid (6 columns, each image upscaled 3x with nearest-neighbour) into a PNG.
 */
public final class SampleGridImage {

    private static final int COLUMNS = 6;
    private static final int SCALE = 3;
    private static final int GAP = 2;

    private SampleGridImage() {}

    /**
     * Writes the grid.
     *
     * @param grid the samples.
     * @param file the PNG to write.
     * @throws IOException if writing fails.
     */
    public static void write(SampleGrid grid, Path file) throws IOException {
        int rows = (grid.count() + COLUMNS - 1) / COLUMNS;
        int cellW = grid.width() * SCALE + GAP;
        int cellH = grid.height() * SCALE + GAP;
        BufferedImage image = new BufferedImage(COLUMNS * cellW + GAP, rows * cellH + GAP,
                BufferedImage.TYPE_INT_RGB);
        int dims = grid.height() * grid.width() * grid.channels();
        for (int n = 0; n < grid.count(); n++) {
            int ox = GAP + (n % COLUMNS) * cellW;
            int oy = GAP + (n / COLUMNS) * cellH;
            for (int y = 0; y < grid.height() * SCALE; y++) {
                for (int x = 0; x < grid.width() * SCALE; x++) {
                    int base = n * dims + ((y / SCALE) * grid.width() + x / SCALE) * grid.channels();
                    int r = value(grid.pixels()[base]);
                    int g = grid.channels() == 3 ? value(grid.pixels()[base + 1]) : r;
                    int b = grid.channels() == 3 ? value(grid.pixels()[base + 2]) : r;
                    image.setRGB(ox + x, oy + y, (r << 16) | (g << 8) | b);
                }
            }
        }
        ImageIO.write(image, "png", file.toFile());
    }

    private static int value(float v) {
        return Math.max(0, Math.min(255, Math.round(v)));
    }
}
