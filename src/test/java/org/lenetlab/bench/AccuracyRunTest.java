package org.lenetlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class AccuracyRunTest {
    private static final String PEER_LINE = "{\"engine\": \"pytorch 1.13.0a0\", \"arch\": \"classic\", \"threads\": 1, "
            + "\"target\": 0.904, \"reached\": true, \"epochs\": 3, \"seconds\": 31.5, \"train_seconds\": 27.25, "
            + "\"accuracies\": [0.8512, 0.8877, 0.9041], \"peak_rss_bytes\": 533000000}";

    @Test
    void readsThePeerScriptsLine() {
        AccuracyRun r = AccuracyRun.parse(PEER_LINE, "peer");
        assertEquals("pytorch 1.13.0a0", r.engine());
        assertEquals(0.904, r.target(), 0);
        assertEquals(3, r.epochs());
        assertEquals(31.5, r.seconds(), 0);
        assertEquals(27.25, r.trainSeconds(), 0);
        assertEquals(List.of(0.8512, 0.8877, 0.9041), r.accuracies());
        assertEquals(0.9041, r.finalAccuracy(), 0);
        assertTrue(r.reached());
        assertEquals(r, AccuracyRun.parse(r.toJson(), "round trip"));
    }

    @Test
    void aRunThatSpentItsBudgetHasNotReachedTheTarget() {
        AccuracyRun r = new AccuracyRun("lenetlab dl4j", "classic", 2, 0.95, 20, 18, List.of(0.85, 0.88), 1);
        assertFalse(r.reached());
        assertEquals("lenetlab dl4j, 2 threads: 95.0 % NOT reached after 2 epochs, 20.0 s (18.0 s training), test "
                + "accuracy by epoch 85.00 88.00 %", r.toString());
        assertTrue(r.toJson().contains("\"reached\":false"), r.toJson());
    }

    @Test
    void badLinesAndValuesAreRefused() {
        var noList = assertThrows(IllegalArgumentException.class,
                () -> AccuracyRun.parse(PEER_LINE.replace("\"accuracies\"", "\"acc\""), "peer"));
        assertEquals("peer: result line has no array field 'accuracies'", noList.getMessage());
        var text = assertThrows(IllegalArgumentException.class,
                () -> AccuracyRun.parse(PEER_LINE.replace("0.8877", "\"x\""), "peer"));
        assertTrue(text.getMessage().contains("'accuracies' holds \"x\""), text.getMessage());
        var target = assertThrows(IllegalArgumentException.class,
                () -> new AccuracyRun("x", "classic", 1, 90.4, 2, 1, List.of(0.5), 1));
        assertTrue(target.getMessage().contains("fraction in (0, 1]"), target.getMessage());
        var times = assertThrows(IllegalArgumentException.class,
                () -> new AccuracyRun("x", "classic", 1, 0.9, 2, 3, List.of(0.5), 1));
        assertTrue(times.getMessage().contains("0 < train seconds <= seconds"), times.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AccuracyRun("x", "classic", 1, 0.9, 2, 1, List.of(), 1));
    }
}
