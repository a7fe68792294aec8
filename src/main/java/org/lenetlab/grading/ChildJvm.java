package org.lenetlab.grading;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs compiled tests in child JVMs, one submission at a time, and turns what happens into test results. This is
 * where the grader's cheat resistance lives; see {@link org.lenetlab.grading} for the threat model.
 *
 * <ul>
 *   <li>Each child gets fresh copies of the class files, in a new temporary folder, and a fresh empty working
 *       folder; whatever a submission edits or deletes there is thrown away.</li>
 *   <li>Results travel as frames tagged with a random nonce that only the child's runner learns (on standard
 *       input, before any submission code is loaded). Lines without it are submission output, never results.</li>
 *   <li>A test only counts as passed on a PASS frame. A child that ends without DONE ({@code System.exit},
 *       {@code Runtime.halt}, out of memory) or stays silent past the per-test limit (then it is killed with its
 *       whole process tree) fails the test it was running; the remaining tests run in a new child. Past the
 *       per-submission limit every test not yet finished fails.</li>
 * </ul>
 */
final class ChildJvm {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int LOG_LIMIT = 16 * 1024;
    private static final int LINE_LIMIT = 64 * 1024;

    private final GradingLimits limits;
    private final String classPath;

    ChildJvm(GradingLimits limits, String classPath) {
        this.limits = limits;
        this.classPath = classPath;
    }

    /** A frame from the child, or the end of its output. */
    private record Frame(String type, String id, String message) {
        static final Frame EOF = new Frame("EOF", "", "");
        static final Frame TIMEOUT = new Frame("TIMEOUT", "", "");
    }

    /**
     * Runs the tests against the compiled classes.
     *
     * @param classes compiled submission and tests
     * @param tests   the graded tests
     * @return one result per test, in the order given
     */
    List<TestResult> run(Map<String, byte[]> classes, List<GradedTest> tests) {
        Map<String, GradedTest> remaining = new LinkedHashMap<>();
        tests.forEach(t -> remaining.put(t.id(), t));
        Map<String, TestResult> done = new LinkedHashMap<>();
        long deadline = System.nanoTime() + limits.perSubmission().toNanos();
        while (!remaining.isEmpty()) {
            if (System.nanoTime() >= deadline) {
                failAll(remaining, done, "not run: the submission used up its time limit of "
                        + seconds(limits.perSubmission()) + " for this exercise");
                break;
            }
            runOnce(classes, remaining, done, deadline);
        }
        List<TestResult> ordered = new ArrayList<>();
        tests.forEach(t -> ordered.add(done.get(t.id())));
        return ordered;
    }

