package io.github.flowanomaly.spark;

import io.github.flowanomaly.tf.GlowSpec;
import io.github.flowanomaly.tribuo.data.DatasetRole;
import io.github.flowanomaly.tribuo.data.DecodedImage;
import io.github.flowanomaly.tribuo.data.EncodedImages;
import io.github.flowanomaly.tribuo.data.ImageExamples;
import io.github.flowanomaly.tribuo.data.ImagePreprocessing;
import io.github.flowanomaly.tribuo.data.ImageShape;
import io.github.flowanomaly.tribuo.evaluation.ScoreOrientation;
import io.github.flowanomaly.tribuo.evaluation.ScoreTable;
import io.github.flowanomaly.tribuo.glow.FlowAnomalyModel;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.anomaly.Event;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Scores one partition of {@link ImageRows} in batches with the executor's copy of the model ({@link ModelHolder}),
 * lazily: at most one batch of images is held at a time. An image that cannot be decoded or brought to the model's
 * shape gets a row with its error and no score; the partition goes on.
 * <p>
 * Output row: id, score, decision, error, then the model's {@link ScoreTable} columns.
 */
final class PartitionScorer implements MapPartitionsFunction<Row, Row> {

    private static final long serialVersionUID = 1L;

    private final Broadcast<byte[]> modelBytes;
    private final String modelKey;
    private final int batchSize;
    private final boolean resize;
    private final int columns;

    /**
     * @param modelBytes the broadcast {@code .tribuo} file.
     * @param modelKey   its digest.
     * @param batchSize  images per scoring call.
     * @param resize     whether to resize images of another size.
     * @param columns    the number of explaining columns of the model's table.
     */
    PartitionScorer(Broadcast<byte[]> modelBytes, String modelKey, int batchSize, boolean resize, int columns) {
        this.modelBytes = modelBytes;
        this.modelKey = modelKey;
        this.batchSize = batchSize;
        this.resize = resize;
        this.columns = columns;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
        Model<Event> model = ModelHolder.get(modelKey, modelBytes::value);
        GlowSpec spec = ((FlowAnomalyModel) model).spec();
        ImageShape shape = new ImageShape(spec.height(), spec.width(), spec.channels());
        String[] featureNames = ImageExamples.featureNames(shape);
        ScoreOrientation orientation = ScoreOrientation.resolve(model, null);
        return new Iterator<>() {
            private final Deque<Row> ready = new ArrayDeque<>();

            @Override
            public boolean hasNext() {
                while (ready.isEmpty() && input.hasNext()) {
                    scoreNextBatch();
                }
                return !ready.isEmpty();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return ready.poll();
            }

            private void scoreNextBatch() {
                List<String> ids = new ArrayList<>(batchSize);
                List<Example<Event>> examples = new ArrayList<>(batchSize);
                List<Row> out = new ArrayList<>(batchSize);
                List<Integer> positions = new ArrayList<>(batchSize);
                while (examples.size() < batchSize && input.hasNext()) {
                    Row row = input.next();
                    String id = row.getString(0);
                    try {
                        byte[] pixels = toModelShape(row, shape);
                        // the ground truth is unknown; prediction ignores the example's event
                        examples.add(ImageExamples.toExample(pixels, featureNames, DatasetRole.IN_DISTRIBUTION));
                        ids.add(id);
                        positions.add(out.size());
                        out.add(null);
                    } catch (RuntimeException e) {
                        out.add(errorRow(id, e.getMessage()));
                    }
                }
                if (!examples.isEmpty()) {
                    ScoreTable table = ScoreTable.of(model, orientation, examples);
                    for (int i = 0; i < table.size(); i++) {
                        Object[] values = new Object[4 + columns];
                        values[0] = ids.get(i);
                        values[1] = table.scores()[i];
                        values[2] = table.decisions().get(i);
                        values[3] = null;
                        for (int c = 0; c < columns; c++) {
                            values[4 + c] = table.values()[i][c];
                        }
                        out.set(positions.get(i), RowFactory.create(values));
                    }
                }
                ready.addAll(out);
            }
        };
    }

    private Row errorRow(String id, String message) {
        Object[] values = new Object[4 + columns];
        values[0] = id;
        values[3] = message == null ? "unknown error" : message;
        return RowFactory.create(values);
    }

    /** Decodes a row and converts it to the model's channels and, if allowed, size. */
    private byte[] toModelShape(Row row, ImageShape target) {
        byte[] data = row.isNullAt(1) ? null : (byte[]) row.get(1);
        String id = row.getString(0);
        if (data == null) {
            throw new IllegalArgumentException("Image " + id + " has no bytes");
        }
        DecodedImage image = row.getBoolean(2)
                ? EncodedImages.decode(data, target.channels(), id)
                : new DecodedImage(data, new ImageShape(row.getInt(3), row.getInt(4), row.getInt(5)), id);
        ImageShape shape = image.shape();
        boolean grey = shape.channels() == 3 && target.channels() == 1;
        if (shape.channels() != target.channels() && !grey) {
            throw new IllegalArgumentException("Image " + id + " has " + shape.channels() + " channels, the model "
                    + "expects " + target.channels());
        }
        boolean sizeDiffers = shape.height() != target.height() || shape.width() != target.width();
        if (sizeDiffers && !resize) {
            throw new IllegalArgumentException("Image " + id + " is " + shape.height() + "x" + shape.width()
                    + ", the model expects " + target.height() + "x" + target.width() + " (--resize true resizes "
                    + "bilinearly)");
        }
        if (!grey && !sizeDiffers) {
            return image.pixels();
        }
        ImagePreprocessing preprocessing = new ImagePreprocessing(sizeDiffers ? target.height() : 0,
                sizeDiffers ? target.width() : 0, grey, 0, ImagePreprocessing.DEFAULT_SEED);
        return preprocessing.transform(image.pixels(), shape);
    }
}
