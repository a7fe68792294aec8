package org.lenetlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    private static final String ADVICE = "Delete it and download again.";
    private final IdxReader reader = new IdxReader(ADVICE);

    @TempDir
    Path dir;

    @Test
    void readsRawAndGzipAlikeDetectingGzipByContentNotName() throws IOException {
        byte[] raw = IdxTestFiles.images(3, 4, 5);
        // names deliberately lie: the gzip file has no .gz, the raw one has
        Path gz = IdxTestFiles.write(dir, "images-plain", IdxTestFiles.gzip(raw));
        Path plain = IdxTestFiles.write(dir, "images.gz", raw);
        IdxContent a = reader.readImages(gz);
        IdxContent b = reader.readImages(plain);
        assertArrayEquals(new int[] {3, 4, 5}, a.dimensions());
        assertArrayEquals(a.data(), b.data());
        assertEquals(60, a.data().length);
        assertEquals(raw.length, a.contentBytes());
        assertEquals(Checksums.sha256(raw), a.contentSha256());
        assertEquals(a.contentSha256(), b.contentSha256());
    }

    @Test
    void buildsDatasetWithPixelsScaledToUnitRange() throws IOException {
        Path images = IdxTestFiles.write(dir, "i.gz", IdxTestFiles.gzip(IdxTestFiles.images(300, 2, 2)));
        Path labels = IdxTestFiles.write(dir, "l.gz", IdxTestFiles.gzip(IdxTestFiles.labels(300, 10)));
        ImageDataset ds = reader.read(images, labels, "toy", "test files", ImageDataset.numberedClasses(10));
        assertEquals(300, ds.size());
        assertEquals(1, ds.channels());
        assertEquals(2, ds.height());
        assertEquals(2, ds.width());
        assertEquals(7, ds.label(257));
        // image 255: bytes 255, 0, 1, 2
        assertArrayEquals(new float[] {1f, 0f, 1 / 255f, 2 / 255f}, ds.image(255), 0f);
        assertEquals("test files", ds.source());
    }

    @Test
    void wrongMagicNamesFileBothNumbersAndAdvice() throws IOException {
        byte[] bytes = IdxTestFiles.images(1, 2, 2);
        bytes[3] = 0x02; // 0x00000802
        Path file = IdxTestFiles.write(dir, "bad-magic", bytes);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> reader.readImages(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("magic 0x00000802, expected 0x00000803 for an image file"), e.getMessage());
        assertTrue(e.getMessage().endsWith(ADVICE), e.getMessage());
    }

    @Test
    void swappedImageAndLabelFilesAreRecognised() throws IOException {
        Path labels = IdxTestFiles.write(dir, "labels", IdxTestFiles.labels(4, 10));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> reader.readImages(labels));
        assertTrue(e.getMessage().contains("magic 0x00000801, expected 0x00000803"), e.getMessage());
        assertTrue(e.getMessage().contains("swapped"), e.getMessage());
        Path images = IdxTestFiles.write(dir, "images", IdxTestFiles.images(4, 2, 2));
        DatasetFormatException f = assertThrows(DatasetFormatException.class, () -> reader.readLabels(images));
        assertTrue(f.getMessage().contains("magic 0x00000803, expected 0x00000801 for a label file"), f.getMessage());
    }

    @Test
    void unsupportedTypeByteAndHtmlPagesAreExplained() throws IOException {
        byte[] floats = IdxTestFiles.images(1, 2, 2);
        floats[2] = 0x0D; // float type
        Path f = IdxTestFiles.write(dir, "floats", floats);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> reader.readImages(f));
        assertTrue(e.getMessage().contains("type byte 0x0D"), e.getMessage());

        Path html = IdxTestFiles.write(dir, "train-images-idx3-ubyte.gz",
                "<html><body>Access denied</body></html>".getBytes(StandardCharsets.US_ASCII));
        DatasetFormatException h = assertThrows(DatasetFormatException.class, () -> reader.readImages(html));
        assertTrue(h.getMessage().contains("HTML"), h.getMessage());
    }

    @Test
    void truncatedRawFileSaysHowMuchIsMissing() throws IOException {
        byte[] full = IdxTestFiles.images(10, 28, 28);
        Path file = IdxTestFiles.write(dir, "cut", Arrays.copyOf(full, 16 + 5000));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> reader.readImages(file));
        assertTrue(e.getMessage().contains("is truncated"), e.getMessage());
        assertTrue(e.getMessage().contains("10 images of 28×28 pixels (7,840 bytes of data) but only 5,000 bytes"),
                e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());

        Path header = IdxTestFiles.write(dir, "header-only", Arrays.copyOf(full, 10));
        DatasetFormatException h = assertThrows(DatasetFormatException.class, () -> reader.readImages(header));
        assertTrue(h.getMessage().contains("ends inside its header"), h.getMessage());

        Path empty = IdxTestFiles.write(dir, "empty", new byte[0]);
        DatasetFormatException z = assertThrows(DatasetFormatException.class, () -> reader.readLabels(empty));
        assertTrue(z.getMessage().contains("only 0 bytes"), z.getMessage());
    }

    @Test
    void trailingGarbageIsRejected() throws IOException {
        byte[] full = IdxTestFiles.labels(10, 10);
        byte[] longer = Arrays.copyOf(full, full.length + 7);
        Path file = IdxTestFiles.write(dir, "trailing.gz", IdxTestFiles.gzip(longer));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> reader.readLabels(file));
        assertTrue(e.getMessage().contains("7 unexpected bytes after the 10 bytes of data"), e.getMessage());
    }

    @Test
    void truncatedGzipIsReportedAsCorruptGzip() throws IOException {
        byte[] gz = IdxTestFiles.gzip(IdxTestFiles.images(50, 28, 28));
        Path file = IdxTestFiles.write(dir, "half.gz", Arrays.copyOf(gz, gz.length / 2));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> reader.readImages(file));
        assertTrue(e.getMessage().contains("gzip data is corrupt or truncated"), e.getMessage());
        assertTrue(e.getMessage().contains("half.gz"), e.getMessage());
        assertTrue(e.getMessage().endsWith(ADVICE), e.getMessage());
    }

    @Test
    void corruptGzipIsDetected() throws IOException {
        byte[] gz = IdxTestFiles.gzip(IdxTestFiles.images(50, 28, 28));
        // damaging the CRC in the trailer must be caught even though the deflate data is intact
        gz[gz.length - 6] ^= 0x5A;
        Path crc = IdxTestFiles.write(dir, "crc.gz", gz);
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> reader.readImages(crc));
        assertTrue(e.getMessage().contains("gzip data is corrupt"), e.getMessage());

        byte[] gz2 = IdxTestFiles.gzip(IdxTestFiles.images(50, 28, 28));
        for (int i = 20; i < 60; i++) {
            gz2[i] = (byte) 0xFF;
        }
        Path mangled = IdxTestFiles.write(dir, "mangled.gz", gz2);
        assertThrows(DatasetFormatException.class, () -> reader.readImages(mangled));
    }

    @Test
    void imageAndLabelCountMismatchNamesBothFiles() throws IOException {
        Path images = IdxTestFiles.write(dir, "train-images", IdxTestFiles.images(6, 2, 2));
        Path labels = IdxTestFiles.write(dir, "t10k-labels", IdxTestFiles.labels(5, 10));
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> reader.read(images, labels, "toy", "test", ImageDataset.numberedClasses(10)));
        assertTrue(e.getMessage().contains(images + " has 6 images but " + labels + " has 5 labels"),
                e.getMessage());
    }

    @Test
    void labelOutsideTheClassesIsRejected() throws IOException {
        Path images = IdxTestFiles.write(dir, "i", IdxTestFiles.images(12, 2, 2));
        Path labels = IdxTestFiles.write(dir, "l", IdxTestFiles.labels(12, 12));
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> reader.read(images, labels, "toy", "test", ImageDataset.numberedClasses(10)));
        assertTrue(e.getMessage().contains("label 10 of item 10"), e.getMessage());
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("nowhere-images-idx3-ubyte.gz");
        DatasetMissingException e = assertThrows(DatasetMissingException.class, () -> reader.readImages(missing));
        assertTrue(e.getMessage().contains(missing + " does not exist"), e.getMessage());
        assertTrue(e.getMessage().endsWith(ADVICE), e.getMessage());
        assertThrows(DatasetMissingException.class, () -> reader.readLabels(dir));
    }

    @Test
    void impossibleSizesInTheHeaderAreRejected() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(16).putInt(0x803).putInt(100_000).putInt(100_000).putInt(100_000);
        Path huge = IdxTestFiles.write(dir, "huge", b.array());
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> reader.readImages(huge));
        assertTrue(e.getMessage().contains("too large"), e.getMessage());
        ByteBuffer z = ByteBuffer.allocate(16).putInt(0x803).putInt(1).putInt(0).putInt(28);
        Path zero = IdxTestFiles.write(dir, "zero", z.array());
        DatasetFormatException f = assertThrows(DatasetFormatException.class, () -> reader.readImages(zero));
        assertTrue(f.getMessage().contains("size 0 for dimension 1"), f.getMessage());
    }

    @Test
    void readsFromStreams() throws IOException {
        byte[] raw = IdxTestFiles.labels(20, 10);
        IdxContent c = reader.readLabels(new ByteArrayInputStream(IdxTestFiles.gzip(raw)), "labels.gz");
        assertEquals(20, c.count());
        assertEquals(9, c.data()[19]);
        assertEquals("labels.gz", c.file());
    }
}
