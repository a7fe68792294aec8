package org.lenetlab.eval;

import java.util.Locale;

/**
 * A cell off the diagonal of a confusion matrix: how often examples of one class were predicted as another.
 *
 * @param actual        the true class index
 * @param actualName    its name
 * @param predicted     the class index predicted instead
 * @param predictedName its name
 * @param count         number of examples of {@code actual} predicted as {@code predicted}
 * @param rate          {@code count} as a fraction of all examples of {@code actual}
 */
public record ConfusedPair(int actual, String actualName, int predicted, String predictedName, int count,
                           double rate) {

    /** @return e.g. {@code 4 -> 9: 7 (3.5% of 4)} */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s -> %s: %d (%s of %s)", actualName, predictedName, count,
                Formats.percent(rate), actualName);
    }
}
