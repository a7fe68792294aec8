package org.lenetlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.lenetlab.kernel.JupyterTestClient.Channel;
import org.lenetlab.kernel.JupyterTestClient.Exchange;
import org.lenetlab.kernel.JupyterTestClient.Message;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The Jupyter messaging protocol, checked through {@link JupyterTestClient} against a kernel in a child process.
 * The same checks run against Python's ipykernel (the reference, which proves the client right) and against our
 * kernel; subclasses only say how to start the kernel and supply the cells in its language.
 *
 * <p>One kernel serves the whole class (starting a JVM is the slow part); the shutdown test starts its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class KernelProtocolContract {
    /** Generous bound for replies on a loaded 2-core machine; only reached when something is broken. */
    static final Duration REPLY = Duration.ofSeconds(60);
    /** The requirement: an interrupted busy loop has stopped (reply sent) within 2 s. */
    static final Duration INTERRUPT_DEADLINE = Duration.ofSeconds(2);
    /** How long a forged request gets to (wrongly) produce a reply. */
    static final Duration FORGED_QUIET = Duration.ofSeconds(1);

    /** A 1×1 PNG, for kernels whose display API takes raw data. */
    static final String TINY_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGNgYGAAAAAEAAH2FzhVAAAAAElFTkSuQmCC";

    @TempDir
    static Path scratch;

    private KernelProcess kernel;
    private JupyterTestClient client;
    private Exchange firstKernelInfo;

    /** @return the command that starts the kernel, without the connection file (appended) */
    abstract List<String> kernelCommand();

    /** @return a log file the kernel writes besides its standard output, or {@code null} */
    Path kernelLog() {
        return null;
    }

    /** @return the ends of the kernel's output and log, for failure messages */
    String logTail() {
        return logTail(kernel);
    }

    private String logTail(KernelProcess process) {
        Path log = kernelLog();
        return process.logTail() + (log == null ? "" : "\n" + KernelProcess.tail(log));
    }

    /** @return environment variables for the kernel */
    Map<String, String> kernelEnvironment() {
        return Map.of();
    }

    /** @return the {@code language_info.name} the kernel reports */
    abstract String languageName();

    /** @return a cell whose value displays as {@code 2} */
    String onePlusOne() {
        return "1 + 1";
    }

    /** @return a cell that prints {@code hello} and a newline to stdout, then {@code oops} and a newline to stderr */
    abstract String printCell();

    /** @return a cell that fails at run time with {@link #runtimeErrorName()} */
    abstract String runtimeErrorCell();

    /** @return the ename of {@link #runtimeErrorCell()} */
    abstract String runtimeErrorName();

    /** @return a cell that shows an image as a display_data message with image/png */
    abstract String displayPngCell();

    /** @return a cell that defines a variable {@code name} holding 7 */
    abstract String defineSeven(String name);

    /** @return a cell whose value is the variable {@code name} times 6 (so 42 if it holds 7) */
    abstract String timesSix(String name);

    /** @return a cell that prints a line to stdout and then loops forever */
    abstract String busyLoopCell();

    /** @return a cell that prints a line to stdout and then sleeps for ten minutes */
    abstract String sleepingCell();

    /** @return the ename of an interrupted cell */
    abstract String interruptedName();

    /** @return code ending in an identifier prefix, and what the code reads once a completion is applied */
    abstract String[] completion();

    /** @return code naming something the kernel can document, and a word its documentation contains */
    abstract String[] inspection();

    /** @return code that needs more lines (an open block) */
    abstract String incompleteCode();

    private void restartKernel() throws Exception {
        stopKernel();
        startKernel();
    }

    @BeforeAll
    void startKernel() throws Exception {
        kernel = KernelProcess.start(kernelCommand(), scratch, kernelEnvironment());
        client = JupyterTestClient.connect(kernel.connection());
        try {
            firstKernelInfo = client.waitForReady(REPLY);
        } catch (TimeoutException e) {
            throw new AssertionError(e.getMessage() + "\n" + logTail(), e);
        }
    }

    @AfterAll
    void stopKernel() throws Exception {
        if (client != null) {
            client.close();
        }
        if (kernel != null) {
            kernel.close();
        }
    }

    @AfterEach
    void kernelSignedEverything() {
        assertEquals(List.of(), client.protocolErrors(), "messages from the kernel that failed verification");
    }

    /** Runs a cell, failing with the kernel's log if it does not answer. */
    Exchange execute(String code) throws InterruptedException {
        try {
            return client.execute(code, REPLY);
        } catch (TimeoutException e) {
            throw new AssertionError(e.getMessage() + "\n" + logTail(), e);
        }
    }

    /** Runs a cell expected to fail (see {@link JupyterTestClient#executeFailing}). */
    Exchange executeFailing(String code) throws InterruptedException {
        try {
            return client.executeFailing(code, REPLY);
        } catch (TimeoutException e) {
            throw new AssertionError(e.getMessage() + "\n" + logTail(), e);
        }
    }

    Exchange request(Channel channel, String type, JsonObject content) throws InterruptedException {
        try {
            return client.request(channel, type, content, REPLY);
        } catch (TimeoutException e) {
            throw new AssertionError(e.getMessage() + "\n" + logTail(), e);
        }
    }

    @Test
    void kernelInfo() throws Exception {
        Exchange info = request(Channel.SHELL, "kernel_info_request", new JsonObject());
        assertEquals("kernel_info_reply", info.reply().type());
        // the spec gives every reply a status, but kernels on jupyter-jvm-basekernel (IJava's) omit it here and
        // front ends take a missing one as ok (jupyterlab/jupyterlab#6760); an error status would be wrong
        assertTrue(info.status() == null || info.status().equals("ok"), info::toString);
        assertTrue(info.reply().text("protocol_version").startsWith("5."), info::toString);
        JsonObject language = info.reply().content().getAsJsonObject("language_info");
        assertEquals(languageName(), language.get("name").getAsString().toLowerCase(Locale.ROOT), info::toString);
        assertNotNull(info.reply().text("implementation"), info::toString);
        assertBusyThenIdle(info);
        assertEquals(firstKernelInfo.reply().content(), info.reply().content(), "kernel info is stable");
    }

    @Test
    void heartbeatEchoes() {
        assertTrue(client.heartbeat(REPLY), "heartbeat echo");
    }

    @Test
    void valueBecomesExecuteResult() throws Exception {
        Exchange first = execute(onePlusOne());
        assertEquals("ok", first.status(), first::toString);
        assertEquals("2", first.resultText(), first::toString);
        int count = first.reply().content().get("execution_count").getAsInt();
        Message result = first.iopub("execute_result").get(0);
        assertEquals(count, result.content().get("execution_count").getAsInt(), "result carries the count");
        assertEquals(List.of(first.request().id()), first.iopub("execute_input").stream()
                .map(Message::parentId).toList(), "execute_input broadcast once");
        assertBusyThenIdle(first);

        Exchange second = execute(onePlusOne());
        assertEquals(count + 1, second.reply().content().get("execution_count").getAsInt(),
                "execution count increments");
    }

    @Test
    void printedTextBecomesStreams() throws Exception {
        Exchange run = execute(printCell());
        assertEquals("ok", run.status(), run::toString);
        assertEquals("hello\n", run.stream("stdout"), run::toString);
        assertEquals("oops\n", run.stream("stderr"), run::toString);
        assertTrue(run.iopub("execute_result").isEmpty(), "a statement has no result: " + run);
    }

    @Test
    void failureBecomesErrorMessageAndErrorReply() throws Exception {
        Exchange run = executeFailing(runtimeErrorCell());
        assertEquals("error", run.status(), run::toString);
        assertEquals(runtimeErrorName(), run.reply().text("ename"), run::toString);
        List<Message> errors = run.iopub("error");
        assertEquals(1, errors.size(), run::toString);
        assertEquals(runtimeErrorName(), errors.get(0).text("ename"));
        JsonArray traceback = errors.get(0).content().getAsJsonArray("traceback");
        assertFalse(traceback.isEmpty(), "a traceback: " + run);
        Exchange after = execute(onePlusOne());
        assertEquals("2", after.resultText(), "the kernel serves the next cell: " + after);
    }

    @Test
    void displayedImageBecomesPngDisplayData() throws Exception {
        Exchange run = execute(displayPngCell());
        assertEquals("ok", run.status(), run::toString);
        List<Message> displays = run.iopub("display_data");
        assertEquals(1, displays.size(), run::toString);
        JsonObject data = displays.get(0).content().getAsJsonObject("data");
        assertTrue(data.has("image/png"), run::toString);
        byte[] png = Base64.getMimeDecoder().decode(data.get("image/png").getAsString());
        assertEquals("PNG", new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII), "PNG signature");
        assertTrue(displays.get(0).content().has("metadata"), run::toString);
    }

    @Test
    void completeOffersMatches() throws Exception {
        String[] completion = completion();
        JsonObject content = new JsonObject();
        content.addProperty("code", completion[0]);
        content.addProperty("cursor_pos", completion[0].length());
        Exchange run = request(Channel.SHELL, "complete_request", content);
        assertEquals("ok", run.status(), run::toString);
        List<String> matches = strings(run.reply().content().getAsJsonArray("matches"));
        int start = run.reply().content().get("cursor_start").getAsInt();
        int end = run.reply().content().get("cursor_end").getAsInt();
        assertEquals(completion[0].length(), end, run::toString);
        String before = completion[0].substring(0, start);
        assertTrue(matches.stream().anyMatch(m -> (before + m).contains(completion[1])),
                "replacing [" + start + ", " + end + ") of the code with one of " + matches + " gives "
                        + completion[1]);
    }

    @Test
    void inspectDocumentsName() throws Exception {
        String[] inspection = inspection();
        JsonObject content = new JsonObject();
        content.addProperty("code", inspection[0]);
        content.addProperty("cursor_pos", inspection[0].length());
        content.addProperty("detail_level", 0);
        Exchange run = request(Channel.SHELL, "inspect_request", content);
        assertEquals("ok", run.status(), run::toString);
        assertTrue(run.reply().content().get("found").getAsBoolean(), run::toString);
        String text = run.reply().content().getAsJsonObject("data").get("text/plain").getAsString();
        assertTrue(text.contains(inspection[1]), text);
    }

    @Test
    void isCompleteTellsFinishedFromOpenCode() throws Exception {
        assertEquals("complete", isComplete(onePlusOne()));
        assertEquals("incomplete", isComplete(incompleteCode()));
    }

    private String isComplete(String code) throws InterruptedException {
        JsonObject content = new JsonObject();
        content.addProperty("code", code);
        Exchange run = request(Channel.SHELL, "is_complete_request", content);
        assertEquals("is_complete_reply", run.reply().type());
        return run.reply().text("status");
    }

    @Test
    void interruptOnControlStopsBusyLoopAndKeepsState() throws Exception {
        assertEquals("ok", execute(defineSeven("kept")).status());
        interruptRunning(busyLoopCell());
        Exchange after = execute(timesSix("kept"));
        assertEquals("42", after.resultText(), "variables survive the interrupt: " + after);
    }

    @Test
    void interruptOnControlStopsSleepingCell() throws Exception {
        interruptRunning(sleepingCell());
        assertEquals("2", execute(onePlusOne()).resultText(), "the kernel serves the next cell");
    }

    /** Starts a cell that prints and then runs until interrupted, interrupts it on control, checks the replies. */
    private void interruptRunning(String cell) throws Exception {
        JsonObject busy = JupyterTestClient.executeContent(cell);
        busy.addProperty("stop_on_error", false);
        Message running = client.send(Channel.SHELL, "execute_request", busy);
        client.awaitIopub(running.id(), "stream", REPLY); // it printed, so it has started
        Exchange interrupt = request(Channel.CONTROL, "interrupt_request", new JsonObject());
        assertEquals("interrupt_reply", interrupt.reply().type());
        // ipykernel 6 replies {} (the spec's original content), later kernels {"status": "ok"}
        assertTrue(interrupt.status() == null || interrupt.status().equals("ok"), interrupt::toString);
        Message reply;
        try {
            reply = client.awaitReply(Channel.SHELL, running.id(), INTERRUPT_DEADLINE);
        } catch (TimeoutException e) {
            String log = logTail();
            restartKernel(); // the cell still runs: spare the other tests from waiting behind it
            throw new AssertionError("the cell did not stop within " + INTERRUPT_DEADLINE + " of the interrupt "
                    + "reply: " + cell + "\n" + log, e);
        }
        assertEquals("error", reply.text("status"), reply::toString);
        assertEquals(interruptedName(), reply.text("ename"), reply::toString);
        List<Message> broadcasts = client.awaitIdle(running.id(), REPLY);
        assertTrue(broadcasts.stream().anyMatch(m -> m.type().equals("error")), "an error shown: " + broadcasts);
    }

    @Test
    void forgedAndUnsignedRequestsAreDropped() throws Exception {
        JsonObject forged = JupyterTestClient.executeContent(defineSeven("forged"));
        Message wrong = client.sendWithSignature(Channel.SHELL, "execute_request", forged, "0".repeat(64));
        Message unsigned = client.sendWithSignature(Channel.SHELL, "execute_request", forged, "");
        Message wrongControl = client.sendWithSignature(Channel.CONTROL, "shutdown_request", new JsonObject(),
                "deadbeef");
        Set<String> forgedIds = Set.of(wrong.id(), unsigned.id(), wrongControl.id());
        List<Message> replies = new ArrayList<>(client.drain(Channel.SHELL, FORGED_QUIET));
        replies.addAll(client.drain(Channel.CONTROL, Duration.ZERO));
        assertEquals(List.of(), replies.stream().filter(m -> forgedIds.contains(m.parentId())).toList(),
                "no reply to a forged request");
        for (String id : forgedIds) {
            assertEquals(List.of(), client.iopubFor(id), "nothing broadcast for a forged request");
        }
        assertTrue(kernel.process().isAlive(), "a forged shutdown does not stop the kernel");
        Exchange check = executeFailing(timesSix("forged"));
        assertEquals("error", check.status(), "the forged cell never ran, so its variable is undefined: " + check);
        assertEquals("2", execute(onePlusOne()).resultText(), "the kernel keeps serving");
    }

    @Test
    void socketsListenOnlyOnTheConnectionAddress() throws Exception {
        Path tcp = Path.of("/proc/net/tcp");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(tcp), "needs Linux /proc/net/tcp");
        Set<Integer> ports = new HashSet<>();
        for (int port : kernel.connection().ports()) {
            ports.add(port);
        }
        List<String> listening = new ArrayList<>();
        listening.addAll(listeners(tcp, ports));
        listening.addAll(listeners(Path.of("/proc/net/tcp6"), ports));
        assertEquals(5, listening.size(), "one listener per port: " + listening);
        for (String address : listening) {
            // 127.0.0.1, as IPv4 or as the IPv4-mapped IPv6 address of a dual-stack socket (Java's default)
            assertTrue(address.equals("0100007F") || address.equals("0000000000000000FFFF00000100007F"),
                    "bound to 127.0.0.1 only (hex, little-endian), not to all addresses: " + listening);
        }
    }

    /** Local addresses of sockets in LISTEN state on the given ports. */
    private static List<String> listeners(Path table, Set<Integer> ports) throws IOException {
        List<String> found = new ArrayList<>();
        if (!Files.isReadable(table)) {
            return found;
        }
        List<String> lines = Files.readAllLines(table);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.trim().split("\\s+");
            String[] local = f[1].split(":");
            if (f[3].equals("0A") && ports.contains(Integer.parseInt(local[1], 16))) {
                found.add(local[0]);
            }
        }
        return found;
    }

    @Test
    void shutdownRepliesAndExits() throws Exception {
        try (KernelProcess own = KernelProcess.start(kernelCommand(), scratch, kernelEnvironment());
                JupyterTestClient ownClient = JupyterTestClient.connect(own.connection())) {
            try {
                ownClient.waitForReady(REPLY);
            } catch (TimeoutException e) {
                throw new AssertionError(e.getMessage() + "\n" + logTail(own), e);
            }
            JsonObject content = new JsonObject();
            content.addProperty("restart", false);
            Message request = ownClient.send(Channel.CONTROL, "shutdown_request", content);
            Message reply = ownClient.awaitReply(Channel.CONTROL, request.id(), REPLY);
            assertEquals("shutdown_reply", reply.type());
            // the spec gives every reply a status; jupyter_client does not insist on it here
            assertTrue(reply.text("status") == null || reply.text("status").equals("ok"), reply::toString);
            assertFalse(reply.content().get("restart").getAsBoolean(), reply::toString);
            if (!own.waitForExit(Duration.ofSeconds(30))) {
                fail("the kernel process did not exit after shutdown_reply\n" + logTail(own));
            }
            assertEquals(0, own.process().exitValue(), () -> logTail(own));
        }
    }

    private static void assertBusyThenIdle(Exchange exchange) {
        List<String> states = exchange.iopub("status").stream().map(m -> m.text("execution_state")).toList();
        assertEquals(List.of("busy", "idle"), states, exchange::toString);
        assertEquals("status", exchange.iopub().get(0).type(), "busy comes first: " + exchange);
    }

    private static List<String> strings(JsonArray array) {
        List<String> out = new ArrayList<>();
        for (JsonElement e : array) {
            out.add(e.getAsString());
        }
        return out;
    }
}
