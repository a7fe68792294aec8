package org.lenetlab.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST, raw or gzip-compressed, and checks them strictly.
 *
 * <p>An IDX file is a 4-byte magic number ({@code 0x00 0x00}, a type byte, a dimension count), one big-endian
 * 32-bit size per dimension, then the values. Only the unsigned-byte type ({@code 0x08}) is accepted: images are
 * {@code 0x00000803} (count × rows × columns), labels {@code 0x00000801} (count). Compression is recognised by the
 * gzip magic bytes {@code 1f 8b}, never by the file name.
 *
 * <p>Every problem (missing file, wrong magic number, truncated data, bytes after the declared data, corrupt gzip,
 * image and label counts that differ, a label outside the classes) is a {@link DatasetException} whose message
 * names the file, says what is wrong and ends with this reader's advice, e.g. how to download the file again.
 */
public final class IdxReader {
    /** Magic number of an image file: unsigned bytes, 3 dimensions. */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of a label file: unsigned bytes, 1 dimension. */
    public static final int LABELS_MAGIC = 0x00000801;

    private static final int UNSIGNED_BYTE = 0x08;
    private static final int BUFFER = 1 << 16;
    private static final float[] UNIT = new float[256];

    static {
        for (int v = 0; v < UNIT.length; v++) {
            UNIT[v] = v / 255f;
        }
    }

    private final String advice;

    /**
     * @param advice what the user should do when a file is bad, appended to every error message, e.g.
     *               {@code "Delete it and run `./lenet download --dataset mnist` again."}
     */
    public IdxReader(String advice) {
        this.advice = Objects.requireNonNull(advice, "advice");
    }

    /** @return a reader whose errors advise replacing the file with a fresh download */
    public static IdxReader withDownloadAdvice() {
        return new IdxReader("Delete the file and download it again (for MNIST or Fashion-MNIST:"
                + " `./lenet download --dataset mnist` or `--dataset fashion-mnist`).");
    }

    /** @return the advice appended to error messages */
    public String advice() {
        return advice;
    }

    /**
     * Reads an image file ({@code 0x00000803}: count × rows × columns unsigned bytes).
     *
     * @param file raw or gzip IDX file
     * @return the validated content
     * @throws DatasetMissingException if the file does not exist
     * @throws DatasetFormatException  if its content is not a valid IDX image file
     * @throws IOException             if reading fails
     */
    public IdxContent readImages(Path file) throws IOException {
        return read(file, IMAGES_MAGIC);
    }

    /**
     * Reads a label file ({@code 0x00000801}: count unsigned bytes).
     *
     * @param file raw or gzip IDX file
     * @return the validated content
     * @throws DatasetMissingException if the file does not exist
     * @throws DatasetFormatException  if its content is not a valid IDX label file
     * @throws IOException             if reading fails
     */
    public IdxContent readLabels(Path file) throws IOException {
        return read(file, LABELS_MAGIC);
    }

    /**
     * Reads an image file from a stream (e.g. a class-path resource). The stream is read to its end, not closed.
     *
     * @param in       raw or gzip IDX data
     * @param fileName name used in messages
     * @return the validated content
     * @throws DatasetFormatException if the content is not a valid IDX image file
     * @throws IOException            if reading fails
     */
    public IdxContent readImages(InputStream in, String fileName) throws IOException {
        return read(in, fileName, IMAGES_MAGIC);
    }

    /**
     * Reads a label file from a stream. The stream is read to its end, not closed.
     *
     * @param in       raw or gzip IDX data
     * @param fileName name used in messages
     * @return the validated content
     * @throws DatasetFormatException if the content is not a valid IDX label file
     * @throws IOException            if reading fails
     */
    public IdxContent readLabels(InputStream in, String fileName) throws IOException {
        return read(in, fileName, LABELS_MAGIC);
    }

