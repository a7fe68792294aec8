package org.lenetlab.augment;

import java.math.BigDecimal;

/** Short number formatting for descriptions: {@code 10}, {@code 0.25}, {@code 1e-4} stay as written. */
final class Numbers {
    private Numbers() {
    }

    static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    }
}
