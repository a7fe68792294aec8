package org.lenetlab.eval;

/**
 * What a report shows for a precision or recall that is undefined because nothing was counted: precision of a
 * class that was never predicted, recall of a class without examples (scikit-learn's {@code zero_division}).
 */
public enum ZeroDivision {
    /** Report 0.0, scikit-learn's default ({@code zero_division="warn"} or {@code 0}). */
    ZERO(0.0),
    /** Report 1.0 ({@code zero_division=1}). */
    ONE(1.0);

    private final double value;

    ZeroDivision(double value) {
        this.value = value;
    }

    /** @return the number reported for an undefined precision or recall */
    public double value() {
        return value;
    }
}
