package org.lenetlab.grading;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the graded tests in freshly compiled test classes. Classes are loaded without being initialised, so no
 * static initialiser (of a test or of the submission) runs in the grading process.
 */
final class TestDiscovery {
    private static final String TEST = "org.junit.jupiter.api.Test";

    private TestDiscovery() {
    }

    /**
     * @param classes        every compiled class (submission and tests) by name
     * @param testClassNames the top-level test classes with their visibility
     * @return the {@code @Test} methods, visible first, then by class and method name
     */
    static List<GradedTest> discover(Map<String, byte[]> classes, Map<String, Visibility> testClassNames) {
        ClassLoader loader = new ClassLoader(TestDiscovery.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] bytes = classes.get(name);
                if (bytes == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, bytes, 0, bytes.length);
            }
        };
        List<GradedTest> tests = new ArrayList<>();
        for (Map.Entry<String, Visibility> e : testClassNames.entrySet()) {
            try {
                Class<?> type = Class.forName(e.getKey(), false, loader);
                for (Method m : type.getDeclaredMethods()) {
                    if (!hasAnnotation(m, Set.of(TEST))) {
                        continue;
                    }
                    Points points = m.getAnnotation(Points.class);
                    Hint hint = m.getAnnotation(Hint.class);
                    tests.add(new GradedTest(type.getName(), m.getName(), points == null ? 1 : points.value(),
                            hint == null ? "" : hint.value(), e.getValue()));
                }
            } catch (ClassNotFoundException | LinkageError ex) {
                throw new IllegalStateException("cannot inspect test class " + e.getKey() + ": " + ex, ex);
            }
        }
        tests.sort(Comparator.comparing(GradedTest::visibility).thenComparing(GradedTest::className)
                .thenComparing(GradedTest::methodName));
        return tests;
    }

    private static boolean hasAnnotation(Method m, Set<String> names) {
        for (var a : m.getDeclaredAnnotations()) {
            if (names.contains(a.annotationType().getName())) {
                return true;
            }
        }
        return false;
    }
}
