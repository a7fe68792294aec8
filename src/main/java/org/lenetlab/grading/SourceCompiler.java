package org.lenetlab.grading;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles a submission's sources together with the exercise's tests, in memory, in the grading process. No
 * submission code runs here: annotation processing is switched off, so compiling is safe.
 */
final class SourceCompiler {

    /** The compiled classes, or the compiler's errors. */
    record Output(Map<String, byte[]> classes, List<String> errors) {
        boolean ok() {
            return errors.isEmpty();
        }
    }

    private SourceCompiler() {
    }

    /**
     * @param sources   display path (e.g. "src/org/x/A.java") to source text
     * @param classPath the class path to compile against
     * @return class name to bytes, or the errors as "file:line: message"
     */
    static Output compile(Map<String, String> sources, String classPath) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("the grader needs a JDK (with javac), but runs on a JRE at "
                    + System.getProperty("java.home") + "; install a JDK 17+ or set JAVA_HOME to one");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((path, text) -> units.add(new Source(path, text)));
        Map<String, ByteArrayOutputStream> out = new TreeMap<>();
        StandardJavaFileManager standard = javac.getStandardFileManager(diagnostics, Locale.ROOT, null);
        JavaFileManager memory = new ForwardingJavaFileManager<>(standard) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                       FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension),
                        kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                        out.put(className, bytes);
                        return bytes;
                    }
                };
            }
        };
        List<String> options = List.of("-classpath", classPath, "-proc:none", "-encoding", "UTF-8",
                "--release", "17", "-nowarn", "-Xlint:none", "-implicit:none");
        boolean ok = javac.getTask(null, memory, diagnostics, options, null, units).call();
        List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                String where = d.getSource() == null ? "" : d.getSource().getName() + ":" + d.getLineNumber() + ": ";
                errors.add(where + d.getMessage(Locale.ROOT));
            }
        }
        if (!ok && errors.isEmpty()) {
            errors.add("the compiler failed without an error message");
        }
        Map<String, byte[]> classes = new TreeMap<>();
        if (errors.isEmpty()) {
            out.forEach((name, bytes) -> classes.put(name, bytes.toByteArray()));
        }
        return new Output(classes, errors);
    }

    private static final class Source extends SimpleJavaFileObject {
        private final String path;
        private final String text;

        Source(String path, String text) {
            super(URI.create("mem:///" + path.replace('\\', '/')), Kind.SOURCE);
            this.path = path;
            this.text = text;
        }

        @Override
        public String getName() {
            return path;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }
}
