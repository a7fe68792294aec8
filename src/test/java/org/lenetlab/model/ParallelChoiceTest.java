package org.lenetlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The measured choice between parallel and serial sections, driven with made-up section times. */
class ParallelChoiceTest {
    private static final int CYCLE = (2 + ParallelChoice.USE_WINDOWS) * ParallelChoice.WINDOW;

    /** Runs {@code sections} sections that take {@code parallelNanos} or {@code serialNanos}. */
    private static int parallelSections(ParallelChoice choice, int sections, long parallelNanos, long serialNanos) {
        int parallel = 0;
        for (int i = 0; i < sections; i++) {
            boolean p = choice.parallel();
            parallel += p ? 1 : 0;
            choice.record(p ? parallelNanos : serialNanos);
        }
        return parallel;
    }

    @Test
    void usesTheHelpersWhereTheyPay() {
        ParallelChoice choice = ParallelChoice.measured();
        int parallel = parallelSections(choice, CYCLE, 600, 1000);
        assertTrue(choice.prefersParallel());
        assertEquals(CYCLE - ParallelChoice.WINDOW, parallel, "all but the serial probe window");
    }

    @Test
    void runsSeriallyWhereTheHelpersCostMore() {
        ParallelChoice choice = ParallelChoice.measured();
        int parallel = parallelSections(choice, CYCLE, 1200, 1000);
        assertFalse(choice.prefersParallel());
        assertEquals(ParallelChoice.WINDOW, parallel, "only the parallel probe window");
    }

    @Test
    void aTieGoesToSerialWhichLeavesTheOtherCoreFree() {
        ParallelChoice choice = ParallelChoice.measured();
        parallelSections(choice, CYCLE, 950, 1000);
        assertFalse(choice.prefersParallel(), "5 % faster is within the margin");
        parallelSections(choice, CYCLE, 880, 1000);
        assertTrue(choice.prefersParallel(), "12 % faster is not");
    }

    @Test
    void followsAMachineThatChangesAndAlternatesTheProbeOrder() {
        ParallelChoice choice = ParallelChoice.measured();
        parallelSections(choice, CYCLE, 600, 1000);
        assertTrue(choice.prefersParallel());
        // the other core gets busy: the next cycle probes serial first, then parallel, and switches
        assertFalse(choice.parallel(), "the second cycle starts with its serial probe");
        parallelSections(choice, CYCLE, 1500, 1000);
        assertFalse(choice.prefersParallel());
        assertTrue(choice.parallel(), "the third cycle starts with its parallel probe again");
    }

    @Test
    void doesNotTimeTheFirstSectionAfterAChangeOfWay() {
        // the first section after each change pays for the change (say, a parked helper's wake-up)
        ParallelChoice choice = ParallelChoice.measured();
        boolean last = !choice.parallel();
        for (int i = 0; i < CYCLE; i++) {
            boolean p = choice.parallel();
            choice.record(p != last ? 100_000 : p ? 600 : 1000);
            last = p;
        }
        assertTrue(choice.prefersParallel(), "parallel wins on the sections after the change");
    }

    @Test
    void aFixedChoiceNeverChanges() {
        ParallelChoice always = ParallelChoice.fixed(true);
        assertEquals(CYCLE, parallelSections(always, CYCLE, 5000, 1));
        ParallelChoice never = ParallelChoice.fixed(false);
        assertEquals(0, parallelSections(never, CYCLE, 1, 5000));
    }

    @Test
    void aSiteKeepsOneChoicePerSizeOfWork() {
        ParallelChoice.BySize site = new ParallelChoice.BySize();
        ParallelChoice training = site.of(64);
        parallelSections(training, CYCLE, 1200, 1000);
        assertFalse(training.prefersParallel());

        ParallelChoice evaluation = site.of(1024);
        assertTrue(evaluation.parallel(), "a size not measured yet starts with its parallel window");
        assertSame(training, site.of(64), "the training batches keep what was measured for them");
        site.of(1);
        site.of(2);
        site.of(3);
        assertNotSame(training, site.of(64), "the oldest of four sizes makes room");
    }

    @Test
    void probesLessOftenWhileTheMachineStaysTheSame() {
        ParallelChoice choice = ParallelChoice.measured();
        int windows = 2000;
        int serialSections = windows * ParallelChoice.WINDOW
                - parallelSections(choice, windows * ParallelChoice.WINDOW, 600, 1000);
        int serialWindows = serialSections / ParallelChoice.WINDOW;
        // cycles of 8, 14, 26, 50, 98, then 194 windows: 15 serial probes in 2,000 windows (fixed cycles: 250)
        assertEquals(15, serialWindows);

        // the other core gets busy: noticed at the next probe, within one long cycle
        int sections = 0;
        while (choice.prefersParallel()) {
            boolean p = choice.parallel();
            choice.record(p ? 1500 : 1000);
            sections++;
        }
        assertTrue(sections <= (2 + ParallelChoice.MAX_USE_WINDOWS) * ParallelChoice.WINDOW, sections + " sections");
        // and the cycle after the change is short again: its next parallel probe comes within 6 + 2 windows
        int parallel = parallelSections(choice, (ParallelChoice.USE_WINDOWS + 2) * ParallelChoice.WINDOW, 1500, 1000);
        assertEquals(ParallelChoice.WINDOW, parallel, "one parallel probe in a short cycle");
    }

    @Test
    void runsOneSectionInEveryFewAsChosenWhileTheCompilerIsBusy() {
        ParallelChoice choice = ParallelChoice.measured();
        int trials = 0;
        for (int i = 1; i <= 4 * ParallelChoice.TRIAL_EVERY; i++) {
            boolean trial = choice.trialWhileCompilerBusy();
            assertEquals(i % ParallelChoice.TRIAL_EVERY == 0, trial, "section " + i);
            trials += trial ? 1 : 0;
        }
        assertEquals(4, trials);
        ParallelChoice fixed = ParallelChoice.fixed(true);
        for (int i = 0; i < 2 * ParallelChoice.TRIAL_EVERY; i++) {
            assertFalse(fixed.trialWhileCompilerBusy(), "a test's fixed choice keeps the compiler's core");
        }
    }
}
