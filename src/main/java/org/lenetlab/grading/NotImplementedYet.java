package org.lenetlab.grading;

/**
 * Thrown by the stubs of the exercises: the method is yours to write. The grader shows only this message (no
 * stack trace), so it says what the method has to do.
 */
public final class NotImplementedYet extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param whatToDo the method and what it must compute, e.g. "LayerArithmetic.convOutputSize: ..." */
    public NotImplementedYet(String whatToDo) {
        super("not implemented yet: " + whatToDo);
    }
}
