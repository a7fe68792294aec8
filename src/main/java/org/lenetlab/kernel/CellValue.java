package org.lenetlab.kernel;

/**
 * Hands the value of a cell's expression to the kernel without JShell's own expression handling. JShell runs javac
 * three times on an expression before running it: once only to learn its type (so it can declare a variable
 * {@code $N} of that type), then to analyse and to compile that declaration; a statement costs a trial run of
 * javac too. The kernel instead runs an expression {@code e} as the declaration
 * {@code CellValue $cellValue$ = CellValue.of(() -> e);}: a variable whose type is written out needs no trial, so
 * javac runs twice, and picks the overload (a value, or {@code void} for a statement expression such as
 * {@code println(...)}) on the way. Public only because snippet code calls it; not part of the course API.
 */
public final class CellValue {
    private static final Object NONE = new Object();
    private static final ThreadLocal<Object> LAST = ThreadLocal.withInitial(() -> NONE);

    private CellValue() {
    }

    /** An expression with a value. */
    @FunctionalInterface
    public interface Valued<T> {
        /** @return the expression's value */
        T get() throws Throwable;
    }

    /** A statement expression of type {@code void}. */
    @FunctionalInterface
    public interface Unvalued {
        /** Evaluates the expression. */
        void run() throws Throwable;
    }

    /**
     * Evaluates an expression and keeps its value for the kernel.
     *
     * @param expression the cell's expression
     * @return {@code null}: the declaration that calls this needs a type, not a value
     * @throws Throwable whatever the expression throws, unchanged
     */
    public static CellValue of(Valued<?> expression) throws Throwable {
        LAST.set(NONE);
        LAST.set(expression.get());
        return null;
    }

    /**
     * Evaluates a {@code void} expression; the cell has no value.
     *
     * @param expression the cell's expression
     * @return {@code null}, as {@link #of(Valued)}
     * @throws Throwable whatever the expression throws, unchanged
     */
    public static CellValue of(Unvalued expression) throws Throwable {
        LAST.set(NONE);
        expression.run();
        return null;
    }

    /** The value the last {@code of} call on this thread kept, if any; forgets it. */
    static JavaEvaluator.Result take() {
        Object v = LAST.get();
        LAST.remove();
        return v == NONE ? JavaEvaluator.Result.NONE : JavaEvaluator.Result.value(v);
    }
}
