package org.lenetlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class ThreadScalingTest {
    private static EpochMeasurement epoch(String engine, int threads, double seconds) {
        return new EpochMeasurement(engine, "classic", threads, 60_000, seconds, 600L << 20, 0.56);
    }

    @Test
    void comparesRoundByRound() {
        ThreadScaling s = ThreadScaling.of(
                List.of(epoch("ours", 1, 5.0), epoch("ours", 1, 4.0), epoch("ours", 1, 6.0), epoch("ours", 1, 4.0)),
                List.of(epoch("ours", 2, 4.0), epoch("ours", 2, 4.4), epoch("ours", 2, 3.0), epoch("ours", 2, 3.6)));
        assertEquals(List.of(0.8, 1.1, 0.5, 0.9), s.ratios().stream().map(r -> Math.round(r * 100) / 100.0).toList());
        assertEquals(0.85, s.median(), 1e-12, "the mean of the middle two of an even count");
        assertEquals(3, s.roundsFaster());
        assertEquals("ours, 2 threads against 1, per round: 0.80, 1.10, 0.50, 0.90 (median 0.85×, faster in 3 of 4)",
                s.toString());
        assertTrue(ThreadScaling.of(List.of(epoch("ours", 2, 4.0)), List.of(epoch("ours", 1, 5.0))).toString()
                .startsWith("ours, 1 thread against 2, per round: 1.25 (median 1.25×, faster in 0 of 1)"));
        assertEquals(1.1, ThreadScaling.of(List.of(epoch("ours", 1, 4.0), epoch("ours", 1, 2.0), epoch("ours", 1, 1.0)),
                List.of(epoch("ours", 2, 4.4), epoch("ours", 2, 3.0), epoch("ours", 2, 1.0))).median(), 1e-12);
    }

    @Test
    void refusesUnpairedRoundsAndMixedEngines() {
        var unpaired = assertThrows(IllegalArgumentException.class,
                () -> ThreadScaling.of(List.of(epoch("ours", 1, 5.0)), List.of()));
        assertTrue(unpaired.getMessage().contains("got 1 and 0"), unpaired.getMessage());
        var mixed = assertThrows(IllegalArgumentException.class,
                () -> ThreadScaling.of(List.of(epoch("ours", 1, 5.0)), List.of(epoch("pytorch", 2, 4.0))));
        assertTrue(mixed.getMessage().contains("ours and pytorch"), mixed.getMessage());
    }
}
