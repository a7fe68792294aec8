package org.lenetlab.grading;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The points an exercise test is worth. A graded test without this annotation is worth 1 point.
 *
 * <pre>{@code
 * @Test
 * @Points(2)
 * @Hint("out = floor((in + 2p - k) / s) + 1")
 * void convolutionWithPadding() { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Points {
    /** @return the points for passing the test, at least 1 */
    int value();
}
