package org.lenetlab.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A kernel running as a child process on a fresh connection file (free ports, random key), its output in a log
 * file; {@link #close()} always ends it.
 */
final class KernelProcess implements AutoCloseable {
    private final Process process;
    private final ConnectionInfo connection;
    private final Path log;

    private KernelProcess(Process process, ConnectionInfo connection, Path log) {
        this.process = process;
        this.connection = connection;
        this.log = log;
    }

    /**
     * Starts a kernel.
     *
     * @param command the command line without the connection file, which is appended
     * @param dir     a scratch directory for the connection file and the log (and the working directory)
     * @param env     extra environment variables
     * @return the running kernel
     * @throws IOException if it cannot be started
     */
    static KernelProcess start(List<String> command, Path dir, Map<String, String> env) throws IOException {
        ConnectionInfo connection = ConnectionInfo.random("127.0.0.1");
        Path file = connection.write(dir.resolve("kernel-" + System.nanoTime() + ".json"));
        Path log = dir.resolve(file.getFileName() + ".log");
        List<String> full = new ArrayList<>(command);
        full.add(file.toString());
        ProcessBuilder builder = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        return new KernelProcess(builder.start(), connection, log);
    }

    /**
     * The command that starts our kernel in a JVM on the test's own class path.
     *
     * @param kernelLog where the kernel writes its log (instead of the user's ~/.cache/lenetlab/kernel.log)
     * @return {@code java -cp ... org.lenetlab.kernel.KernelLauncher}
     */
    static List<String> lenetKernelCommand(Path kernelLog) {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-Djava.awt.headless=true", "-Dlenetlab.kernel.log=" + kernelLog, "-cp", testClassPath(),
                "org.lenetlab.kernel.KernelLauncher");
    }

    /**
     * @return the test run's class path: Surefire's real one (its own {@code java.class.path} may be a
     *         manifest-only jar that it deletes), else this JVM's
     */
    static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    /** @return the connection it was started with */
    ConnectionInfo connection() {
        return connection;
    }

    /** @return the process */
    Process process() {
        return process;
    }

    /**
     * @param timeout how long to wait
     * @return whether the process has exited within that time
     */
    boolean waitForExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** @return the last lines the kernel printed, for failure messages */
    String logTail() {
        return tail(log);
    }

    /**
     * @param file a log file
     * @return its last 40 lines, headed by its name
     */
    static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return "--- " + file + ":\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "--- " + file + " unreadable: " + e;
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}
