package org.lenetlab.plot;

import java.awt.image.BufferedImage;
import java.util.HashSet;
import java.util.Set;

/** Pixel statistics for checking that a rendered figure holds a picture, not a blank page. */
final class Pixels {
    private Pixels() {
    }

    /** @return fraction of pixels that are not pure white */
    static double inkedFraction(BufferedImage image) {
        long inked = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
                    inked++;
                }
            }
        }
        return (double) inked / ((long) image.getWidth() * image.getHeight());
    }

    /** @return number of distinct colours */
    static int colours(BufferedImage image) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                seen.add(image.getRGB(x, y) & 0xFFFFFF);
            }
        }
        return seen.size();
    }

    /** @return whether some pixel is strongly red (red caption of a wrong prediction) */
    static boolean hasRed(BufferedImage image) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xFF;
                int g = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                if (r > 150 && g < 90 && b < 90) {
                    return true;
                }
            }
        }
        return false;
    }
}
