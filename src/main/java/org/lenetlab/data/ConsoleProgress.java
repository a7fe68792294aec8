package org.lenetlab.data;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A text progress bar for downloads: percent, megabytes (10<sup>6</sup> bytes) done and total, and speed, e.g.
 * <pre>train-images-idx3-ubyte.gz [#########-----------]  45%  11.9/26.4 MB  3.2 MB/s</pre>
 * On a terminal the line is redrawn in place; otherwise (logs, CI) a line is printed at every quarter.
 */
public final class ConsoleProgress implements DownloadListener {
    private static final int WIDTH = 20;

    private final PrintStream out;
    private final boolean interactive;
    private int lastQuarter = -1;

    /**
     * A progress bar that redraws in place when the JVM has a console.
     *
     * @param out where to print, usually {@code System.err}
     */
    public ConsoleProgress(PrintStream out) {
        this(out, System.console() != null);
    }

    /**
     * @param out         where to print
     * @param interactive redraw one line in place ({@code true}) or print a line per quarter
     */
    public ConsoleProgress(PrintStream out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    @Override
    public synchronized void started(String file, URI url, long totalBytes, long resumedFrom) {
        lastQuarter = -1;
        out.println(resumedFrom > 0
                ? String.format(Locale.ROOT, "Resuming %s from %s at %.1f MB", file, url, resumedFrom / 1e6)
                : "Downloading " + file + " from " + url);
    }

    @Override
    public synchronized void progress(String file, long bytesDone, long totalBytes, double bytesPerSecond) {
        String line = line(file, bytesDone, totalBytes, bytesPerSecond);
        if (interactive) {
            out.print("\r" + line);
            out.flush();
        } else {
            int quarter = totalBytes > 0 ? (int) (4 * bytesDone / totalBytes) : 0;
            if (quarter != lastQuarter) {
                lastQuarter = quarter;
                out.println(line);
            }
        }
    }

    @Override
    public synchronized void finished(String file, Path path) {
        if (interactive) {
            out.println();
        }
        out.println("Saved " + file + " to " + path + " (SHA-256 verified)");
    }

    @Override
    public synchronized void failed(String file, URI url, String error) {
        if (interactive) {
            out.println();
        }
        out.println("Failed: " + url + ": " + error);
    }

    /**
     * Formats one progress line.
     *
     * @param file           file name
     * @param bytesDone      bytes so far
     * @param totalBytes     full size (0 or less if unknown)
     * @param bytesPerSecond current speed
     * @return e.g. {@code "x.gz [##########----------]  50%  1.0/2.0 MB  0.5 MB/s"}
     */
    public static String line(String file, long bytesDone, long totalBytes, double bytesPerSecond) {
        double fraction = totalBytes > 0 ? Math.min(1.0, (double) bytesDone / totalBytes) : 0.0;
        int filled = (int) Math.floor(fraction * WIDTH);
        return String.format(Locale.ROOT, "%s [%s%s] %3d%%  %.1f/%.1f MB  %.1f MB/s", file, "#".repeat(filled),
                "-".repeat(WIDTH - filled), (int) Math.floor(fraction * 100), bytesDone / 1e6, totalBytes / 1e6,
                bytesPerSecond / 1e6);
    }
}
