package org.lenetlab.exercises.stopping;

import org.lenetlab.grading.NotImplementedYet;

/** Early-stopping and reduce-on-plateau decisions from a loss history. Exercise 06. */
public final class StoppingDecisions {
    private StoppingDecisions() {
    }

    /** @return the 1-based epoch at which early stopping stops training, or 0 if it never does */
    public static int earlyStoppingEpoch(double[] losses, int patience, double minDelta) {
        throw new NotImplementedYet("StoppingDecisions.earlyStoppingEpoch: track best and wait, see TASK.md");
    }

    /** @return the learning rate chosen after each epoch */
    public static double[] learningRates(double[] losses, double initialLr, double factor, int patience,
                                         double minDelta, int cooldown, double minLr) {
        throw new NotImplementedYet("StoppingDecisions.learningRates: track best, wait and cooldown, see TASK.md");
    }
}
