package org.lenetlab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Validates notebook files with Jupyter's own {@code nbformat} (Debian's {@code python3-nbformat} under
 * {@code /usr/bin/python3}). Skips where it is not installed, except in CI ({@code CI=true}), where it must be.
 */
final class Nbformat {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    private Nbformat() {
    }

    static void validate(Path notebook) throws IOException, InterruptedException {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        if (!Files.isExecutable(PYTHON) || run("import nbformat").exitCode != 0) {
            if (ci) {
                fail("CI=true but /usr/bin/python3 cannot import nbformat: install python3-nbformat with apt");
            }
            Assumptions.abort("/usr/bin/python3 with nbformat is not installed (apt-get install python3-nbformat)");
        }
        Result result = run("import sys, nbformat; nbformat.validate(nbformat.read(sys.argv[1], 4))",
                notebook.toAbsolutePath().toString());
        assertEquals(0, result.exitCode, "nbformat rejects " + notebook + ":\n" + result.output);
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(String script, String... args) throws IOException, InterruptedException {
        String[] command = new String[3 + args.length];
        command[0] = PYTHON.toString();
        command[1] = "-c";
        command[2] = script;
        System.arraycopy(args, 0, command, 3, args.length);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("python did not finish validating within 60 s");
        }
        return new Result(process.exitValue(), output);
    }
}
