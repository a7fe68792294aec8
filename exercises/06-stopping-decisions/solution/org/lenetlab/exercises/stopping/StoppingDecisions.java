package org.lenetlab.exercises.stopping;

/** Early-stopping and reduce-on-plateau decisions from a loss history. Reference solution of exercise 06. */
public final class StoppingDecisions {
    private StoppingDecisions() {
    }

    /** @return the 1-based epoch at which early stopping stops training, or 0 if it never does */
    public static int earlyStoppingEpoch(double[] losses, int patience, double minDelta) {
        if (patience < 0 || minDelta < 0) {
            throw new IllegalArgumentException("patience and minDelta must be >= 0, got " + patience + " and " + minDelta);
        }
        double best = Double.POSITIVE_INFINITY;
        int wait = 0;
        for (int i = 0; i < losses.length; i++) {
            wait++;
            if (losses[i] + minDelta < best) {
                best = losses[i];
                wait = 0;
            } else if (wait >= patience && i > 0) {
                return i + 1;
            }
        }
        return 0;
    }

    /** @return the learning rate chosen after each epoch */
    public static double[] learningRates(double[] losses, double initialLr, double factor, int patience,
                                         double minDelta, int cooldown, double minLr) {
        if (!(factor > 0 && factor < 1)) {
            throw new IllegalArgumentException("factor must be between 0 and 1, got " + factor);
        }
        double best = Double.POSITIVE_INFINITY;
        double lr = initialLr;
        int wait = 0;
        int cooldownCounter = 0;
        double[] rates = new double[losses.length];
        for (int i = 0; i < losses.length; i++) {
            if (cooldownCounter > 0) {
                cooldownCounter--;
                wait = 0;
            }
            if (losses[i] < best - minDelta) {
                best = losses[i];
                wait = 0;
            } else if (cooldownCounter == 0) {
                wait++;
                if (wait >= patience && lr > minLr) {
                    lr = Math.max(lr * factor, minLr);
                    cooldownCounter = cooldown;
                    wait = 0;
                }
            }
            rates[i] = lr;
        }
        return rates;
    }
}
