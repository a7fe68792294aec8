package org.lenetlab.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's {@code /usr/bin/python3} with the Jupyter modules, for the tests that check our kernel against the
 * reference implementations (ipykernel, jupyter_client, nbclient). A pyenv {@code python3} earlier on PATH usually
 * lacks them, so the path is fixed. Missing tools skip a test on a developer's machine but fail it in CI
 * ({@code CI=true}), where {@code .ci/run} installs them: a protocol check must not silently stop running.
 */
final class SystemPython {
    /** The interpreter the Debian packages install into. */
    static final Path PYTHON = Path.of("/usr/bin/python3");

    private SystemPython() {
    }

    /** @return whether this run is in CI */
    static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * Makes sure {@link #PYTHON} exists and imports {@code modules}; otherwise skips the test, or fails it in CI.
     *
     * @param debianPackages the packages that provide the modules, for the message
     * @param modules        Python modules to import
     * @return the interpreter's path as a string
     */
    static String require(String debianPackages, String... modules) {
        String problem = problem(modules);
        if (problem != null) {
            String message = problem + ". Install them with: sudo apt-get install " + debianPackages;
            if (inCi()) {
                Assertions.fail("CI=true, so this test may not skip: " + message);
            }
            Assumptions.abort(message);
        }
        return PYTHON.toString();
    }

    private static String problem(String... modules) {
        if (!Files.isExecutable(PYTHON)) {
            return "no " + PYTHON;
        }
        String imports = "import " + String.join(", ", modules);
        try {
            Process p = new ProcessBuilder(List.of(PYTHON.toString(), "-c", imports)).redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return PYTHON + " -c '" + imports + "' did not finish";
            }
            return p.exitValue() == 0 ? null : PYTHON + " cannot '" + imports + "': " + lastLine(out);
        } catch (IOException e) {
            return PYTHON + " does not run: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static String lastLine(String text) {
        int newline = text.lastIndexOf('\n');
        return newline < 0 ? text : text.substring(newline + 1);
    }
}
