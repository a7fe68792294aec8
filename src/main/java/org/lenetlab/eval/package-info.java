/**
 * Evaluation: accuracy, per-class precision/recall/F1/support with macro and weighted averages (laid out like
 * scikit-learn's {@code classification_report}), confusion matrix, top-k accuracy and misclassified examples.
 * Evaluation objects render themselves as text and HTML.
 */
package org.lenetlab.eval;
