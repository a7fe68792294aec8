package org.lenetlab.data;

import java.net.URI;
import java.util.List;

/**
 * No mirror could deliver a file. The message lists every mirror that was tried and why it failed.
 */
public class DownloadFailedException extends DatasetException {
    private static final long serialVersionUID = 1L;

    /**
     * One failed try of one mirror.
     *
     * @param url   the address that was tried
     * @param error what went wrong
     */
    public record Attempt(URI url, String error) {
        @Override
        public String toString() {
            return url + ": " + error;
        }
    }

    private final transient List<Attempt> attempts;

    /**
     * @param file     the file that could not be downloaded
     * @param attempts every failed try, in order (last failure per mirror)
     * @param advice   what the user can do
     * @param cause    the last underlying error
     */
    public DownloadFailedException(String file, List<Attempt> attempts, String advice, Throwable cause) {
        super(message(file, attempts, advice), cause);
        this.attempts = List.copyOf(attempts);
    }

    private static String message(String file, List<Attempt> attempts, String advice) {
        StringBuilder sb = new StringBuilder("could not download ").append(file).append(" from any of its ")
                .append(attempts.size()).append(attempts.size() == 1 ? " mirror:" : " mirrors:");
        for (Attempt a : attempts) {
            sb.append("\n  - ").append(a);
        }
        return sb.append("\n").append(advice).toString();
    }

    /** @return every mirror tried and its error, in order */
    public List<Attempt> attempts() {
        return attempts;
    }
}