    /**
     * Reads an image file and its label file into a dataset with pixels scaled to [0, 1] (value / 255).
     *
     * @param images     IDX image file
     * @param labels     IDX label file
     * @param name       name of the dataset
     * @param source     where the files came from, recorded in {@link ImageDataset#source()}
     * @param classNames class names by label value
     * @return the dataset, {@code N×1×rows×columns}
     * @throws DatasetException if a file is missing or invalid, or the two files do not belong together
     * @throws IOException      if reading fails
     */
    public ImageDataset read(Path images, Path labels, String name, String source, List<String> classNames)
            throws IOException {
        return toDataset(readImages(images), readLabels(labels), name, source, classNames);
    }

    /**
     * Combines a validated image file and label file into a dataset with pixels scaled to [0, 1].
     *
     * @param images     content of an image file
     * @param labels     content of the matching label file
     * @param name       name of the dataset
     * @param source     where the files came from
     * @param classNames class names by label value
     * @return the dataset, {@code N×1×rows×columns}
     * @throws DatasetFormatException if the counts differ or a label is not a valid class
     */
    public ImageDataset toDataset(IdxContent images, IdxContent labels, String name, String source,
                                  List<String> classNames) throws DatasetFormatException {
        if (images.count() != labels.count()) {
            throw new DatasetFormatException(String.format(Locale.ROOT,
                    "%s has %,d images but %s has %,d labels: the two files must belong to the same split"
                            + " (train-* with train-*, t10k-* with t10k-*). %s",
                    images.file(), images.count(), labels.file(), labels.count(), advice));
        }
        byte[] lb = labels.data();
        int[] labelValues = new int[lb.length];
        for (int i = 0; i < lb.length; i++) {
            int v = lb[i] & 0xFF;
            if (v >= classNames.size()) {
                throw new DatasetFormatException(String.format(Locale.ROOT,
                        "%s: label %d of item %,d is not a class of %s (valid labels are 0..%d). %s", labels.file(),
                        v, i, name, classNames.size() - 1, advice));
            }
            labelValues[i] = v;
        }
        return new ImageDataset(name, source, toUnitFloats(images.data()), labelValues, 1, images.dimensions()[1],
                images.dimensions()[2], classNames);
    }

    /**
     * Converts unsigned pixel bytes to floats in [0, 1] (value / 255).
     *
     * @param bytes pixel values 0..255
     * @return a new array of the same length
     */
    public static float[] toUnitFloats(byte[] bytes) {
        float[] out = new float[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = UNIT[bytes[i] & 0xFF];
        }
        return out;
    }

