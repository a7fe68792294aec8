package org.lenetlab.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.DoubleStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits a dataset into parts (e.g. train / validation / test) with the same class proportions in every part.
 *
 * <p>Each class is shuffled on its own (seeded) and cut by the fractions; counts are rounded by the largest
 * remainder, and when a class has at least as many images as there are parts, every part gets at least one image
 * of it. The same dataset, fractions and seed always give the same split. Within each part images keep their
 * original order.
 */
public final class StratifiedSplitter {
    /** How far the fractions may sum from 1. */
    public static final double TOLERANCE = 1e-6;

    private static final Logger LOG = LoggerFactory.getLogger(StratifiedSplitter.class);

    private StratifiedSplitter() {
    }

    /**
     * Splits into parts named "part 1", "part 2", ...
     *
     * @param dataset   the dataset to split
     * @param seed      seed of the shuffles
     * @param fractions share of each part, each positive, summing to 1 (±{@value #TOLERANCE})
     * @return one dataset per fraction, in order
     * @throws IllegalArgumentException if the fractions are invalid
     */
    public static List<ImageDataset> split(ImageDataset dataset, long seed, double... fractions) {
        List<String> names = new ArrayList<>();
        for (int k = 0; k < fractions.length; k++) {
            names.add("part " + (k + 1));
        }
        return split(dataset, seed, names, fractions);
    }

    /**
     * Splits into train, validation and test parts.
     *
     * @param dataset    the dataset to split
     * @param seed       seed of the shuffles
     * @param train      share of the training part, e.g. 0.8
     * @param validation share of the validation part, e.g. 0.16
     * @param test       share of the test part, e.g. 0.04
     * @return {@code [train, validation, test]}
     * @throws IllegalArgumentException if the fractions are invalid
     */
    public static List<ImageDataset> trainValidationTest(ImageDataset dataset, long seed, double train,
                                                         double validation, double test) {
        return split(dataset, seed, List.of("train", "validation", "test"), train, validation, test);
    }

    /**
     * Splits into named parts.
     *
     * @param dataset   the dataset to split
     * @param seed      seed of the shuffles
     * @param partNames name of each part, appended to the dataset name
     * @param fractions share of each part, each positive, summing to 1 (±{@value #TOLERANCE})
     * @return one dataset per fraction, in order
     * @throws IllegalArgumentException if the fractions are invalid or do not match the names
     */
    public static List<ImageDataset> split(ImageDataset dataset, long seed, List<String> partNames,
                                           double... fractions) {
        validate(fractions, partNames.size());
        int parts = fractions.length;
        List<List<Integer>> members = new ArrayList<>();
        for (int k = 0; k < parts; k++) {
            members.add(new ArrayList<>());
        }
        List<String> thin = new ArrayList<>();
        Random rng = new Random(seed);
        int[] labels = dataset.labels();
        for (int c = 0; c < dataset.numClasses(); c++) {
            List<Integer> ofClass = new ArrayList<>();
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == c) {
                    ofClass.add(i);
                }
            }
            java.util.Collections.shuffle(ofClass, rng);
            int[] counts = allocate(ofClass.size(), fractions);
            if (ofClass.size() > 0 && ofClass.size() < parts) {
                thin.add(dataset.classNames().get(c) + " (" + ofClass.size() + ")");
            }
            int at = 0;
            for (int k = 0; k < parts; k++) {
                members.get(k).addAll(ofClass.subList(at, at + counts[k]));
                at += counts[k];
            }
        }
        if (!thin.isEmpty()) {
            LOG.warn("{}: classes with fewer images than the {} parts are missing from some parts: {}",
                    dataset.name(), parts, String.join(", ", thin));
        }
        List<ImageDataset> result = new ArrayList<>();
        for (int k = 0; k < parts; k++) {
            int[] indices = members.get(k).stream().mapToInt(Integer::intValue).sorted().toArray();
            result.add(dataset.subset(indices, partNames.get(k)));
        }
        return result;
    }

    /**
     * How many of {@code n} images of one class go to each part: largest-remainder rounding of {@code n × f},
     * then, if {@code n} is at least the number of parts, one image moved from the largest part to each empty one.
     *
     * @param n         images of the class
     * @param fractions share of each part
     * @return count per part, summing to {@code n}
     */
    static int[] allocate(int n, double[] fractions) {
        int parts = fractions.length;
        int[] counts = new int[parts];
        double[] remainder = new double[parts];
        int given = 0;
        for (int k = 0; k < parts; k++) {
            double ideal = n * fractions[k];
            counts[k] = (int) Math.floor(ideal);
            remainder[k] = ideal - counts[k];
            given += counts[k];
        }
        while (given < n) {
            int best = 0;
            for (int k = 1; k < parts; k++) {
                if (remainder[k] > remainder[best] + 1e-12) {
                    best = k;
                }
            }
            counts[best]++;
            remainder[best] = -1;
            given++;
        }
        if (n >= parts) {
            for (int k = 0; k < parts; k++) {
                if (counts[k] == 0) {
                    int largest = 0;
                    for (int j = 1; j < parts; j++) {
                        if (counts[j] > counts[largest]) {
                            largest = j;
                        }
                    }
                    counts[largest]--;
                    counts[k]++;
                }
            }
        }
        return counts;
    }

    private static void validate(double[] fractions, int names) {
        if (fractions.length < 2) {
            throw new IllegalArgumentException("give at least two fractions, got " + Arrays.toString(fractions));
        }
        if (names != fractions.length) {
            throw new IllegalArgumentException(names + " part names for " + fractions.length + " fractions");
        }
        for (double f : fractions) {
            if (!(f > 0 && f < 1)) {
                throw new IllegalArgumentException("every fraction must be between 0 and 1 (exclusive), got " + f
                        + " in " + Arrays.toString(fractions));
            }
        }
        double sum = DoubleStream.of(fractions).sum();
        if (Math.abs(sum - 1) > TOLERANCE) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "fractions %s sum to %s, not 1: they must"
                    + " sum to 1 (±%s), e.g. 0.8, 0.16, 0.04",
                    DoubleStream.of(fractions).mapToObj(f -> String.format(Locale.ROOT, "%s", f))
                            .collect(Collectors.joining(" + ")), sum, TOLERANCE));
        }
    }
}
