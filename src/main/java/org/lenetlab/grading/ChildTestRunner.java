package org.lenetlab.grading;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The program the grader starts in each child JVM. It reads, from standard input, a one-time nonce and the tests
 * to run ({@code Class#method}, one per line, then an empty line), then runs them with the JUnit Platform
 * Launcher and reports every event as a frame on the original standard output:
 * <pre>
 *   @@&lt;nonce&gt; READY|START|PASS|FAIL|SKIP|CLASS_FAIL|DONE &lt;base64 test id&gt; &lt;base64 message&gt;
 * </pre>
 * The grading process ignores every line that does not start with its nonce, so a submission printing
 * "passed" lines achieves nothing; test code writing to {@code System.out} is redirected to standard error.
 * Not for direct use.
 */
public final class ChildTestRunner {
    private ChildTestRunner() {
    }

    /**
     * Entry point of the child JVM.
     *
     * @param args ignored (the nonce is passed on standard input, where other processes cannot read it)
     * @throws Exception if standard input cannot be read
     */
    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String nonce = in.readLine();
        List<String> ids = new ArrayList<>();
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            ids.add(line);
        }
        System.setIn(new ByteArrayInputStream(new byte[0]));
        Channel channel = new Channel(nonce, new PrintStream(new FileOutputStream(FileDescriptor.out), false,
                StandardCharsets.UTF_8));
        System.setOut(System.err);
        channel.send("READY", "", "");

        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "false")
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false");
        for (String id : ids) {
            int hash = id.indexOf('#');
            request.selectors(DiscoverySelectors.selectMethod(id.substring(0, hash), id.substring(hash + 1)));
        }
        LauncherDiscoveryRequest discovery = request.build();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(discovery, new Reporter(channel));
        channel.send("DONE", "", "");
        Runtime.getRuntime().halt(0); // do not wait for threads a submission may have left running
    }

    /** Writes frames; a leading newline ends any half line a submission left on the real standard output. */
    private static final class Channel {
        private final String nonce;
        private final PrintStream out;

        Channel(String nonce, PrintStream out) {
            this.nonce = nonce;
            this.out = out;
        }

        synchronized void send(String type, String id, String message) {
            Base64.Encoder b64 = Base64.getEncoder();
            out.print("\n@@" + nonce + " " + type + " " + b64.encodeToString(id.getBytes(StandardCharsets.UTF_8))
                    + " " + b64.encodeToString(message.getBytes(StandardCharsets.UTF_8)) + "\n");
            out.flush();
        }
    }

    private static final class Reporter implements TestExecutionListener {
        private final Channel channel;

        Reporter(Channel channel) {
            this.channel = channel;
        }

        @Override
        public void executionStarted(TestIdentifier test) {
            String id = methodId(test);
            if (id != null) {
                channel.send("START", id, "");
            } else {
                channel.send("ALIVE", "", "");
            }
        }

        @Override
        public void executionSkipped(TestIdentifier test, String reason) {
            String id = methodId(test);
            if (id != null) {
                channel.send("SKIP", id, "skipped: " + reason);
            }
        }

        @Override
        public void executionFinished(TestIdentifier test, TestExecutionResult result) {
            String id = methodId(test);
            boolean ok = result.getStatus() == TestExecutionResult.Status.SUCCESSFUL;
            String message = result.getThrowable().map(ChildTestRunner::describe).orElse(
                    ok ? "" : "aborted: " + result.getStatus());
            if (id != null) {
                channel.send(ok ? "PASS" : "FAIL", id, message);
            } else if (!ok && test.getSource().orElse(null) instanceof ClassSource cs) {
                channel.send("CLASS_FAIL", cs.getClassName(), message);
            }
        }

        private static String methodId(TestIdentifier test) {
            if (test.isTest() && test.getSource().orElse(null) instanceof MethodSource ms) {
                return ms.getClassName() + "#" + ms.getMethodName();
            }
            return null;
        }
    }

    /** The message a student should see: assertion text as is, other exceptions with their type, no trace. */
    static String describe(Throwable t) {
        if (t instanceof NotImplementedYet || t instanceof AssertionError) {
            return String.valueOf(t.getMessage());
        }
        String where = "";
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().startsWith("org.lenetlab.exercises.")) {
                where = " (at " + e.getClassName().substring(e.getClassName().lastIndexOf('.') + 1) + "."
                        + e.getMethodName() + ", line " + e.getLineNumber() + ")";
                break;
            }
        }
        return t.getClass().getName() + (t.getMessage() == null ? "" : ": " + t.getMessage()) + where;
    }
}
