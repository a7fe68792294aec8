package org.lenetlab.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class CompilerActivityTest {
    @Test
    void busyWhileTheCompilerTakesMoreThanAQuarterOfTheTime() throws InterruptedException {
        AtomicLong compiled = new AtomicLong();
        CompilerActivity activity = new CompilerActivity(compiled::get, 2, true);
        assertTrue(activity.needsACore(2), "busy until the first window has passed");

        Thread.sleep(CompilerActivity.WINDOW_MILLIS + 20);
        compiled.addAndGet(5); // 5 ms of compiling in over 100 ms
        assertFalse(activity.needsACore(2));

        Thread.sleep(CompilerActivity.WINDOW_MILLIS + 20);
        compiled.addAndGet(200); // two compiler threads, busy all the window
        assertTrue(activity.needsACore(2));
        assertTrue(activity.needsACore(2), "the verdict holds for the rest of the window");
    }

    @Test
    void neverInTheWayOfFewerPartsThanCoresOrWhenCompilationIsNotMeasured() {
        assertFalse(new CompilerActivity(() -> 0, 4, true).needsACore(2), "two parts leave two of four cores");
        assertFalse(new CompilerActivity(null, 2, true).needsACore(2));
    }
}
