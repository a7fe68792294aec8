package org.lenetlab.exercises.imbalance;

/** Class weights that make every class count the same in the loss. Reference solution of exercise 03. */
public final class ClassWeights {
    private ClassWeights() {
    }

    /** @return weight[c] = labels.length / (numClasses * count of c) */
    public static double[] balanced(int[] labels, int numClasses) {
        if (numClasses < 1) {
            throw new IllegalArgumentException("numClasses must be at least 1, got " + numClasses);
        }
        if (labels == null || labels.length == 0) {
            throw new IllegalArgumentException("no labels to count");
        }
        long[] counts = new long[numClasses];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException("label " + labels[i] + " at index " + i + " is not in 0.."
                        + (numClasses - 1));
            }
            counts[labels[i]]++;
        }
        double[] weights = new double[numClasses];
        for (int c = 0; c < numClasses; c++) {
            if (counts[c] == 0) {
                throw new IllegalArgumentException("class " + c + " does not occur, so it cannot be weighted");
            }
            weights[c] = (double) labels.length / ((double) numClasses * counts[c]);
        }
        return weights;
    }
}
