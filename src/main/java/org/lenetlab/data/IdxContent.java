package org.lenetlab.data;

/**
 * The validated content of one IDX file (unsigned bytes): its dimensions and its data.
 *
 * @param file          file name, for messages
 * @param dimensions    the sizes the header declares, e.g. {@code [60000, 28, 28]} for images, {@code [60000]}
 *                      for labels
 * @param data          the bytes after the header, exactly as many as the dimensions declare
 * @param contentBytes  length of the whole (decompressed) file: header plus data
 * @param contentSha256 SHA-256 of the whole (decompressed) file, lower-case hex
 */
public record IdxContent(String file, int[] dimensions, byte[] data, long contentBytes, String contentSha256) {

    /** @return number of items: the first dimension */
    public int count() {
        return dimensions[0];
    }
}
