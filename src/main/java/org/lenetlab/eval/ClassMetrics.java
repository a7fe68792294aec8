package org.lenetlab.eval;

/**
 * One row of a classification report: precision, recall, F1 score and support of a class, or of an average over
 * classes.
 *
 * @param name      the class name, or {@code "macro avg"}, {@code "weighted avg"}, {@code "micro avg"}
 * @param precision of the examples predicted as this class, the fraction that truly are
 * @param recall    of the examples truly of this class, the fraction predicted as it
 * @param f1        harmonic mean of precision and recall
 * @param support   number of examples truly of this class (for averages: all examples)
 */
public record ClassMetrics(String name, double precision, double recall, double f1, int support) {
}
