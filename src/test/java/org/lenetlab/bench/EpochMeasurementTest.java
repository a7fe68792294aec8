package org.lenetlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class EpochMeasurementTest {
    private static final String PEER_LINE = "{\"engine\": \"pytorch 1.13.1\", \"arch\": \"classic\", \"threads\": 2, "
            + "\"images\": 60000, \"seconds\": 9.6, \"images_per_second\": 6250.0, \"peak_rss_bytes\": 433012736, "
            + "\"loss\": 0.543219}";

    @Test
    void readsThePeerScriptsLine() {
        EpochMeasurement m = EpochMeasurement.parse(PEER_LINE, "peer");
        assertEquals("pytorch 1.13.1", m.engine());
        assertEquals("classic", m.arch());
        assertEquals(2, m.threads());
        assertEquals(60_000, m.images());
        assertEquals(9.6, m.seconds(), 0);
        assertEquals(433_012_736L, m.peakRssBytes());
        assertEquals(0.543219, m.loss(), 0);
        assertEquals(6250.0, m.imagesPerSecond(), 1e-9);
    }

    @Test
    void jsonRoundTripKeepsEveryField() {
        EpochMeasurement m = new EpochMeasurement("lenetlab dl4j", "keras", 1, 3000, 2.375, 527_000_000L, 1.2987);
        assertEquals(m, EpochMeasurement.parse(m.toJson(), "round trip"));
    }

    @Test
    void readsAndWritesTheTestSetEvaluation() {
        EpochMeasurement m = EpochMeasurement.parse(PEER_LINE.replace("}", ", \"eval_seconds\": 0.41, "
                + "\"eval_images\": 10000, \"test_accuracy\": 0.8412}"), "peer");
        assertTrue(m.hasEvaluation());
        assertEquals(10_000, m.evalImages());
        assertEquals(0.41, m.evalSeconds(), 0);
        assertEquals(0.8412, m.testAccuracy(), 0);
        assertEquals(m, EpochMeasurement.parse(m.toJson(), "round trip"));
        assertTrue(m.toString().endsWith("; test 10,000 images in 0.41 s, accuracy 84.12 %"), m.toString());
        assertFalse(EpochMeasurement.parse(PEER_LINE, "peer").hasEvaluation());
        var noSeconds = assertThrows(IllegalArgumentException.class,
                () -> new EpochMeasurement("x", "classic", 1, 10, 1.0, 1, 0.5, 10_000, 0, 0.8));
        assertTrue(noSeconds.getMessage().contains("an evaluation needs images and seconds above 0"),
                noSeconds.getMessage());
    }

    @Test
    void toStringShowsThroughputAndMemory() {
        String s = EpochMeasurement.parse(PEER_LINE, "peer").toString();
        assertEquals("pytorch 1.13.1, 2 threads: 9.6 s, 6,250 images/s, peak RSS 412 MiB, loss 0.5432", s);
    }

    @Test
    void badLinesNameTheirOriginAndTheProblem() {
        var notJson = assertThrows(IllegalArgumentException.class,
                () -> EpochMeasurement.parse("Traceback (most recent call last):", "PyTorch peer"));
        assertTrue(notJson.getMessage().startsWith("PyTorch peer printed no valid JSON"), notJson.getMessage());
        var array = assertThrows(IllegalArgumentException.class, () -> EpochMeasurement.parse("[1, 2]", "peer"));
        assertTrue(array.getMessage().contains("not a JSON object"), array.getMessage());
        var missing = assertThrows(IllegalArgumentException.class,
                () -> EpochMeasurement.parse(PEER_LINE.replace("\"seconds\"", "\"secs\""), "peer"));
        assertEquals("peer: result line has no number field 'seconds'", missing.getMessage());
        var text = assertThrows(IllegalArgumentException.class,
                () -> EpochMeasurement.parse(PEER_LINE.replace("\"threads\": 2", "\"threads\": \"2\""), "peer"));
        assertEquals("peer: result line has no number field 'threads'", text.getMessage());
        var zero = assertThrows(IllegalArgumentException.class,
                () -> EpochMeasurement.parse(PEER_LINE.replace("9.6", "0"), "peer"));
        assertTrue(zero.getMessage().startsWith("peer: an epoch measurement needs"), zero.getMessage());
    }

    @Test
    void resultLineIsTheLastJsonObjectInTheOutput() {
        assertEquals("{\"b\": 2}", PeerBenchmark.resultLine(List.of("log", "{\"a\": 1}", "  {\"b\": 2}  ", "bye"),
                "child"));
        var none = assertThrows(IllegalStateException.class,
                () -> PeerBenchmark.resultLine(List.of("Exception in thread main", "at X"), "LeNet Lab child"));
        assertTrue(none.getMessage().startsWith("LeNet Lab child printed no JSON result line"), none.getMessage());
        assertTrue(none.getMessage().endsWith("Exception in thread main\nat X"), none.getMessage());
    }

    @Test
    void refusesBadSettings() {
        var batch = assertThrows(IllegalArgumentException.class,
                () -> new PeerBenchmark("/usr/bin/python3", PeerBenchmark.DEBIAN_FASHION_MNIST, 0, 0));
        assertTrue(batch.getMessage().contains("batch must be at least 1"), batch.getMessage());
        var python = assertThrows(IllegalStateException.class,
                () -> new PeerBenchmark("/nonexistent/python3", PeerBenchmark.DEBIAN_FASHION_MNIST, 64, 0)
                        .requirePyTorch());
        assertTrue(python.getMessage().contains("apt-get install python3-torch"), python.getMessage());
        var data = assertThrows(IllegalStateException.class,
                () -> new PeerBenchmark("/usr/bin/python3", Path.of("/nonexistent-dir"), 64, 0).requireDataset());
        assertTrue(data.getMessage().startsWith("/nonexistent-dir/train-images-idx3-ubyte.gz not found"),
                data.getMessage());
        assertTrue(data.getMessage().contains("apt-get install dataset-fashion-mnist"), data.getMessage());
    }
}