    private IdxContent read(Path file, int expectedMagic) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new DatasetMissingException(file + (Files.exists(file) ? " is not a regular file. " : " does not exist. ")
                    + advice);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString(), expectedMagic);
        } catch (NoSuchFileException e) {
            throw new DatasetMissingException(file + " does not exist. " + advice, e);
        }
    }

    private IdxContent read(InputStream raw, String file, int expectedMagic) throws IOException {
        PushbackInputStream peek = new PushbackInputStream(new BufferedInputStream(raw, BUFFER), 2);
        byte[] head = peek.readNBytes(2);
        peek.unread(head);
        boolean gzip = head.length == 2 && (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B;
        MessageDigest sha = Checksums.sha256();
        try {
            InputStream content = gzip ? new GZIPInputStream(peek, BUFFER) : peek;
            return parse(new DigestInputStream(content, sha), file, expectedMagic, sha);
        } catch (ZipException | EOFException e) {
            if (!gzip) {
                throw e;
            }
            throw new DatasetFormatException(file + ": the gzip data is corrupt or truncated (" + e.getMessage()
                    + "). " + advice, e);
        }
    }

    private IdxContent parse(InputStream in, String file, int expectedMagic, MessageDigest sha) throws IOException {
        int expectedDims = expectedMagic & 0xFF;
        String kind = expectedMagic == IMAGES_MAGIC ? "an image file" : "a label file";
        byte[] magicBytes = in.readNBytes(4);
        if (magicBytes.length < 4) {
            throw new DatasetFormatException(String.format(Locale.ROOT,
                    "%s holds only %d bytes, too few for an IDX header. %s", file, magicBytes.length, advice));
        }
        int magic = bigEndian(magicBytes, 0);
        if (magic != expectedMagic) {
            throw new DatasetFormatException(String.format(Locale.ROOT, "%s: magic 0x%08X, expected 0x%08X for %s%s. %s",
                    file, magic, expectedMagic, kind, magicHint(magicBytes, magic, expectedMagic), advice));
        }
        byte[] dimBytes = in.readNBytes(4 * expectedDims);
        if (dimBytes.length < 4 * expectedDims) {
            throw new DatasetFormatException(String.format(Locale.ROOT,
                    "%s ends inside its header (%d of %d dimension bytes): the file is truncated. %s", file,
                    dimBytes.length, 4 * expectedDims, advice));
        }
        int[] dims = new int[expectedDims];
        long length = 1;
        for (int d = 0; d < expectedDims; d++) {
            dims[d] = bigEndian(dimBytes, 4 * d);
            boolean valid = d == 0 ? dims[d] >= 0 : dims[d] > 0;
            if (!valid) {
                throw new DatasetFormatException(String.format(Locale.ROOT,
                        "%s: header declares size %d for dimension %d, which is impossible. %s", file,
                        Integer.toUnsignedLong(dims[d]), d, advice));
            }
            length *= dims[d];
            if (length > Integer.MAX_VALUE - 16) {
                throw new DatasetFormatException(String.format(Locale.ROOT,
                        "%s: header declares %s, more than 2 GB of data, too large to be an MNIST-style file. %s",
                        file, describe(dims, expectedDims), advice));
            }
        }
        byte[] data = new byte[(int) length];
        int filled = readFully(in, data);
        if (filled < length) {
            throw new DatasetFormatException(String.format(Locale.ROOT,
                    "%s is truncated: its header declares %s (%,d bytes of data) but only %,d bytes follow"
                            + " (an interrupted download or copy?). %s",
                    file, describe(dims, expectedDims), length, filled, advice));
        }
        long trailing = in.transferTo(java.io.OutputStream.nullOutputStream());
        if (trailing > 0) {
            throw new DatasetFormatException(String.format(Locale.ROOT,
                    "%s has %,d unexpected bytes after the %,d bytes of data its header declares (%s). %s", file,
                    trailing, length, describe(dims, expectedDims), advice));
        }
        long contentBytes = 4L + dimBytes.length + length;
        return new IdxContent(file, dims, data, contentBytes, Checksums.hex(sha.digest()));
    }

    private static String magicHint(byte[] b, int magic, int expected) {
        if (magic == (expected == IMAGES_MAGIC ? LABELS_MAGIC : IMAGES_MAGIC)) {
            return expected == IMAGES_MAGIC
                    ? " (this is a label file: are the image and label files swapped?)"
                    : " (this is an image file: are the image and label files swapped?)";
        }
        if (b[0] == '<' || b[0] == '{' || (b[0] == ' ' && b[1] == '<')) {
            return " (the file starts like an HTML or JSON document, not IDX data: probably an error page saved by"
                    + " a failed download)";
        }
        if (b[0] != 0 || b[1] != 0) {
            return " (an IDX file starts with two zero bytes; this one does not, so it is not an IDX file)";
        }
        if ((b[2] & 0xFF) != UNSIGNED_BYTE) {
            return String.format(Locale.ROOT, " (type byte 0x%02X; only 0x08, unsigned bytes, is supported)", b[2]);
        }
        return String.format(Locale.ROOT, " (%d dimensions instead of %d)", b[3] & 0xFF, expected & 0xFF);
    }

    private static String describe(int[] dims, int count) {
        return count == 3
                ? String.format(Locale.ROOT, "%,d images of %d×%d pixels", dims[0], dims[1], dims[2])
                : String.format(Locale.ROOT, "%,d labels", dims[0]);
    }

    private static int readFully(InputStream in, byte[] data) throws IOException {
        int off = 0;
        while (off < data.length) {
            int n = in.read(data, off, data.length - off);
            if (n < 0) {
                break;
            }
            off += n;
        }
        return off;
    }

    private static int bigEndian(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }
}
