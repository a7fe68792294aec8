package org.lenetlab.eval;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * Per-class recall and F1 of two evaluations of the same test set side by side — typically a network trained
 * without and with {@linkplain org.lenetlab.train.ClassWeights class weights} — with the means over chosen
 * (e.g. rare) classes.
 *
 * <pre>{@code
 * ClassComparison cmp = ClassComparison.of("unweighted", plain, "balanced weights", weighted);
 * System.out.println(cmp);                      // one row per class
 * double gain = cmp.meanRecallB(3, 8) - cmp.meanRecallA(3, 8);
 * }</pre>
 */
public final class ClassComparison {
    private final String nameA;
    private final ClassificationEvaluation a;
    private final String nameB;
    private final ClassificationEvaluation b;

    private ClassComparison(String nameA, ClassificationEvaluation a, String nameB, ClassificationEvaluation b) {
        this.nameA = nameA;
        this.a = a;
        this.nameB = nameB;
        this.b = b;
    }

    /**
     * @param nameA label of the first evaluation, e.g. {@code "unweighted"}
     * @param a     the first evaluation
     * @param nameB label of the second evaluation
     * @param b     the second evaluation
     * @return the comparison
     * @throws IllegalArgumentException if the two do not evaluate the same images with the same classes
     */
    public static ClassComparison of(String nameA, ClassificationEvaluation a, String nameB,
                                     ClassificationEvaluation b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (!a.classNames().equals(b.classNames())) {
            throw new IllegalArgumentException("the evaluations have different classes: " + a.classNames() + " and "
                    + b.classNames());
        }
        if (!Arrays.equals(a.actual(), b.actual())) {
            throw new IllegalArgumentException("the evaluations are of different test images (" + a.size() + " and "
                    + b.size() + " images, or other labels): compare runs on the same test set");
        }
        return new ClassComparison(Objects.requireNonNull(nameA, "nameA"), a, Objects.requireNonNull(nameB, "nameB"),
                b);
    }

    /** @return the first evaluation */
    public ClassificationEvaluation a() {
        return a;
    }

    /** @return the second evaluation */
    public ClassificationEvaluation b() {
        return b;
    }

    /**
     * @param classes class indices (none = all classes)
     * @return mean recall of the first evaluation over them
     */
    public double meanRecallA(int... classes) {
        return mean(a, classes, true);
    }

    /**
     * @param classes class indices (none = all classes)
     * @return mean recall of the second evaluation over them
     */
    public double meanRecallB(int... classes) {
        return mean(b, classes, true);
    }

    /**
     * @param classes class indices (none = all classes)
     * @return mean F1 of the first evaluation over them
     */
    public double meanF1A(int... classes) {
        return mean(a, classes, false);
    }

    /**
     * @param classes class indices (none = all classes)
     * @return mean F1 of the second evaluation over them
     */
    public double meanF1B(int... classes) {
        return mean(b, classes, false);
    }

    private static double mean(ClassificationEvaluation e, int[] classes, boolean recall) {
        int[] cs = classes.length == 0 ? java.util.stream.IntStream.range(0, e.numClasses()).toArray() : classes;
        double sum = 0;
        for (int c : cs) {
            if (c < 0 || c >= e.numClasses()) {
                throw new IllegalArgumentException("class " + c + " is outside 0.." + (e.numClasses() - 1));
            }
            sum += recall ? e.recall(c) : e.f1(c);
        }
        return sum / cs.length;
    }

    /** @return a table: class, support, recall and F1 of both evaluations and their differences */
    @Override
    public String toString() {
        int nameWidth = Math.max(5, a.classNames().stream().mapToInt(String::length).max().orElse(5));
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "A = %s, B = %s%n", nameA, nameB));
        sb.append(String.format(Locale.ROOT, "%-" + nameWidth + "s %8s %9s %9s %8s %8s %8s %8s%n", "class",
                "support", "recall A", "recall B", "Δ", "F1 A", "F1 B", "Δ"));
        for (int c = 0; c < a.numClasses(); c++) {
            sb.append(String.format(Locale.ROOT, "%-" + nameWidth + "s %8d %9.4f %9.4f %+8.4f %8.4f %8.4f %+8.4f%n",
                    a.classNames().get(c), a.support(c), a.recall(c), b.recall(c), b.recall(c) - a.recall(c),
                    a.f1(c), b.f1(c), b.f1(c) - a.f1(c)));
        }
        sb.append(String.format(Locale.ROOT, "%-" + nameWidth + "s %8d %9.4f %9.4f %+8.4f %8.4f %8.4f %+8.4f",
                "mean", a.size(), meanRecallA(), meanRecallB(), meanRecallB() - meanRecallA(), meanF1A(), meanF1B(),
                meanF1B() - meanF1A()));
        return sb.toString();
    }
}
