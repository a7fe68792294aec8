package org.lenetlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Where text printed by cells and their threads ends up. */
class StreamsTest {
    private static KernelSession session;

    @BeforeAll
    static void start() {
        session = KernelSession.start().awaitReady();
    }

    @AfterAll
    static void stop() {
        session.close();
    }

    @Test
    void backgroundThreadsWriteToTheCellThatStartedThem() throws Exception {
        RecordingSink first = new RecordingSink();
        CellOutcome out = session.execute("""
                var gate = new java.util.concurrent.CountDownLatch(1);
                Thread worker = new Thread(() -> {
                    System.out.println("worker during the cell");
                    try { gate.await(); } catch (InterruptedException e) { }
                    System.out.println("worker after the cell");
                });
                worker.start();
                Thread.sleep(200);
                """, first);
        assertTrue(out.ok(), () -> String.valueOf(out.error()));
        assertTrue(first.awaitStdout("worker during the cell", 5000));
        RecordingSink second = new RecordingSink();
        session.execute("gate.countDown(); worker.join();", second);
        // the worker's cell has finished and another one runs: its text goes to the running cell
        assertTrue(second.stdout().contains("worker after the cell"), second.stdout());
        assertFalse(first.stdout().contains("after"), first.stdout());
    }

    @Test
    void lateOutputOfAFinishedCellGoesToThatCell() throws Exception {
        RecordingSink sink = new RecordingSink();
        session.execute("new Thread(() -> { try { Thread.sleep(300); } catch (InterruptedException e) { }\n"
                + "System.out.println(\"late\"); }).start();", sink);
        assertTrue(sink.awaitStdout("late", 5000), sink.stdout());
    }

    @Test
    void displayWorksFromThreadsTheCellStarts() throws Exception {
        RecordingSink sink = new RecordingSink();
        CellOutcome out = session.execute("""
                Thread painter = new Thread(() -> {
                    String id = display("from a thread");
                    updateDisplay(id, "updated from a thread");
                });
                painter.start();
                painter.join();
                """, sink);
        assertTrue(out.ok(), () -> String.valueOf(out.error()));
        assertEquals("from a thread", RecordingSink.text(sink.displays().get(0)));
        assertEquals("updated from a thread", RecordingSink.text(sink.updates().get(0)));
        assertEquals(sink.displays().get(0).getDisplayId(), sink.updates().get(0).getDisplayId());
    }

    @Test
    void aSinkThatPrintsDoesNotFeedItself() {
        RecordingSink sink = new RecordingSink() {
            @Override
            public synchronized void stream(Stream stream, String text) {
                super.stream(stream, text);
                System.out.println("[sink echo] " + text.strip()); // e.g. a runner echoing to its terminal
            }
        };
        CellOutcome out = session.execute("System.out.println(\"once\");", sink);
        assertTrue(out.ok());
        assertEquals("once\n", sink.stdout());
    }

    @Test
    void unicodeSurvivesTheByteToTextRoute() {
        RecordingSink sink = new RecordingSink();
        session.execute("System.out.println(\"Größe → 28×28 ✓\");", sink);
        assertEquals("Größe → 28×28 ✓\n", sink.stdout());
    }

    @Test
    void manyLinesArriveCoalescedAndInOrder() {
        RecordingSink sink = new RecordingSink();
        session.execute("for (int i = 0; i < 2000; i++) System.out.println(i);", sink);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            expected.append(i).append('\n');
        }
        assertEquals(expected.toString(), sink.stdout());
        long messages = sink.events().stream().filter(e -> e.kind().equals("stream")).count();
        assertTrue(messages < 200, "2000 lines took " + messages + " messages");
    }

    @Test
    void stdoutAndStderrKeepTheirOrder() {
        RecordingSink sink = new RecordingSink();
        session.execute("System.out.print(\"a\"); System.err.print(\"b\"); System.out.print(\"c\");", sink);
        String order = String.join("", sink.events().stream().map(RecordingSink.Event::text).toList());
        assertEquals("abc", order);
    }

    @Test
    void threadsOfNoCellHaveNoCellWhileNoneRuns() throws Exception {
        AtomicReference<CellContext> seen = new AtomicReference<>(new CellContext(new RecordingSink(), 0));
        Thread t = new Thread(() -> seen.set(CellContext.current()));
        t.start();
        t.join();
        assertNull(seen.get());
    }
}