    private void runOnce(Map<String, byte[]> classes, Map<String, GradedTest> remaining,
                         Map<String, TestResult> done, long deadline) {
        Path scratch = null;
        Process process = null;
        try {
            scratch = Files.createTempDirectory("lenet-grade-");
            Path classDir = scratch.resolve("classes");
            Path workDir = Files.createDirectory(scratch.resolve("work"));
            writeClasses(classDir, classes);
            String nonce = HexFormat.of().formatHex(randomBytes());
            List<String> command = List.of(javaExecutable(), "-Xmx" + limits.heapMegabytes() + "m",
                    "-XX:+ExitOnOutOfMemoryError", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss2m",
                    "-Djava.awt.headless=true", "-Dorg.eclipse.deeplearning4j.helpers.disable=false",
                    "-cp", classDir + File.pathSeparator + classPath, ChildTestRunner.class.getName());
            process = new ProcessBuilder(command).directory(workDir.toFile()).start();
            BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
            StringBuilder stderr = new StringBuilder();
            StringBuilder stdout = new StringBuilder();
            Thread outReader = pump(process.getInputStream(), nonce, frames, stdout);
            Thread errReader = pump(process.getErrorStream(), null, null, stderr);
            try (OutputStream stdin = process.getOutputStream()) {
                StringBuilder request = new StringBuilder(nonce).append('\n');
                remaining.keySet().forEach(id -> request.append(id).append('\n'));
                stdin.write(request.append('\n').toString().getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // the child died at once; handled below as a silent end
            }
            String current = null;
            boolean ready = false;
            boolean finished = false;
            Frame end = null;
            Map<String, String> classFailures = new LinkedHashMap<>();
            while (!finished) {
                long wait = Math.min((ready ? limits.perTest() : limits.startup()).toNanos(),
                        deadline - System.nanoTime());
                Frame f = wait <= 0 ? Frame.TIMEOUT : frames.poll(wait, TimeUnit.NANOSECONDS);
                if (f == null) {
                    f = Frame.TIMEOUT;
                }
                switch (f.type()) {
                    case "READY", "ALIVE" -> ready = true;
                    case "START" -> current = remaining.containsKey(f.id()) ? f.id() : current;
                    case "PASS", "FAIL", "SKIP" -> {
                        GradedTest t = remaining.remove(f.id());
                        if (t != null) {
                            done.put(t.id(), new TestResult(t, f.type().equals("PASS"), f.message()));
                        }
                        current = null;
                    }
                    case "CLASS_FAIL" -> classFailures.put(f.id(), f.message());
                    case "DONE" -> finished = true;
                    default -> {
                        end = f;
                        finished = true;
                    }
                }
            }
            destroyTree(process);
            errReader.join(2000);
            outReader.join(2000);
            if (end == null) {
                // a normal end: whatever JUnit did not run (a failing @BeforeAll, say) failed
                for (GradedTest t : List.copyOf(remaining.values())) {
                    String why = classFailures.getOrDefault(t.className(), "the test was not run");
                    done.put(t.id(), new TestResult(t, false, "not run: " + why));
                    remaining.remove(t.id());
                }
                return;
            }
            String reason = crashReason(end, process, stderr + "\n" + stdout, ready, deadline);
            if (current != null) {
                GradedTest t = remaining.remove(current);
                done.put(t.id(), new TestResult(t, false, reason));
            } else {
                // it died outside any test (class set-up, start-up): nothing to retry in isolation
                failAll(remaining, done, reason + lastLine(stderr.toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a child JVM for grading: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failAll(remaining, done, "grading was interrupted");
        } finally {
            if (process != null) {
                destroyTree(process);
            }
            deleteTree(scratch);
        }
    }

    private String crashReason(Frame end, Process process, String output, boolean ready, long deadline) {
        if (end == Frame.TIMEOUT) {
            if (System.nanoTime() >= deadline) {
                return "stopped: the submission used up its time limit of " + seconds(limits.perSubmission())
                        + " for this exercise";
            }
            return ready ? "stopped: the test took longer than the time limit of " + seconds(limits.perTest())
                    + " (an endless loop?)"
                    : "the test JVM did not start within " + seconds(limits.startup());
        }
        try {
            process.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int code = process.isAlive() ? -1 : process.exitValue();
        // -XX:+ExitOnOutOfMemoryError ends the JVM with exit code 3 after "Terminating due to ...OutOfMemoryError"
        if (code == 3 && output.contains("OutOfMemoryError")) {
            return "stopped: the test ran out of memory (limit " + limits.heapMegabytes() + " MB)";
        }
        return "stopped: the test ended the JVM (System.exit, Runtime.halt or a crash; exit code " + code + ")";
    }

    private static String lastLine(String log) {
        String[] lines = log.strip().split("\n");
        String last = lines[lines.length - 1].strip();
        return last.isEmpty() ? "" : " [" + (last.length() > 300 ? last.substring(0, 300) + "..." : last) + "]";
    }

    private static void failAll(Map<String, GradedTest> remaining, Map<String, TestResult> done, String reason) {
        remaining.values().forEach(t -> done.put(t.id(), new TestResult(t, false, reason)));
        remaining.clear();
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return b;
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String javaExecutable() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return Files.isExecutable(java) ? java.toString() : "java";
    }

    private static void writeClasses(Path dir, Map<String, byte[]> classes) throws IOException {
        for (Map.Entry<String, byte[]> e : classes.entrySet()) {
            Path file = dir.resolve(e.getKey().replace('.', File.separatorChar) + ".class");
            Files.createDirectories(file.getParent());
            Files.write(file, e.getValue());
        }
    }

    /**
     * Reads a child's stream line by line without ever holding more than {@link #LINE_LIMIT} characters of a line,
     * so a submission flooding its output cannot exhaust the grader's memory. Frames with the nonce go to the
     * queue; everything else is kept (bounded) as log.
     */
    private static Thread pump(InputStream stream, String nonce, BlockingQueue<Frame> frames, StringBuilder log) {
        Thread t = new Thread(() -> {
            String prefix = nonce == null ? null : "@@" + nonce + " ";
            StringBuilder line = new StringBuilder();
            byte[] buffer = new byte[8192];
            try (InputStream in = stream) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    for (int i = 0; i < n; i++) {
                        char c = (char) (buffer[i] & 0xff);
                        if (c == '\n') {
                            handle(line.toString(), prefix, frames, log);
                            line.setLength(0);
                        } else if (line.length() < LINE_LIMIT) {
                            line.append(c);
                        }
                    }
                }
                handle(line.toString(), prefix, frames, log);
            } catch (IOException e) {
                // the child was killed; the end of the stream is reported below
            }
            if (frames != null) {
                frames.add(Frame.EOF);
            }
        }, "grader-pump");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void handle(String line, String prefix, BlockingQueue<Frame> frames, StringBuilder log) {
        if (prefix != null && line.startsWith(prefix)) {
            String[] parts = line.substring(prefix.length()).split(" ", -1);
            if (parts.length == 3) {
                Base64.Decoder d = Base64.getDecoder();
                try {
                    frames.add(new Frame(parts[0], new String(d.decode(parts[1]), StandardCharsets.UTF_8),
                            new String(d.decode(parts[2]), StandardCharsets.UTF_8)));
                    return;
                } catch (IllegalArgumentException notBase64) {
                    // not a frame after all
                }
            }
        }
        synchronized (log) {
            if (log.length() < LOG_LIMIT) {
                log.append(line, 0, Math.min(line.length(), LOG_LIMIT - log.length())).append('\n');
            }
        }
    }

    private static void destroyTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteTree(Path root) {
        if (root == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a child may have made a file read-only; the temp folder is cleaned by the OS eventually
                }
            });
        } catch (IOException ignored) {
            // already gone
        }
    }
}
