package org.lenetlab.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class CompilerActivityTest {
    private static final long WINDOW_NANOS = CompilerActivity.WINDOW_MILLIS * 1_000_000;

    @Test
    void aJvmWarmsUpUntilTheCompilerHasBeenQuietForSeveralWindowsInARow() {
        AtomicLong compiledMillis = new AtomicLong();
        AtomicLong now = new AtomicLong();
        CompilerActivity activity = new CompilerActivity(compiledMillis::get, now::get, 2, true);
        assertTrue(activity.needsACore(2), "busy until measured otherwise: a JVM starts by compiling");
        for (int w = 1; w < CompilerActivity.WARM_UP_QUIET_WINDOWS; w++) {
            now.addAndGet(WINDOW_NANOS);
            compiledMillis.addAndGet(5);
            assertTrue(activity.needsACore(2), "quiet window " + w + " of the warm-up");
        }
        now.addAndGet(WINDOW_NANOS);
        compiledMillis.addAndGet(60);
        assertTrue(activity.needsACore(2), "a busy window starts the count again");
        for (int w = 1; w < CompilerActivity.WARM_UP_QUIET_WINDOWS; w++) {
            now.addAndGet(WINDOW_NANOS);
            assertTrue(activity.needsACore(2), "quiet window " + w + " after it");
        }
        now.addAndGet(WINDOW_NANOS);
        assertFalse(activity.needsACore(2), "warmed up");
    }

    @Test
    void onceWarmedUpBusyWhileTheCompilerTakesMoreThanAQuarterOfTheTime() {
        AtomicLong compiledMillis = new AtomicLong();
        AtomicLong now = new AtomicLong();
        CompilerActivity activity = new CompilerActivity(compiledMillis::get, now::get, 2, false);
        assertFalse(activity.needsACore(2));

        now.addAndGet(WINDOW_NANOS);
        compiledMillis.addAndGet(5); // 5 ms of compiling in 100 ms
        assertFalse(activity.needsACore(2));

        now.addAndGet(WINDOW_NANOS);
        compiledMillis.addAndGet(200); // two compiler threads, busy all the window
        assertTrue(activity.needsACore(2));
        now.addAndGet(WINDOW_NANOS / 2);
        compiledMillis.addAndGet(1);
        assertTrue(activity.needsACore(2), "the verdict holds for the rest of the window");

        now.addAndGet(WINDOW_NANOS / 2);
        assertFalse(activity.needsACore(2), "one quiet window after the warm-up");
    }

    @Test
    void neverInTheWayOfFewerPartsThanCoresOrWhenCompilationIsNotMeasured() {
        assertFalse(new CompilerActivity(() -> 0, System::nanoTime, 4, true).needsACore(2),
                "two parts leave two of four cores");
        assertFalse(new CompilerActivity(null, System::nanoTime, 2, true).needsACore(2));
    }
}
