package org.lenetlab.kernel;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicLong;

import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * JShell's engine for the kernel: snippets run in the kernel's JVM, on the thread that evaluates them (the session's
 * cell thread), so their objects are real objects the kernel can render, and a cell's threads are ordinary threads
 * (JShell's own local engine runs each snippet in a fresh thread group and stops the whole group, which would also
 * kill library threads started during the cell, such as ND4J's memory deallocators).
 *
 * <p>Each invocation hands JShell a key instead of the value's string; the real object waits under that key for
 * {@link #takeValue}. The exception a snippet threw is kept the same way, with its real class and cause chain.
 *
 * <p>Stopping: {@link #requestStop()} interrupts the running snippet's thread (sleeping, waiting and cooperative
 * code such as the {@code Trainer} stop at once); {@link #forceStop()} then unwinds code that ignores interrupts,
 * with {@code Thread.stop} on Java 17–19 and through JShell's stop-check instrumentation on Java 20+.
 */
final class CellExecutionControl extends LocalExecutionControl {
    private static final boolean THREAD_STOP_AVAILABLE = Runtime.version().feature() < 20;

    private final SnippetLoaderDelegate delegate;
    private final boolean instrumented;
    private final Object lock = new Object();
    private final AtomicLong keys = new AtomicLong();
    private Thread running;
    private boolean stopRequested;
    private boolean stopped;
    private volatile String valueKey;
    private volatile Object value;
    private volatile Throwable thrown;

    CellExecutionControl(SnippetLoaderDelegate delegate) {
        super(delegate);
        this.delegate = delegate;
        this.instrumented = StopSignal.jshellInstrumentsSnippets();
        if (instrumented) {
            delegate.loader().declare(StopSignal.CANCEL_CLASS, StopSignal.cancelClassBytes());
        }
    }

    /** @return a provider handing this instance to {@code JShell.builder().executionEngine(...)} */
    ExecutionControlProvider provider() {
        return new ExecutionControlProvider() {
            @Override
            public String name() {
                return "lenetlab";
            }

            @Override
            public ExecutionControl generate(ExecutionEnv env, java.util.Map<String, String> parameters) {
                return CellExecutionControl.this;
            }
        };
    }

    SnippetClassLoader loader() {
        return delegate.loader();
    }

    @Override
    protected String invoke(Method doit) throws Exception {
        Thread self = Thread.currentThread();
        synchronized (lock) {
            if (stopRequested) { // interrupted while JShell was compiling this snippet
                stopped = true;
                throw new StoppedException();
            }
            running = self;
            stopped = false;
        }
        Object result;
        try {
            try {
                result = doit.invoke(null);
            } finally {
                synchronized (lock) {
                    running = null;
                }
            }
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (isStop(cause)) {
                throw stoppedException();
            }
            thrown = cause;
            return throwConvertedInvocationException(cause);
        } catch (ThreadDeath | CellStoppedError e) {
            if (isStop(e)) {
                throw stoppedException();
            }
            throw e;
        }
        String key = "\u0000value#" + keys.incrementAndGet();
        value = result;
        valueKey = key;
        return key;
    }

    private boolean isStop(Throwable t) {
        synchronized (lock) {
            return (t instanceof ThreadDeath || t instanceof CellStoppedError) && stopRequested;
        }
    }

    private StoppedException stoppedException() {
        synchronized (lock) {
            stopped = true;
        }
        return new StoppedException();
    }

    /**
     * The object a snippet's invocation produced.
     *
     * @param key what JShell reported as the snippet's value
     * @return the object, or {@code null} if the key is not the last invocation's
     */
    Object takeValue(String key) {
        if (key == null || !key.equals(valueKey)) {
            return null;
        }
        Object v = value;
        value = null;
        valueKey = null;
        return v;
    }

    /** @return the exception the last failing snippet threw (real class, real cause chain), then forgets it */
    Throwable takeThrown() {
        Throwable t = thrown;
        thrown = null;
        return t;
    }

    /** @return whether the last invocation was stopped */
    boolean wasStopped() {
        synchronized (lock) {
            return stopped;
        }
    }

    /** @return the thread running snippet code now, or {@code null} */
    Thread runningThread() {
        synchronized (lock) {
            return running;
        }
    }

    /**
     * Interrupts the running snippet, if any, and arms the stop checks.
     *
     * @return whether a snippet was running
     */
    boolean requestStop() {
        synchronized (lock) {
            stopRequested = true;
            if (running == null) {
                return false;
            }
            if (instrumented) {
                StopSignal.request(running);
            }
            running.interrupt();
            return true;
        }
    }

    /** Unwinds the running snippet even if it ignores interrupts (see the class comment). */
    @SuppressWarnings({"deprecation", "removal"})
    void forceStop() {
        synchronized (lock) {
            if (running != null && stopRequested && THREAD_STOP_AVAILABLE) {
                running.stop();
            }
        }
    }

    /** Forgets a stop request once the cell it was meant for has ended. */
    void clearStop(Thread cellThread) {
        synchronized (lock) {
            stopRequested = false;
            stopped = false;
        }
        StopSignal.clear(cellThread);
    }

    /** @return whether a force stop can unwind code that never checks for interrupts */
    static boolean canStopBusyLibraryCode() {
        return THREAD_STOP_AVAILABLE;
    }

    @Override
    public void stop() {
        requestStop();
    }
}
