package org.lenetlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class ConsoleProgressBarTest {
    private static final long MS = 1_000_000L;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final AtomicLong now = new AtomicLong();

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static BatchProgress batch(int b, double elapsed) {
        return new BatchProgress(2, 5, b, 10, 0.5, 0.4321, 0.8765, b * 32L, elapsed, b * 32 / elapsed);
    }

    private static EpochRecord record() {
        return new EpochRecord(2, 0.4321, 0.8765, 0.3012, 0.9105, 1e-3, 3.2, true);
    }

    @Test
    void barLineFormat() {
        assertEquals("Epoch 2/5 [==========>.........]  5/10  loss 0.4321  acc 87.65%  160 img/s  ETA 0:01",
                ConsoleProgressBar.barLine(batch(5, 1.0)));
        assertEquals("Epoch 2/5 [====================] 10/10  loss 0.4321  acc 87.65%  1,600 img/s  ETA 0:00",
                ConsoleProgressBar.barLine(batch(10, 0.2)));
    }

    @Test
    void terminalRedrawsInPlaceAtMostTenTimesASecond() {
        ConsoleProgressBar bar = new ConsoleProgressBar(out, true, now::get);
        bar.onEpochStart(new EpochStart(2, 5, 10, 320, 1e-3));
        now.set(0);
        bar.onBatchEnd(batch(1, 0.01));       // drawn: first batch
        now.set(50 * MS);
        bar.onBatchEnd(batch(2, 0.05));       // skipped: 50 ms later
        now.set(120 * MS);
        bar.onBatchEnd(batch(3, 0.12));       // drawn: 120 ms after the last draw
        now.set(150 * MS);
        bar.onBatchEnd(batch(4, 0.15));       // skipped
        bar.onEpochEnd(record());
        String s = text();
        assertEquals(3, s.chars().filter(c -> c == '\r').count(), "two redraws and the summary: " + s);
        assertTrue(s.contains("\rEpoch 2/5 [==>.................]  1/10"), s);
        assertFalse(s.contains(" 2/10"), s);
        assertTrue(s.contains("\rEpoch 2/5 [======>.............]  3/10"), s);
        String summary = "Epoch 2/5  10/10  3.2s  loss 0.4321  acc 87.65%  val_loss 0.3012  val_acc 91.05%  "
                + "lr 1.00e-03  (lr reduced)";
        assertTrue(s.endsWith("\r" + summary + System.lineSeparator()), s);
    }

    @Test
    void shorterLinesEraseTheRestOfTheLongerOne() {
        ConsoleProgressBar bar = new ConsoleProgressBar(out, true, now::get);
        bar.onEpochStart(new EpochStart(1, 1, 10, 320, 1e-3));
        bar.onBatchEnd(new BatchProgress(1, 1, 1, 10, 0.5, 0.5, 0.5, 32, 0.001, 32_000_000));
        String first = text();
        int drawn = first.length() - 1;
        bytes.reset();
        now.set(200 * MS);
        bar.onBatchEnd(new BatchProgress(1, 1, 2, 10, 0.5, 0.5, 0.5, 64, 1, 64));
        String second = text();
        assertEquals(drawn, second.length() - 1, "padded to the previous length: [" + first + "] [" + second + "]");
        assertTrue(second.endsWith(" "), second);
    }

    @Test
    void plainOutputHasNoCarriageReturnsAndFewLines() {
        ConsoleProgressBar bar = new ConsoleProgressBar(out, false, now::get);
        bar.onEpochStart(new EpochStart(2, 5, 10, 320, 1e-3));
        for (int b = 1; b <= 10; b++) {
            now.set(b * 2_000 * MS); // a batch every 2 s
            bar.onBatchEnd(batch(b, b * 2.0));
        }
        bar.onEpochEnd(record());
        String s = text();
        assertFalse(s.contains("\r"), s);
        String[] lines = s.split(System.lineSeparator());
        assertEquals(3, lines.length, "a progress line after 10 s and after 20 s, then the summary: " + s);
        assertEquals("Epoch 2/5  5/10  loss 0.4321  acc 87.65%  16 img/s  ETA 0:10", lines[0]);
        assertTrue(lines[2].startsWith("Epoch 2/5  10/10  3.2s  loss 0.4321"), lines[2]);
    }

    @Test
    void failureEndsTheOpenLine() {
        ConsoleProgressBar bar = new ConsoleProgressBar(out, true, now::get);
        bar.onEpochStart(new EpochStart(1, 1, 10, 320, 1e-3));
        bar.onBatchEnd(batch(1, 0.1));
        bytes.reset();
        bar.onTrainingFailed(new IllegalStateException("boom"));
        String s = text();
        assertTrue(s.startsWith("\rTraining failed: boom"), s);
        assertTrue(s.endsWith(System.lineSeparator()), s);
    }

    @Test
    void trainingEndLine() {
        ConsoleProgressBar bar = new ConsoleProgressBar(out, false, now::get);
        History h = History.of(List.of(new EpochRecord(1, 0.5, 0.8, Double.NaN, Double.NaN, 0.1, 2.0, false)));
        bar.onTrainingEnd(new TrainingResult(null, h, StopReason.COMPLETED, "completed", OptionalInt.of(1), 2.5, 2.0,
                640));
        assertEquals("Training completed: completed after 1 epoch in 2.5s (320 img/s), best epoch 1"
                + System.lineSeparator(), text());
        bytes.reset();
        bar.onTrainingEnd(new TrainingResult(null, h.withRestoredEpoch(1), StopReason.EARLY_STOPPING,
                "early stopping: val_loss did not improve for 2 epochs", OptionalInt.of(1), 65, 60, 6400));
        assertEquals("Training stopped early: early stopping: val_loss did not improve for 2 epochs after 1 epoch in "
                + "1m 05s (107 img/s), best epoch 1, weights of epoch 1 restored" + System.lineSeparator(), text());
    }
}
