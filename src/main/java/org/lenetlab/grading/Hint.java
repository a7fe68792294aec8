package org.lenetlab.grading;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A hint the grader shows the student when the annotated test fails (never for hidden tests). */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Hint {
    /** @return one or two sentences pointing at the idea the test checks */
    String value();
}
