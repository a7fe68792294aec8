package org.lenetlab.notebook;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;

import org.lenetlab.kernel.CellError;
import org.lenetlab.kernel.CellExecutor;
import org.lenetlab.kernel.CellOutcome;
import org.lenetlab.kernel.OutputSink;
import org.lenetlab.kernel.OutputSink.Stream;

/**
 * A test double for the kernel: each line of a cell is a command.
 * <pre>
 * out TEXT            stdout TEXT + newline ("\r" in TEXT is a carriage return; "raw TEXT" prints without newline)
 * err TEXT            stderr TEXT + newline
 * show ID TEXT        display text/plain TEXT with display id ID ("-" for none; "\n" in TEXT is a line break)
 * html TEXT           display text/html TEXT
 * png BASE64          display image/png with width metadata 28
 * update ID TEXT      update display ID to TEXT ("\n" as in show)
 * value TEXT          the cell's value (text/plain)
 * fail NAME MESSAGE   the cell fails
 * block               wait until interrupted, then fail with Interrupted
 * hang                wait until the test releases it, ignoring interrupts
 * var NAME VALUE      remember a variable; "value $NAME" reads it (state lives in the session)
 * // TEXT             a comment
 * </pre>
 */
public final class ScriptedExecutor implements CellExecutor {
    static final AtomicInteger STARTED = new AtomicInteger();
    static final CountDownLatch RELEASE_HANGING = new CountDownLatch(1);

    final List<String> executed = new ArrayList<>();
    final java.util.Map<String, String> variables = new java.util.HashMap<>();
    final AtomicInteger interrupts = new AtomicInteger();
    volatile boolean closed;
    private volatile CountDownLatch interrupted = new CountDownLatch(1);

    /** A new session; counts in {@link #STARTED}. */
    public ScriptedExecutor() {
        STARTED.incrementAndGet();
    }

    @Override
    public CellOutcome execute(String source, OutputSink sink) {
        if (closed) {
            throw new IllegalStateException("executed after close");
        }
        executed.add(source);
        DisplayData result = null;
        for (String line : source.split("\n")) {
            String[] words = line.strip().split(" ", 2);
            String arg = words.length > 1 ? words[1].replace("\\r", "\r") : "";
            String text = arg.replace("\\n", "\n");
            switch (words[0]) {
                case "out" -> sink.stream(Stream.STDOUT, arg + "\n");
                case "raw" -> sink.stream(Stream.STDOUT, arg);
                case "err" -> sink.stream(Stream.STDERR, arg + "\n");
                case "show" -> {
                    String[] idText = text.split(" ", 2);
                    DisplayData data = new DisplayData(idText[1]);
                    if (!idText[0].equals("-")) {
                        data.setDisplayId(idText[0]);
                    }
                    sink.display(data);
                }
                case "html" -> {
                    DisplayData data = new DisplayData("an HTML table");
                    data.putHTML(arg);
                    sink.display(data);
                }
                case "png" -> {
                    DisplayData data = new DisplayData("an image");
                    data.putData("image/png", arg);
                    data.putMetaData("image/png", java.util.Map.of("width", 28));
                    sink.display(data);
                }
                case "update" -> {
                    String[] idText = text.split(" ", 2);
                    DisplayData data = new DisplayData(idText[1]);
                    data.setDisplayId(idText[0]);
                    sink.updateDisplay(data);
                }
                case "value" -> result = new DisplayData(arg.startsWith("$")
                        ? variables.getOrDefault(arg.substring(1), "undefined") : arg);
                case "var" -> {
                    String[] nameValue = arg.split(" ", 2);
                    variables.put(nameValue[0], nameValue[1]);
                }
                case "fail" -> {
                    String[] nameMessage = arg.split(" ", 2);
                    return new CellOutcome(null, new CellError(nameMessage[0], nameMessage[1],
                            List.of(nameMessage[0] + ": " + nameMessage[1], "\tat line 1")));
                }
                case "block" -> {
                    try {
                        interrupted.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    interrupted = new CountDownLatch(1);
                    return new CellOutcome(null, new CellError("Interrupted", "", List.of()));
                }
                case "hang" -> {
                    while (true) {
                        try {
                            RELEASE_HANGING.await();
                            break;
                        } catch (InterruptedException ignored) {
                            // a stuck cell ignores interrupts
                        }
                    }
                }
                case "", "//" -> {
                }
                default -> {
                    return new CellOutcome(null, new CellError("CompilationException",
                            "cannot find symbol: " + words[0], List.of()));
                }
            }
        }
        return new CellOutcome(result, null);
    }

    @Override
    public void interrupt() {
        interrupts.incrementAndGet();
        interrupted.countDown();
    }

    @Override
    public void close() {
        closed = true;
    }
}
