package org.lenetlab.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 helpers for verifying dataset files. */
public final class Checksums {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Checksums() {
    }

    /** @return a new SHA-256 digest (every Java platform has one) */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no SHA-256, which every Java SE must provide", e);
        }
    }

    /**
     * @param file a file
     * @return its SHA-256, lower-case hex
     * @throws IOException if reading fails
     */
    public static String sha256(Path file) throws IOException {
        MessageDigest sha = sha256();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
        }
        return hex(sha.digest());
    }

    /**
     * @param bytes some bytes
     * @return their SHA-256, lower-case hex
     */
    public static String sha256(byte[] bytes) {
        return hex(sha256().digest(bytes));
    }

    /**
     * @param bytes a digest
     * @return lower-case hex
     */
    public static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[bytes[i] & 0xF];
        }
        return new String(out);
    }
}
