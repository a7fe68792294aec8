package org.lenetlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Interrupting a cell stops it with an "Interrupted" error and keeps the session's state. */
class InterruptTest {
    private static KernelSession session;

    @BeforeAll
    static void start() {
        session = KernelSession.start().awaitReady();
    }

    @AfterAll
    static void stop() {
        session.close();
    }

    /** Starts {@code code}, interrupts once {@code marker} was printed, returns how the cell ended. */
    static CellOutcome interruptAfter(KernelSession session, String code, String marker) throws Exception {
        RecordingSink sink = new RecordingSink();
        CompletableFuture<CellOutcome> cell = CompletableFuture.supplyAsync(() -> session.execute(code, sink));
        assertTrue(sink.awaitStdout(marker, 60_000), () -> "the cell never printed " + marker + ": " + sink.stdout()
                + sink.stderr());
        session.interrupt();
        return cell.get(30, TimeUnit.SECONDS);
    }

    @Test
    void busyLoop() throws Exception {
        session.execute("int kept = 41;", new RecordingSink());
        CellOutcome out = interruptAfter(session, "System.out.println(\"spinning\");\nlong n = 0;\n"
                + "while (true) { n++; }", "spinning");
        assertEquals("Interrupted", out.error().name());
        CellOutcome next = session.execute("kept + 1", new RecordingSink());
        assertEquals("42", RecordingSink.text(next.result()));
    }

    @Test
    void sleepingCell() throws Exception {
        CellOutcome out = interruptAfter(session, "System.out.println(\"sleeping\");\nThread.sleep(600_000);",
                "sleeping");
        assertEquals("Interrupted", out.error().name());
        assertTrue(session.execute("1 + 1", new RecordingSink()).ok());
    }

    @Test
    void loopThatSwallowsInterrupts() throws Exception {
        CellOutcome out = interruptAfter(session, "System.out.println(\"stubborn\");\nwhile (true) {\n"
                + "  try { Thread.sleep(50); } catch (InterruptedException e) { }\n}", "stubborn");
        assertEquals("Interrupted", out.error().name());
        assertTrue(session.execute("2 + 2", new RecordingSink()).ok());
    }

    @Test
    void interruptWithoutRunningCellDoesNothing() {
        session.interrupt();
        CellOutcome out = session.execute("\"still here\"", new RecordingSink());
        assertEquals("still here", RecordingSink.text(out.result()));
    }
}
