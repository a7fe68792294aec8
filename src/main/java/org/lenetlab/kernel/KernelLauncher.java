package org.lenetlab.kernel;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.channels.JupyterSocket;
import io.github.spencerpark.jupyter.channels.Loop;
import io.github.spencerpark.jupyter.channels.ShellChannel;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import org.zeromq.ZMQ;

/**
 * The kernel's main class, started by Jupyter with the connection file:
 * {@code java ... org.lenetlab.kernel.KernelLauncher {connection_file}}.
 *
 * <p>It sends logging to the kernel log ({@link KernelLogging}), starts the {@link KernelSession} (JShell warms up
 * on its own thread while the sockets connect; ND4J starts only when a cell uses it), binds the five sockets to
 * the connection file's address only, and serves until shut down. Every message's HMAC-SHA256 signature is
 * checked by the messaging layer; a message with a bad or missing signature is dropped, logged, and the channel
 * keeps serving (the layer alone would let the exception end the channel's thread).
 */
public final class KernelLauncher {
    private static Logger log() {
        return LoggerFactory.getLogger(KernelLauncher.class); // not in a static field: logging starts in parallel
    }

    private KernelLauncher() {
    }

    /**
     * @param args the connection file
     * @throws Exception if the connection file cannot be read or the sockets cannot be bound
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: KernelLauncher CONNECTION_FILE (Jupyter passes {connection_file})");
            System.exit(2);
        }
        Path logFile = KernelLogging.defaultLogFile();
        // Logging starts (logback reads its configuration) while JShell starts and the sockets bind: each takes a
        // good part of a second.
        Thread logging = new Thread(() -> KernelLogging.install(logFile), "lenetlab-logging");
        logging.start();
        // Text written outside any cell (library threads, shutdown) goes to the log rather than Jupyter's terminal.
        System.setOut(new PrintStream(new LogOutputStream("stdout"), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new LogOutputStream("stderr"), true, StandardCharsets.UTF_8));
        KernelSession session = KernelSession.start();
        KernelConnectionProperties connection = readConnectionFile(Path.of(args[0]));
        LenetKernel kernel = new LenetKernel(session, logFile);
        JupyterConnection sockets = connect(kernel, connection);
        logging.join();
        log().info("kernel listening on {}://{} (shell port {})", connection.getTransport(), connection.getIp(),
                connection.getShellPort());
        sockets.waitUntilClose();
        log().info("kernel shut down");
        session.close();
        System.exit(0);
    }

    /**
     * @param file a Jupyter connection file
     * @return its content
     * @throws IOException if it cannot be read or is not a connection file
     */
    static KernelConnectionProperties readConnectionFile(Path file) throws IOException {
        String json = Files.readString(file, StandardCharsets.UTF_8);
        KernelConnectionProperties p;
        try {
            p = KernelConnectionProperties.parse(json);
        } catch (RuntimeException e) {
            throw new IOException(file + " is not a Jupyter connection file: " + e.getMessage(), e);
        }
        if (p.getIp() == null || p.getTransport() == null) {
            throw new IOException(file + " is not a Jupyter connection file: it lacks \"ip\" or \"transport\"");
        }
        if (p.getKey() == null || p.getKey().isEmpty()) {
            log().warn("{} has an empty key: messages are not signed, anyone who can reach {} can run code", file,
                    p.getIp());
        } else if (!"hmac-sha256".equalsIgnoreCase(p.getSignatureScheme())) {
            throw new IOException(file + " asks for signature scheme " + p.getSignatureScheme()
                    + "; this kernel signs with hmac-sha256 (Jupyter's default)");
        }
        return p;
    }

    /**
     * Binds the sockets and hands them to the kernel.
     *
     * @return the connection, already serving
     */
    static JupyterConnection connect(LenetKernel kernel, KernelConnectionProperties properties) throws Exception {
        GuardedConnection connection = new GuardedConnection(properties);
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        connection.survivesBadMessages();
        connection.shellWakesOnRequest();
        return connection;
    }

