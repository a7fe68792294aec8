package org.lenetlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class KernelBenchmarkTest {

    @Test
    void percentilesUseNearestRank() {
        List<Double> ms = List.of(9.0, 1.0, 5.0, 3.0, 7.0, 2.0, 4.0, 6.0, 8.0, 10.0);
        assertEquals(5.0, KernelBenchmark.percentile(ms, 50));
        assertEquals(9.0, KernelBenchmark.percentile(ms, 90));
        assertEquals(10.0, KernelBenchmark.percentile(ms, 100));
        assertEquals(1.0, KernelBenchmark.percentile(ms, 0));
        assertEquals(3.0, KernelBenchmark.percentile(List.of(3.0), 90));
    }

    @Test
    void measurementSummarises() {
        var m = new KernelBenchmark.KernelMeasurement("k", List.of(1.4, 1.2, 1.3), List.of(12.0, 10.0, 30.0, 11.0));
        assertEquals(1.3, m.medianStart());
        assertEquals(11.0, m.medianRoundTrip());
        assertEquals(30.0, m.p90RoundTrip());
    }

    @Test
    void refusesEmptyRuns() {
        assertThrows(IllegalArgumentException.class, () -> new KernelBenchmark("python3", Path.of("."), 0, 10));
        assertThrows(IllegalArgumentException.class, () -> KernelBenchmark.percentile(List.of(), 50));
    }
}
