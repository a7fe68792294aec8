package org.lenetlab.train;

import java.util.Locale;

/** Number formats shared by the history table and the progress output. */
final class Format {
    private Format() {
    }

    static String loss(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.4f", value);
    }

    static String percent(double fraction) {
        return Double.isNaN(fraction) ? "-" : String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
    }

    static String rate(double lr) {
        return String.format(Locale.ROOT, "%.2e", lr);
    }

    static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.1f", seconds);
    }

    /** @return {@code m:ss} or {@code h:mm:ss} */
    static String clock(double seconds) {
        if (Double.isNaN(seconds) || Double.isInfinite(seconds) || seconds < 0) {
            return "-:--";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    /** @return e.g. {@code 12.3s}, {@code 4m 05s}, {@code 1h 02m} */
    static String duration(double seconds) {
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1fs", seconds);
        }
        long s = Math.round(seconds);
        return s < 3600 ? String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60)
                : String.format(Locale.ROOT, "%dh %02dm", s / 3600, (s / 60) % 60);
    }

    static String count(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }
}