    /**
     * The messaging layer's connection, with channels that log and drop a bad message instead of dying on it. The
     * layer's channels look for a request, then sleep 50 ms if there was none, which would add 25 ms on average to
     * every request: the shell channel here instead waits on the socket and wakes when a request arrives, and the
     * control channel (interrupts, shutdown) looks every {@value #CONTROL_POLL_MILLIS} ms.
     */
    private static final class GuardedConnection extends JupyterConnection {
        /** The shell loop's sleep only until {@link #shellWakesOnRequest} replaces it: the loop already runs. */
        private static final long SHELL_POLL_MILLIS = 2;
        private static final long SHELL_WAIT_MILLIS = 100;
        private static final long CONTROL_POLL_MILLIS = 10;
        private volatile Loop shellLoop;

        GuardedConnection(KernelConnectionProperties properties) throws Exception {
            super(properties);
            pollEvery(shell, SHELL_POLL_MILLIS);
            pollEvery(control, CONTROL_POLL_MILLIS);
        }

        private static void pollEvery(ShellChannel channel, long millis) throws ReflectiveOperationException {
            Field sleep = ShellChannel.class.getDeclaredField("sleep");
            sleep.setAccessible(true);
            sleep.setLong(channel, millis);
        }

        /**
         * Replaces the shell loop's look-then-sleep with a wait on the socket (at most {@value #SHELL_WAIT_MILLIS}
         * ms, so the loop still notices shutdown), then the layer's own look, which now finds the request at once.
         */
        void shellWakesOnRequest() throws ReflectiveOperationException {
            Loop loop = loopOf(shell);
            Field bodyField = Loop.class.getDeclaredField("loopBody");
            bodyField.setAccessible(true);
            LongSupplier look = (LongSupplier) bodyField.get(loop);
            Field contextField = JupyterSocket.class.getDeclaredField("ctx");
            contextField.setAccessible(true);
            ZMQ.Poller wait = ((ZMQ.Context) contextField.get(shell)).poller(1);
            wait.register(shell, ZMQ.Poller.POLLIN);
            LongSupplier waitThenLook = () -> {
                try {
                    wait.poll(SHELL_WAIT_MILLIS);
                } catch (RuntimeException closing) {
                    // the socket is closing: the layer's own look reports it
                }
                long sleep = look.getAsLong();
                return sleep < 0 ? sleep : 0;
            };
            bodyField.set(loop, waitThenLook);
            loop.onClose(wait::close);
            shellLoop = loop;
        }

        /**
         * Lets the shell loop leave its wait before the sockets close: the layer closes them from the thread that
         * handles shutdown, and a socket closed while another thread polls it can leave that thread stuck (the
         * kernel then never exits).
         */
        @Override
        public void close() {
            Loop loop = shellLoop;
            if (loop != null && loop != Thread.currentThread()) {
                loop.shutdown();
                try {
                    loop.join(4 * SHELL_WAIT_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            super.close();
        }

        private static Loop loopOf(ShellChannel channel) throws ReflectiveOperationException {
            Field field = ShellChannel.class.getDeclaredField("ioloop");
            field.setAccessible(true);
            return (Loop) field.get(channel);
        }

        void survivesBadMessages() throws ReflectiveOperationException {
            guard(shell, "shell");
            guard(control, "control");
        }

        private static void guard(ShellChannel channel, String name) throws ReflectiveOperationException {
            Loop loop = loopOf(channel);
            loop.onError(error -> {
                if (error instanceof SecurityException) {
                    log().warn("dropped a message with a bad or missing signature on the {} channel", name);
                } else {
                    log().error("dropped a message the {} channel could not read", name, error);
                }
                return 0;
            });
        }
    }

    /** Lines written to it become log lines (of a logger looked up at the first line). */
    private static final class LogOutputStream extends java.io.OutputStream {
        private final String loggerName;
        private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

        LogOutputStream(String loggerName) {
            this.loggerName = loggerName;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                flushLine();
            } else {
                line.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            for (int i = off; i < off + len; i++) {
                write(b[i]);
            }
        }

        private void flushLine() {
            if (line.size() > 0) {
                LoggerFactory.getLogger(loggerName).info(line.toString(StandardCharsets.UTF_8));
                line.reset();
            }
        }
    }
}
