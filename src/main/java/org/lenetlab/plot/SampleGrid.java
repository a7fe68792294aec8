package org.lenetlab.plot;

import java.awt.Graphics2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.lenetlab.data.ImageDataset;
import org.lenetlab.eval.ClassificationEvaluation;
import org.lenetlab.eval.Misclassification;

/**
 * A grid of dataset images with their labels: plain samples with the true label, or predictions with the true
 * label, the predicted label and the model's confidence (green when right, red when wrong), or the model's most
 * confident mistakes, which are often mislabelled or genuinely ambiguous images.
 *
 * <p>Pixels are shown as they are: images whose values lie in [0, 1] map 0 to black and 1 to white; normalised
 * images (values outside [0, 1]) are mapped from the smallest to the largest value among the images shown.
 */
public final class SampleGrid extends Figure {
    private static final int TILE = 96;

    private final ImageGrid grid;

    private SampleGrid(String title, ImageGrid grid) {
        super(title, grid.defaultSize(TILE)[0], grid.defaultSize(TILE)[1]);
        this.grid = grid;
    }

    /**
     * @param data  the images
     * @param count how many of the first images to show, at least 1
     * @return the grid with true labels
     */
    public static SampleGrid first(ImageDataset data, int count) {
        Objects.requireNonNull(data, "data");
        if (count < 1 || count > data.size()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "cannot show %d images of %s, which has %d: pass a count from 1 to %d", count, data.name(),
                    data.size(), data.size()));
        }
        int[] indices = new int[count];
        for (int i = 0; i < count; i++) {
            indices[i] = i;
        }
        return of(data, indices);
    }

    /**
     * @param data    the images
     * @param indices which images, in the order shown
     * @return the grid with true labels
     * @throws IllegalArgumentException if no index is given or one is out of range
     */
    public static SampleGrid of(ImageDataset data, int[] indices) {
        Objects.requireNonNull(data, "data");
        checkIndices(data, indices);
        double[] range = range(data, indices);
        List<ImageGrid.Tile> tiles = new ArrayList<>();
        for (int i : indices) {
            tiles.add(new ImageGrid.Tile(picture(data, i, range),
                    List.of(new ImageGrid.Caption(data.classNames().get(data.label(i)), FigureStyle.INK))));
        }
        String title = "Samples from " + data.name();
        return new SampleGrid(title, new ImageGrid(title, "label under each image", tiles, columns(indices.length),
                null, null));
    }

    /**
     * @param data       the evaluated images, in the order the evaluation saw them
     * @param evaluation the model's evaluation on {@code data}, with probabilities
     * @param indices    which images, in the order shown
     * @return the grid with true label, prediction and confidence
     * @throws IllegalArgumentException if the evaluation is not of {@code data} or an index is out of range
     */
    public static SampleGrid predictions(ImageDataset data, ClassificationEvaluation evaluation, int[] indices) {
        checkMatch(data, evaluation);
        checkIndices(data, indices);
        String title = "Predictions on " + data.name();
        return new SampleGrid(title, new ImageGrid(title,
                "true label, then prediction and the model's confidence (green: right, red: wrong)",
                predictionTiles(data, evaluation, indices), columns(indices.length), null, null));
    }

    /**
     * The mistakes the model was surest of: it gave these images a high probability for a wrong class.
     *
     * @param data       the evaluated images, in the order the evaluation saw them
     * @param evaluation the model's evaluation on {@code data}, with probabilities
     * @param count      most images to show, at least 1
     * @return the grid, most confident mistake first (empty grid impossible: at least one mistake needed)
     * @throws IllegalArgumentException if the evaluation is not of {@code data} or the model made no mistake
     */
    public static SampleGrid mostConfidentMistakes(ImageDataset data, ClassificationEvaluation evaluation,
                                                   int count) {
        checkMatch(data, evaluation);
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
        if (!evaluation.hasProbabilities()) {
            throw new IllegalArgumentException("the evaluation has no probabilities, so mistakes cannot be ranked "
                    + "by confidence: evaluate with an Evaluator or ClassificationEvaluation.of(actual, "
                    + "probabilities, classNames)");
        }
        List<Misclassification> mistakes = evaluation.mostConfidentMistakes(count);
        if (mistakes.isEmpty()) {
            throw new IllegalArgumentException("the model made no mistake on " + data.name()
                    + ": there is no mistake to show");
        }
        int[] indices = mistakes.stream().mapToInt(Misclassification::index).toArray();
        String title = "Most confident mistakes on " + data.name();
        return new SampleGrid(title, new ImageGrid(title, String.format(Locale.ROOT,
                "the %d wrong predictions the model was surest of, most confident first (of %s mistakes)",
                indices.length, Charts.count(evaluation.size() - evaluation.correctCount())),
                predictionTiles(data, evaluation, indices), columns(indices.length), null, null));
    }

    private static List<ImageGrid.Tile> predictionTiles(ImageDataset data, ClassificationEvaluation evaluation,
                                                        int[] indices) {
        double[] range = range(data, indices);
        int[] predicted = evaluation.predicted();
        float[][] probabilities = evaluation.hasProbabilities() ? evaluation.probabilities() : null;
        List<String> names = data.classNames();
        List<ImageGrid.Tile> tiles = new ArrayList<>();
        for (int i : indices) {
            int p = predicted[i];
            boolean right = p == data.label(i);
            String guess = "pred " + names.get(p)
                    + (probabilities == null ? "" : String.format(Locale.ROOT, " (%.0f %%)", 100 * probabilities[i][p]));
            tiles.add(new ImageGrid.Tile(picture(data, i, range), List.of(
                    new ImageGrid.Caption("true " + names.get(data.label(i)), FigureStyle.INK),
                    new ImageGrid.Caption(guess, right ? FigureStyle.CORRECT : FigureStyle.WRONG))));
        }
        return tiles;
    }

    private static void checkMatch(ImageDataset data, ClassificationEvaluation evaluation) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(evaluation, "evaluation");
        if (evaluation.size() != data.size() || !java.util.Arrays.equals(evaluation.actual(), data.labels())) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "the evaluation (%d examples) is not of %s (%d images, or labels in another order): pass the "
                            + "dataset the evaluation was computed on", evaluation.size(), data.name(), data.size()));
        }
    }

    private static void checkIndices(ImageDataset data, int[] indices) {
        Objects.requireNonNull(indices, "indices");
        if (indices.length == 0) {
            throw new IllegalArgumentException("no images chosen: pass at least one index into " + data.name());
        }
        for (int i : indices) {
            if (i < 0 || i >= data.size()) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "image index %d is outside %s (0..%d)", i, data.name(), data.size() - 1));
            }
        }
    }

    static int columns(int n) {
        return Math.max(1, Math.min(10, (int) Math.ceil(Math.sqrt(n * 1.6))));
    }

    /** [0, 1] if every shown pixel lies in it, else the shown pixels' minimum and maximum. */
    private static double[] range(ImageDataset data, int[] indices) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i : indices) {
            for (float v : data.image(i)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        return min >= 0 && max <= 1 ? new double[] {0, 1} : new double[] {min, max};
    }

    private static java.awt.image.BufferedImage picture(ImageDataset data, int i, double[] range) {
        return ImageGrid.picture(data.image(i), data.channels(), data.height(), data.width(), range[0], range[1]);
    }

    @Override
    public void paint(Graphics2D g, int width, int height) {
        grid.paint(g, width, height);
    }
}
