package org.lenetlab.data;

/**
 * A downloaded file does not have the SHA-256 the manifest promises. The bad file has already been deleted when
 * this is thrown.
 */
public class ChecksumMismatchException extends DatasetException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final String expectedSha256;
    private final String actualSha256;

    /**
     * @param file           the file name
     * @param source         where the bytes came from (a URL)
     * @param expectedSha256 the hash in the manifest
     * @param actualSha256   the hash of what arrived
     */
    public ChecksumMismatchException(String file, String source, String expectedSha256, String actualSha256) {
        super(file + " from " + source + " has SHA-256 " + actualSha256 + " but the manifest expects "
                + expectedSha256 + "; the bad file was deleted. The mirror may serve a damaged or different file;"
                + " try again later or another mirror.");
        this.file = file;
        this.expectedSha256 = expectedSha256;
        this.actualSha256 = actualSha256;
    }

    /** @return the file name */
    public String file() {
        return file;
    }

    /** @return the SHA-256 the manifest expects */
    public String expectedSha256() {
        return expectedSha256;
    }

    /** @return the SHA-256 of the bytes that arrived */
    public String actualSha256() {
        return actualSha256;
    }
}
