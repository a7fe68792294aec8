package org.lenetlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Needs the Debian package dataset-fashion-mnist (installed on the development machines and in CI). */
class FashionMnistDebianTest {
    private static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    @TempDir
    Path tmp;

    @BeforeAll
    static void requirePackage() {
        assumeTrue(Files.isDirectory(DEBIAN_DIR), "Debian package dataset-fashion-mnist is not installed");
    }

    @Test
    void trainLoadsFromTheDebianPackageVerified() throws IOException {
        ImageDataset train = FashionMnist.load(Split.TRAIN, DataSource.debianPackage());
        assertEquals(60_000, train.size());
        assertEquals(28, train.height());
        assertEquals(28, train.width());
        assertEquals("Fashion-MNIST (train)", train.name());
        assertEquals("Debian package dataset-fashion-mnist at " + DEBIAN_DIR, train.source());
        assertEquals(FashionMnist.CLASS_NAMES, train.classNames());
        int[] sixThousandEach = new int[10];
        java.util.Arrays.fill(sixThousandEach, 6_000);
        assertArrayEquals(sixThousandEach, train.classCounts());
    }

    @Test
    void debianPackageIsUsedBeforeAnyDownload() throws IOException {
        Downloader offline = new Downloader(tmp.resolve("cache"),
                new DownloadSettings(Duration.ofMillis(500), Duration.ofMillis(500), 1, Duration.ZERO),
                DownloadListener.SILENT, List.of(URI.create("http://127.0.0.1:1/")));
        ImageDataset test = FashionMnist.load(Split.TEST, DataSource.directory(tmp.resolve("none")),
                DataSource.cache(tmp.resolve("cache")), DataSource.debianPackage(), DataSource.download(offline));
        assertEquals(10_000, test.size());
        assertTrue(test.source().startsWith("Debian package dataset-fashion-mnist"), test.source());
        assertTrue(Files.notExists(tmp.resolve("cache").resolve("fashion-mnist")), "nothing was downloaded");
    }

    @Test
    void anExplicitDirectoryComesBeforeTheDebianPackage() throws IOException {
        Path mine = Files.createDirectories(tmp.resolve("my-fashion"));
        Files.copy(DEBIAN_DIR.resolve(Split.TEST.imagesFile()), mine.resolve(Split.TEST.imagesFile()));
        // uncompressed files are found too
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(DEBIAN_DIR.resolve(
                Split.TEST.labelsFile())))) {
            Files.copy(in, mine.resolve("t10k-labels-idx1-ubyte"));
        }
        ImageDataset fromDirectory = FashionMnist.load(Split.TEST, mine);
        assertEquals("directory " + mine, fromDirectory.source());
        assertEquals(10_000, fromDirectory.size());
        ImageDataset fromDebian = FashionMnist.load(Split.TEST, DataSource.debianPackage());
        assertArrayEquals(fromDebian.labels(), fromDirectory.labels());
        assertArrayEquals(fromDebian.image(4321), fromDirectory.image(4321), 0f);
    }

    @Test
    void debianCopyHasThePublishedContent() throws IOException {
        DatasetManifest manifest = FashionMnist.manifest();
        IdxReader reader = IdxReader.withDownloadAdvice();
        for (Split split : Split.values()) {
            IdxContent labels = reader.readLabels(DEBIAN_DIR.resolve(split.labelsFile()));
            assertEquals(manifest.file(split.labelsFile()).contentSha256(), labels.contentSha256());
            assertEquals(manifest.file(split.labelsFile()).contentSize(), labels.contentBytes());
        }
        // Debian recompressed the files: same content, different .gz bytes than upstream
        long debianSize = Files.size(DEBIAN_DIR.resolve(Split.TRAIN.imagesFile()));
        assertTrue(debianSize != manifest.file(Split.TRAIN.imagesFile()).size());
    }

    @Test
    void aDamagedCopyIsRejectedByTheContentChecksum() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("damaged"));
        Files.copy(DEBIAN_DIR.resolve(Split.TEST.imagesFile()), dir.resolve(Split.TEST.imagesFile()));
        // valid IDX, but labels changed: structurally fine, not the published data
        byte[] labels = IdxTestFiles.labels(10_000, 10);
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), labels);
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> FashionMnist.load(Split.TEST, DataSource.directory(dir)));
        assertTrue(e.getMessage().contains("not the published Fashion-MNIST t10k-labels-idx1-ubyte.gz"),
                e.getMessage());
        assertTrue(e.getMessage().contains("0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"),
                e.getMessage());
    }
}
