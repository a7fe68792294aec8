package org.lenetlab.notebook;

import org.lenetlab.kernel.CellExecutor;

/** Starts a fresh session for one notebook, e.g. {@code KernelSession::start}. */
@FunctionalInterface
public interface ExecutorFactory {

    /**
     * @return a new session, with nothing defined yet
     * @throws Exception if it cannot start
     */
    CellExecutor start() throws Exception;
}
