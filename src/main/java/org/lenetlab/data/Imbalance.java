package org.lenetlab.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * Makes imbalanced variants of a dataset for teaching: keep only a fraction of the images of chosen classes, the
 * rest untouched. Which images survive is drawn with a seed, so the same seed gives the same variant; the kept
 * images stay in their original order.
 *
 * <pre>{@code
 * ImageDataset rare = Imbalance.keepFraction(train, 0.05, 42, 3, 8);   // classes 3 and 8 cut to 5 %
 * System.out.println(Arrays.toString(rare.classCounts()));
 * }</pre>
 */
public final class Imbalance {
    private Imbalance() {
    }

    /**
     * Keeps {@code fraction} of the images of each class in {@code classes} (rounded, at least one image per class
     * so that the class still exists) and all images of the other classes.
     *
     * @param data     the balanced dataset
     * @param fraction share of each chosen class to keep, {@code 0 < fraction <= 1}
     * @param seed     seed of the choice of images
     * @param classes  the classes to make rare (indices, no repeats)
     * @return the imbalanced variant, named e.g. {@code "... (5 % of classes 3, 8)"}
     * @throws IllegalArgumentException if the fraction or a class is invalid
     */
    public static ImageDataset keepFraction(ImageDataset data, double fraction, long seed, int... classes) {
        Objects.requireNonNull(data, "data");
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("the share of images to keep must be above 0 and at most 1 (0.05 keeps "
                    + "5 %), got " + fraction);
        }
        if (classes.length == 0) {
            throw new IllegalArgumentException("name at least one class to make rare, e.g. keepFraction(data, 0.05, "
                    + "42, 3, 8)");
        }
        int[] counts = data.classCounts();
        int[] keep = counts.clone();
        boolean[] seen = new boolean[data.numClasses()];
        for (int c : classes) {
            if (c < 0 || c >= data.numClasses()) {
                throw new IllegalArgumentException("class " + c + " is outside 0.." + (data.numClasses() - 1) + " of "
                        + data.name());
            }
            if (seen[c]) {
                throw new IllegalArgumentException("class " + c + " is named twice in " + Arrays.toString(classes));
            }
            seen[c] = true;
            keep[c] = counts[c] == 0 ? 0 : Math.max(1, (int) Math.round(fraction * counts[c]));
        }
        String suffix = String.format(Locale.ROOT, "%s %% of class%s %s", percent(fraction),
                classes.length == 1 ? "" : "es",
                Arrays.stream(classes).mapToObj(Integer::toString).collect(Collectors.joining(", ")));
        return keepCounts(data, keep, seed, suffix);
    }

    /**
     * Keeps a given number of images of every class.
     *
     * @param data   the dataset
     * @param counts images to keep per class, each between 0 and the class's count
     * @param seed   seed of the choice of images
     * @param suffix appended to the name
     * @return the variant, images in their original order
     * @throws IllegalArgumentException if a count is out of range or nothing would be left
     */
    public static ImageDataset keepCounts(ImageDataset data, int[] counts, long seed, String suffix) {
        Objects.requireNonNull(data, "data");
        int[] available = data.classCounts();
        if (counts.length != available.length) {
            throw new IllegalArgumentException("give one count per class: " + data.name() + " has "
                    + available.length + " classes, got " + counts.length + " counts");
        }
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] < 0 || counts[c] > available[c]) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "%s has %d images of class %d, so between 0 and %d can be kept, not %d", data.name(),
                        available[c], c, available[c], counts[c]));
            }
        }
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < counts.length; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < data.size(); i++) {
            byClass.get(data.label(i)).add(i);
        }
        boolean[] kept = new boolean[data.size()];
        int total = 0;
        for (int c = 0; c < counts.length; c++) {
            List<Integer> members = byClass.get(c);
            // one generator per class: the choice in one class does not depend on the counts of the others
            Random rng = new Random(seed * 31 + c);
            int[] idx = members.stream().mapToInt(Integer::intValue).toArray();
            for (int k = 0; k < counts[c]; k++) { // partial Fisher–Yates: the first counts[c] are a uniform sample
                int j = k + rng.nextInt(idx.length - k);
                int tmp = idx[k];
                idx[k] = idx[j];
                idx[j] = tmp;
                kept[idx[k]] = true;
            }
            total += counts[c];
        }
        if (total == 0) {
            throw new IllegalArgumentException("keeping these counts would leave " + data.name() + " empty");
        }
        int[] indices = new int[total];
        int n = 0;
        for (int i = 0; i < kept.length; i++) {
            if (kept[i]) {
                indices[n++] = i;
            }
        }
        return data.subset(indices, suffix);
    }

    private static String percent(double fraction) {
        double p = fraction * 100;
        return p == Math.rint(p) ? Long.toString((long) p) : String.format(Locale.ROOT, "%.3g", p);
    }
}
