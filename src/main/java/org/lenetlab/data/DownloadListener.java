package org.lenetlab.data;

import java.net.URI;
import java.nio.file.Path;

/**
 * Follows a download: the console shows a progress bar ({@link ConsoleProgress}), a notebook kernel can render
 * its own. Calls come from the downloading thread; progress arrives at most about ten times a second.
 */
public interface DownloadListener {

    /** A listener that ignores everything. */
    DownloadListener SILENT = new DownloadListener() {
        @Override
        public void started(String file, URI url, long totalBytes, long resumedFrom) {
        }

        @Override
        public void progress(String file, long bytesDone, long totalBytes, double bytesPerSecond) {
        }

        @Override
        public void finished(String file, Path path) {
        }
    };

    /**
     * A transfer begins.
     *
     * @param file        file name
     * @param url         where it comes from
     * @param totalBytes  full size of the file
     * @param resumedFrom bytes already on disk from an earlier, interrupted transfer (0 for a fresh start)
     */
    void started(String file, URI url, long totalBytes, long resumedFrom);

    /**
     * More bytes arrived.
     *
     * @param file           file name
     * @param bytesDone      bytes on disk so far (including resumed ones)
     * @param totalBytes     full size of the file
     * @param bytesPerSecond speed of this transfer so far
     */
    void progress(String file, long bytesDone, long totalBytes, double bytesPerSecond);

    /**
     * The file is complete, verified and in place.
     *
     * @param file file name
     * @param path where it is
     */
    void finished(String file, Path path);

    /**
     * A try failed; the downloader will retry, fall back to the next mirror, or give up.
     *
     * @param file  file name
     * @param url   the address that failed
     * @param error what went wrong
     */
    default void failed(String file, URI url, String error) {
    }
}
