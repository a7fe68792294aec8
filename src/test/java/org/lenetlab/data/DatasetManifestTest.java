package org.lenetlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class DatasetManifestTest {

    @Test
    void documentedManifestsAreTheOnesOnTheClassPath() throws IOException {
        for (String name : new String[] {"mnist", "fashion-mnist"}) {
            Path documented = Path.of("data", "manifests", name + ".json");
            try (InputStream bundled = DatasetManifest.class.getResourceAsStream(
                    DatasetManifest.RESOURCE_DIR + name + ".json")) {
                assertArrayEquals(Files.readAllBytes(documented), bundled.readAllBytes(),
                        documented + " must be packaged on the class path unchanged (pom.xml resources)");
            }
        }
    }

    @Test
    void mnistManifestListsTheFourUpstreamFiles() throws IOException {
        DatasetManifest m = Mnist.manifest();
        assertEquals("mnist", m.dataset());
        assertEquals(4, m.files().size());
        assertEquals(9_912_422, m.file("train-images-idx3-ubyte.gz").size());
        assertEquals("440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
                m.file("train-images-idx3-ubyte.gz").sha256());
        assertEquals(URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"), m.mirrors().get(0));
        assertEquals(3, m.mirrors().size());
        assertTrue(m.debianPackage().isEmpty());
        // IDX content sizes follow from the headers: 16 + 60,000 × 784 and 8 + 10,000
        assertEquals(16 + 60_000L * 784, m.file("train-images-idx3-ubyte.gz").contentSize());
        assertEquals(8 + 10_000L, m.file("t10k-labels-idx1-ubyte.gz").contentSize());
    }

    @Test
    void fashionManifestNamesTheDebianPackage() throws IOException {
        DatasetManifest m = FashionMnist.manifest();
        assertEquals("dataset-fashion-mnist", m.debianPackage().orElseThrow().name());
        assertEquals(Path.of("/usr/share/datasets/fashion-mnist"), m.debianPackage().orElseThrow().directory());
        assertEquals(26_421_880, m.file("train-images-idx3-ubyte.gz").size());
        assertEquals(URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/t10k-labels-idx1-ubyte.gz"),
                DatasetManifest.urlOf(m.mirrors().get(0), "t10k-labels-idx1-ubyte.gz"));
    }

    @Test
    void invalidManifestsAreRejectedWithTheProblem() {
        DatasetFormatException badHash = assertThrows(DatasetFormatException.class, () -> DatasetManifest.parse(
                new StringReader("{\"dataset\":\"x\",\"mirrors\":[\"https://h/x/\"],\"files\":[{\"name\":\"a.gz\","
                        + "\"size\":3,\"sha256\":\"abc\"}]}"), "test.json"));
        assertTrue(badHash.getMessage().contains("a.gz sha256 'abc'"), badHash.getMessage());
        DatasetFormatException badMirror = assertThrows(DatasetFormatException.class, () -> DatasetManifest.parse(
                new StringReader("{\"dataset\":\"x\",\"mirrors\":[\"ftp://h/x\"],\"files\":[{\"name\":\"a.gz\","
                        + "\"size\":3,\"sha256\":\"" + "0".repeat(64) + "\"}]}"), "test.json"));
        assertTrue(badMirror.getMessage().contains("ftp://h/x"), badMirror.getMessage());
        DatasetFormatException notJson = assertThrows(DatasetFormatException.class,
                () -> DatasetManifest.parse(new StringReader("{\"dataset\": [1,"), "broken.json"));
        assertTrue(notJson.getMessage().contains("broken.json is not valid JSON"), notJson.getMessage());
        assertThrows(DatasetMissingException.class, () -> DatasetManifest.load("cifar-10"));
        assertThrows(IllegalArgumentException.class, () -> {
            DatasetManifest m = Mnist.manifest();
            m.file("nope.gz");
        });
    }
}
