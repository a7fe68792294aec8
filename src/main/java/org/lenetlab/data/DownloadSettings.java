package org.lenetlab.data;

import java.time.Duration;
import java.util.Objects;

/**
 * How patient a {@link Downloader} is.
 *
 * @param connectTimeout    longest wait for a connection to a mirror
 * @param readTimeout       longest silence while reading before the connection counts as dead
 * @param attemptsPerMirror tries per mirror before falling back to the next one (a partial file is resumed)
 * @param retryDelay        pause before retrying the same mirror
 */
public record DownloadSettings(Duration connectTimeout, Duration readTimeout, int attemptsPerMirror,
                               Duration retryDelay) {

    /** Checks the values. */
    public DownloadSettings {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(retryDelay, "retryDelay");
        if (attemptsPerMirror < 1) {
            throw new IllegalArgumentException("attemptsPerMirror must be at least 1, got " + attemptsPerMirror);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || readTimeout.isNegative()
                || readTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive, got connect " + connectTimeout
                    + ", read " + readTimeout + " (zero would mean waiting forever)");
        }
        if (retryDelay.isNegative()) {
            throw new IllegalArgumentException("retryDelay must not be negative, got " + retryDelay);
        }
    }

    /** @return 15 s to connect, 30 s of silence while reading, 3 tries per mirror, 2 s between tries */
    public static DownloadSettings defaults() {
        return new DownloadSettings(Duration.ofSeconds(15), Duration.ofSeconds(30), 3, Duration.ofSeconds(2));
    }
}
