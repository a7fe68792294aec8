package org.lenetlab.kernel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.FileAppender;

/**
 * Logging of a kernel process: everything from INFO up (DL4J's and ND4J's start-up chatter, the kernel's own
 * messages, the Jupyter messaging layer's) goes to a log file; warnings and errors also reach the stderr of the cell
 * that is running, so a student sees them where they happen. java.util.logging (used by the messaging layer) is
 * routed into the same file.
 */
public final class KernelLogging {
    private static volatile Path logFile;

    private KernelLogging() {
    }

    /**
     * @return the log file: system property {@code lenetlab.kernel.log}, else {@code kernel.log} in
     *     {@code $LENETLAB_DATA_DIR} or {@code ~/.cache/lenetlab}
     */
    public static Path defaultLogFile() {
        String explicit = System.getProperty("lenetlab.kernel.log");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String dataDir = System.getenv("LENETLAB_DATA_DIR");
        Path dir = dataDir != null && !dataDir.isBlank() ? Path.of(dataDir)
                : Path.of(System.getProperty("user.home"), ".cache", "lenetlab");
        return dir.resolve("kernel.log");
    }

    /** @return where {@link #install} sends the log, or {@code null} if it was not called */
    public static Path logFile() {
        return logFile;
    }

    /**
     * Replaces the logging configuration of this JVM: INFO and up to {@code file} (appended, safe with several
     * kernels writing), WARN and up also to the running cell's stderr.
     *
     * @param file the log file; its folder is created
     */
    public static synchronized void install(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (java.io.IOException e) {
            System.err.println("lenetlab kernel: cannot create " + file.getParent() + " for the log: " + e);
        }
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        root.setLevel(Level.INFO);

        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} [%thread] %-5level %logger{36} - %msg%n");
        encoder.start();
        FileAppender<ILoggingEvent> fileAppender = new FileAppender<>();
        fileAppender.setContext(context);
        fileAppender.setName("kernel-log");
        fileAppender.setFile(file.toAbsolutePath().toString());
        fileAppender.setAppend(true);
        fileAppender.setPrudent(true);
        fileAppender.setEncoder(encoder);
        fileAppender.start();
        root.addAppender(fileAppender);

        CellStderrAppender cell = new CellStderrAppender();
        cell.setContext(context);
        cell.setName("cell-stderr");
        cell.start();
        root.addAppender(cell);

        routeJavaUtilLogging();
        logFile = file;
        LoggerFactory.getLogger(KernelLogging.class).info("kernel log started (pid {})", ProcessHandle.current().pid());
    }

    private static void routeJavaUtilLogging() {
        java.util.logging.Logger julRoot = LogManager.getLogManager().getLogger("");
        for (Handler h : julRoot.getHandlers()) {
            julRoot.removeHandler(h);
        }
        julRoot.setLevel(java.util.logging.Level.INFO);
        julRoot.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (!isLoggable(record)) {
                    return;
                }
                org.slf4j.Logger target = LoggerFactory.getLogger(record.getLoggerName() == null ? "jul"
                        : record.getLoggerName());
                String message = record.getMessage();
                int level = record.getLevel().intValue();
                if (isPerMessageNote(record)) {
                    level = java.util.logging.Level.FINE.intValue();
                }
                if (level >= java.util.logging.Level.SEVERE.intValue()) {
                    target.error(message, record.getThrown());
                } else if (level >= java.util.logging.Level.WARNING.intValue()) {
                    target.warn(message, record.getThrown());
                } else if (level >= java.util.logging.Level.INFO.intValue()) {
                    target.info(message, record.getThrown());
                } else {
                    target.debug(message, record.getThrown());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }

    /**
     * The messaging layer notes every request it handles at INFO ("Handling message: execute_request"): half of a
     * kernel log's lines, one locked write per cell and per completion request. They go to DEBUG (not logged).
     */
    static boolean isPerMessageNote(LogRecord record) {
        String message = record.getMessage();
        return message != null && message.startsWith("Handling message:")
                && record.getLevel().intValue() <= java.util.logging.Level.INFO.intValue();
    }

    /** WARN and up to the stderr of the cell whose thread logged (the kernel's own messages stay in the file). */
    static final class CellStderrAppender extends AppenderBase<ILoggingEvent> {
        @Override
        protected void append(ILoggingEvent event) {
            if (!event.getLevel().isGreaterOrEqual(Level.WARN)
                    || event.getLoggerName().startsWith(KernelLogging.class.getPackageName())
                    || event.getLoggerName().startsWith("io.github.spencerpark")) {
                return;
            }
            CellContext cell = CellContext.current();
            if (cell == null) {
                return;
            }
            String logger = event.getLoggerName();
            StringBuilder line = new StringBuilder().append(event.getLevel()).append(' ')
                    .append(logger.substring(logger.lastIndexOf('.') + 1)).append(" - ")
                    .append(event.getFormattedMessage()).append('\n');
            if (event.getThrowableProxy() != null) {
                line.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append(CoreConstants.LINE_SEPARATOR);
            }
            cell.output().write(OutputSink.Stream.STDERR, line.toString());
        }
    }
}
