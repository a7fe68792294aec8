package org.lenetlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

class KernelCommandsTest {
    @TempDir
    Path tmp;

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = LenetCommand.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void installKernelIntoAPrefix() throws Exception {
        Run r = run("install-kernel", "--prefix", tmp.toString(), "--name", "lenet-test", "--heap", "3g", "--no-cds");
        assertEquals(0, r.exitCode(), r.err());
        Path spec = tmp.resolve("share/jupyter/kernels/lenet-test/kernel.json");
        assertTrue(r.out().contains(spec.getParent().toString()), r.out());
        JsonObject json = JsonParser.parseString(Files.readString(spec)).getAsJsonObject();
        assertTrue(json.getAsJsonArray("argv").toString().contains("\"-Xmx3g\""), json.toString());
        assertEquals("Java (LeNet Lab)", json.get("display_name").getAsString());
    }

    @Test
    void installKernelIntoAMissingPrefixFailsClearly() {
        Path missing = tmp.resolve("nowhere");
        Run r = run("install-kernel", "--prefix", missing.toString(), "--no-cds");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("--prefix " + missing + ": no such directory"), r.err());
        assertTrue(Files.notExists(missing));
    }

    @Test
    void userAndPrefixTogetherAreRefused() {
        Run r = run("install-kernel", "--user", "--prefix", tmp.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("mutually exclusive"), r.err());
    }
}
