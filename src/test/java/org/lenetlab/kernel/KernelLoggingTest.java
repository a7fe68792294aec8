package org.lenetlab.kernel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.LogManager;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;

/** Library INFO goes to the kernel log; WARN and above also reach the running cell's stderr. */
class KernelLoggingTest {
    @TempDir
    static Path dir;
    private static KernelSession session;

    @BeforeAll
    static void start() {
        KernelLogging.install(dir.resolve("logs/kernel.log"));
        session = KernelSession.start().awaitReady();
    }

    @AfterAll
    static void restore() throws Exception {
        session.close();
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        new ContextInitializer(context).autoConfig();
        LogManager.getLogManager().readConfiguration();
    }

    @Test
    void infoGoesToTheLogAndWarningsToTheCell() throws Exception {
        RecordingSink sink = new RecordingSink();
        CellOutcome out = session.execute("""
                var log = org.slf4j.LoggerFactory.getLogger("org.deeplearning4j.example.Layers");
                log.info("layer details for the log");
                log.warn("learning rate {} looks high", 5.0);
                java.util.logging.Logger.getLogger("some.jul.Library").warning("jul warning");
                """, sink);
        assertTrue(out.ok(), () -> String.valueOf(out.error()));
        String stderr = sink.stderr();
        assertTrue(stderr.contains("WARN Layers - learning rate 5.0 looks high"), stderr);
        assertTrue(stderr.contains("WARN Library - jul warning"), stderr);
        assertFalse(stderr.contains("layer details"), stderr);
        String log = Files.readString(dir.resolve("logs/kernel.log"));
        assertTrue(log.contains("INFO  org.deeplearning4j.example.Layers - layer details for the log"), log);
        assertTrue(log.contains("WARN  org.deeplearning4j.example.Layers - learning rate 5.0 looks high"), log);
        assertTrue(log.contains("JShell ready"), "the kernel's own messages are in the log");
    }

    @Test
    void theMessagingLayersNoteForEveryRequestIsLeftOut() throws Exception {
        java.util.logging.Logger shell = java.util.logging.Logger.getLogger("ShellChannel");
        shell.info("Handling message: execute_request");
        shell.info("Polling on Shell-0");
        String log = Files.readString(dir.resolve("logs/kernel.log"));
        assertFalse(log.contains("Handling message"), log);
        assertTrue(log.contains("Polling on Shell-0"), log);
    }

    @Test
    void warningsOutsideCellsStayInTheLog() throws Exception {
        LoggerFactory.getLogger("org.nd4j.Outside").warn("no cell runs");
        assertTrue(Files.readString(dir.resolve("logs/kernel.log")).contains("no cell runs"));
    }
}
