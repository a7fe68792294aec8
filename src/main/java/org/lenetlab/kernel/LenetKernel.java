package org.lenetlab.kernel;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.channels.ShellReplyEnvironment;
import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.ReplacementOptions;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.publish.PublishError;
import io.github.spencerpark.jupyter.messages.publish.PublishExecuteInput;
import io.github.spencerpark.jupyter.messages.publish.PublishExecuteResult;
import io.github.spencerpark.jupyter.messages.reply.ErrorReply;
import io.github.spencerpark.jupyter.messages.reply.ExecuteReply;
import io.github.spencerpark.jupyter.messages.request.ExecuteRequest;

/**
 * The Jupyter kernel: jupyter-jvm-basekernel's messaging over a {@link KernelSession}. Execute requests are handled
 * here rather than by the base class, so a failing cell is reported with the user's exception class as
 * {@code ename} and the session's traceback, and output streams to the front end while the cell runs. Interrupts
 * ({@code interrupt_mode: message}) stop the running cell and keep the session.
 */
public final class LenetKernel extends BaseKernel {
    private final KernelSession session;
    private final Path logFile;

    /**
     * @param session the engine; it may still be starting
     * @param logFile the kernel's log file, named in the banner ({@code null} if none)
     */
    public LenetKernel(KernelSession session, Path logFile) {
        this.session = session;
        this.logFile = logFile;
        setShouldReplaceStdStreams(false);
    }

    /** @return the engine */
    public KernelSession session() {
        return session;
    }

    @Override
    public void becomeHandlerForConnection(JupyterConnection connection) {
        super.becomeHandlerForConnection(connection);
        connection.setHandler(ExecuteRequest.MESSAGE_TYPE, this::handleExecute);
    }

    private void handleExecute(ShellReplyEnvironment env, Message<ExecuteRequest> message) {
        commManager.setMessageContext(message);
        ExecuteRequest request = message.getContent();
        int count = request.isSilent() ? executionCount.get() : executionCount.getAndIncrement();
        env.setBusyDeferIdle();
        env.publish(new PublishExecuteInput(request.getCode(), count));
        CellOutcome outcome = session.execute(request.getCode(), new JupyterSink(env));
        if (outcome.ok()) {
            if (outcome.result() != null && !request.isSilent()) {
                env.publish(new PublishExecuteResult(count, outcome.result()));
            }
            env.defer().reply(new ExecuteReply(count, Map.of()));
        } else {
            CellError e = outcome.error();
            env.publish(new PublishError(e.name(), e.value(), e.traceback()));
            ErrorReply reply = new ErrorReply(e.name(), e.value(), e.traceback());
            reply.setExecutionCount(count);
            env.defer().replyError(message.getHeader().getType().error(), reply);
        }
    }

    /**
     * Runs code outside an execute request (the base class's entry point): output goes to the kernel's IO.
     *
     * @throws CellFailedException if the cell fails
     */
    @Override
    public DisplayData eval(String code) throws CellFailedException {
        CellOutcome outcome = session.execute(code, new OutputSink() {
            @Override
            public void stream(Stream stream, String text) {
                (stream == Stream.STDOUT ? getIO().out : getIO().err).print(text);
            }

            @Override
            public void display(DisplayData data) {
                getIO().display.display(data);
            }

            @Override
            public void updateDisplay(DisplayData data) {
                getIO().display.updateDisplay(data);
            }
        });
        if (!outcome.ok()) {
            throw new CellFailedException(outcome.error());
        }
        return outcome.result();
    }

    /** A cell run through {@link #eval} failed. */
    public static final class CellFailedException extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient CellError error;

        CellFailedException(CellError error) {
            super(error.name() + ": " + error.value());
            this.error = error;
        }

        /** @return why the cell failed */
        public CellError error() {
            return error;
        }
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        KernelSession.Completion c = session.complete(code, at);
        return c.matches().isEmpty() ? null : new ReplacementOptions(c.matches(), c.start(), c.end());
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        String doc = session.inspect(code, at);
        return doc.isEmpty() ? null : new DisplayData(doc);
    }

    @Override
    public String isComplete(String code) {
        KernelSession.IsComplete c = session.isComplete(code);
        return c.status().equals(KernelSession.IsComplete.INCOMPLETE) ? c.indent() : c.status();
    }

    @Override
    public LanguageInfo getLanguageInfo() {
        return new LanguageInfo("java", String.valueOf(Runtime.version().feature()), "text/x-java-source", ".jshell", "java",
                "java", "script");
    }

    @Override
    public String getBanner() {
        return "LeNet Lab — Java " + Runtime.version() + " (JShell) with the course library, DL4J, Tablesaw and "
                + "XChart preloaded.\nMagics: %lsmagic. Display: display(obj), updateDisplay(id, obj)."
                + (logFile == null ? "" : "\nKernel log: " + logFile);
    }

    @Override
    public List<LanguageInfo.Help> getHelpLinks() {
        return List.of(
                new LanguageInfo.Help("Java 17 API", "https://docs.oracle.com/en/java/javase/17/docs/api/"),
                new LanguageInfo.Help("Deeplearning4j", "https://deeplearning4j.konduit.ai/"),
                new LanguageInfo.Help("Tablesaw", "https://jtablesaw.github.io/tablesaw/"),
                new LanguageInfo.Help("XChart", "https://knowm.org/open-source/xchart/"));
    }

    @Override
    public void interrupt() {
        session.interrupt();
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        session.close();
    }
}
