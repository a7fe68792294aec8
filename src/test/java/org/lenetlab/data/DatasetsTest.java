package org.lenetlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {
    @TempDir
    Path tmp;

    @Test
    void unknownNameListsTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Datasets.load("cifar10", Split.TRAIN));
        assertTrue(e.getMessage().contains("unknown dataset 'cifar10'"), e.getMessage());
        assertTrue(e.getMessage().contains("mnist-sample, mnist, fashion-mnist"), e.getMessage());
    }

    @Test
    void namesAreMatchedLeniently() {
        assertEquals("fashion-mnist", Datasets.canonical(" Fashion_MNIST "));
        assertEquals("mnist", Datasets.canonical("MNIST"));
        assertEquals(List.of("mnist-sample", "mnist", "fashion-mnist"), Datasets.names());
        assertTrue(Datasets.describe("mnist-sample").contains("offline"));
    }

    @Test
    void sampleNeedsNoDownload() throws IOException {
        Downloader d = new Downloader(tmp, DownloadSettings.defaults(), DownloadListener.SILENT);
        assertEquals(List.of(), Datasets.download("mnist-sample", d));
        assertTrue(Datasets.manifest("mnist-sample").isEmpty());
        assertEquals("mnist", Datasets.manifest("mnist").orElseThrow().dataset());
    }

    @Test
    void fullMnistUnavailableListsEverySourceTriedAndWhatToDo() throws IOException {
        Downloader offline = new Downloader(tmp.resolve("cache"),
                new DownloadSettings(Duration.ofMillis(500), Duration.ofMillis(500), 1, Duration.ZERO),
                DownloadListener.SILENT, List.of(URI.create("http://127.0.0.1:1/mnist/")));
        Path explicit = Files.createDirectories(tmp.resolve("my-mnist"));
        DatasetMissingException e = assertThrows(DatasetMissingException.class, () -> Mnist.load(Split.TEST,
                DataSource.directory(explicit), DataSource.cache(tmp.resolve("cache")), DataSource.debianPackage(),
                DataSource.download(offline)));
        String m = e.getMessage();
        assertTrue(m.startsWith("MNIST (test) is not available from any source:"), m);
        assertTrue(m.contains("directory " + explicit + ": no t10k-images-idx3-ubyte.gz or t10k-labels-idx1-ubyte.gz"),
                m);
        assertTrue(m.contains("cache " + tmp.resolve("cache").resolve("mnist")), m);
        assertTrue(m.contains("MNIST has no Debian package"), m);
        assertTrue(m.contains("http://127.0.0.1:1/mnist/t10k-images-idx3-ubyte.gz"), m);
        assertTrue(m.contains("./lenet download --dataset mnist"), m);
        assertTrue(m.contains("mnist-sample"), m);
        assertTrue(e.getCause() instanceof DownloadFailedException, String.valueOf(e.getCause()));
    }
}
