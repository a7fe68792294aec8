package org.lenetlab.plot;

import java.awt.Color;

/** Colour maps for values: a perceptually ordered sequential scale and a diverging scale around zero. */
final class ColorScale {
    /** Anchors of matplotlib's viridis (dark purple → blue → green → yellow), evenly spaced. */
    private static final int[][] VIRIDIS = {
        {68, 1, 84}, {72, 40, 120}, {62, 74, 137}, {49, 104, 142}, {38, 130, 142}, {31, 158, 137},
        {53, 183, 121}, {109, 205, 89}, {180, 222, 44}, {253, 231, 37},
    };
    private static final Color NEGATIVE = new Color(33, 102, 172);
    private static final Color POSITIVE = new Color(178, 24, 43);

    private ColorScale() {
    }

    /**
     * @param t position in [0, 1] (clamped)
     * @return the viridis colour at {@code t}
     */
    static Color viridis(double t) {
        double x = Math.max(0, Math.min(1, Double.isNaN(t) ? 0 : t)) * (VIRIDIS.length - 1);
        int i = Math.min(VIRIDIS.length - 2, (int) Math.floor(x));
        double f = x - i;
        int[] a = VIRIDIS[i];
        int[] b = VIRIDIS[i + 1];
        return new Color(lerp(a[0], b[0], f), lerp(a[1], b[1], f), lerp(a[2], b[2], f));
    }

    /**
     * @param t position in [-1, 1] (clamped): -1 blue, 0 white, 1 red
     * @return the diverging colour at {@code t}
     */
    static Color diverging(double t) {
        double x = Math.max(-1, Math.min(1, Double.isNaN(t) ? 0 : t));
        Color end = x < 0 ? NEGATIVE : POSITIVE;
        double f = Math.abs(x);
        return new Color(lerp(255, end.getRed(), f), lerp(255, end.getGreen(), f), lerp(255, end.getBlue(), f));
    }

    private static int lerp(int a, int b, double f) {
        return (int) Math.round(a + (b - a) * f);
    }
}
