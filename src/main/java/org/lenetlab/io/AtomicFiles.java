package org.lenetlab.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes files so that readers only ever see the old complete file or the new complete file, never a half-written
 * one: the content goes to a temporary file in the same directory, is flushed to disk, and is then renamed over
 * the target in one step. If writing fails, the temporary file is deleted and the target is untouched.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Something that writes content to a stream. */
    @FunctionalInterface
    public interface StreamWriter {
        /**
         * @param out where to write; do not close it
         * @throws IOException if writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /** Something that writes content to a file path it is given (for APIs that insist on a file). */
    @FunctionalInterface
    public interface FileWriter {
        /**
         * @param file the temporary file to fill
         * @throws IOException if writing fails
         */
        void writeTo(Path file) throws IOException;
    }

    /**
     * Atomically replaces {@code target} with what {@code writer} writes to a stream.
     *
     * @param target the file to create or replace
     * @param writer writes the content
     * @return {@code target}
     * @throws IOException if writing or the final rename fails (the target is then unchanged)
     */
    public static Path write(Path target, StreamWriter writer) throws IOException {
        return writeFile(target, tmp -> {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
                writer.writeTo(out);
            }
        });
    }

    /**
     * Atomically replaces {@code target} with the file that {@code writer} writes at the path it is given.
     *
     * @param target the file to create or replace
     * @param writer writes the content to a temporary path next to the target
     * @return {@code target}
     * @throws IOException if writing or the final rename fails (the target is then unchanged)
     */
    public static Path writeFile(Path target, FileWriter writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".part");
        try {
            writer.writeTo(tmp);
            keepOrDefaultPermissions(tmp, absolute);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            moveIntoPlace(tmp, absolute);
            return target;
        } catch (IOException | RuntimeException | Error e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /**
     * Temporary files are created owner-only ({@code rw-------}); the finished file should look like any other the
     * user writes: the permissions of the file it replaces, else {@code rw-r--r--}.
     */
    private static void keepOrDefaultPermissions(Path tmp, Path target) throws IOException {
        if (!tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.exists(target) ? Files.getPosixFilePermissions(target)
                : PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(tmp, permissions);
    }

    /**
     * Renames a complete temporary file over {@code target} in one step (falls back to a plain replace on file
     * systems without atomic rename).
     *
     * @param complete the finished file, in the same directory as {@code target}
     * @param target   the file to create or replace
     * @throws IOException if the rename fails
     */
    public static void moveIntoPlace(Path complete, Path target) throws IOException {
        try {
            Files.move(complete, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(complete, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Atomically writes a UTF-8 string.
     *
     * @param target the file to create or replace
     * @param text   the content
     * @return {@code target}
     * @throws IOException if writing fails
     */
    public static Path writeString(Path target, String text) throws IOException {
        return write(target, out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
