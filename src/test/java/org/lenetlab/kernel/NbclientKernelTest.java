package org.lenetlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * A real Jupyter client runs a notebook on our kernel: the kernelspec is installed into a private Jupyter data
 * directory (with its class-data archive, as users get it), and Debian's nbclient under {@code /usr/bin/python3}
 * executes {@code protocol-check.ipynb} through it with {@code allow_errors}; the executed notebook must validate
 * with nbformat and hold the value, the stream, the PNG and the error. In CI the Python modules are required.
 */
class NbclientKernelTest {
    private static final String NOTEBOOK = "org/lenetlab/kernel/protocol-check.ipynb";
    private static final String RUNNER = "org/lenetlab/kernel/run_notebook.py";

    @TempDir
    Path tmp;

    @Test
    void nbclientExecutesTheTestNotebookThroughTheInstalledKernelspec() throws Exception {
        String python = SystemPython.require("jupyter-client python3-nbclient python3-nbformat",
                "jupyter_client", "nbclient", "nbformat");
        Path dataDir = tmp.resolve("jupyter-data");
        KernelSpecInstaller.Installation installed = KernelSpecInstaller.builder().name("lenetlab-test")
                .heap("1g").classPath(KernelSpecInstaller.parseClassPath(KernelProcess.testClassPath()))
                .home(Path.of("").toAbsolutePath()).build().install(dataDir);
        assertTrue(installed.archive().startsWith("class-data archive created"), installed.archive());

        Path source = copyResource(NOTEBOOK, tmp.resolve("protocol-check.ipynb"));
        Path runner = copyResource(RUNNER, tmp.resolve("run_notebook.py"));
        Path executed = tmp.resolve("executed.ipynb");
        Path log = tmp.resolve("nbclient.log");
        ProcessBuilder pb = new ProcessBuilder(python, runner.toString(), "lenetlab-test", source.toString(),
                executed.toString()).directory(tmp.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("JUPYTER_PATH", dataDir.toString());
        pb.environment().put("JUPYTER_DATA_DIR", dataDir.toString());
        pb.environment().put("JUPYTER_RUNTIME_DIR", tmp.resolve("runtime").toString());
        pb.environment().put("JUPYTER_CONFIG_DIR", tmp.resolve("config").toString());
        Process p = pb.start();
        try {
            assertTrue(p.waitFor(5, TimeUnit.MINUTES), "nbclient did not finish within 5 minutes");
        } finally {
            p.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), "nbclient failed or the notebook did not validate:\n" + output);

        JsonArray cells = JsonParser.parseString(Files.readString(executed, StandardCharsets.UTF_8)).getAsJsonObject()
                .getAsJsonArray("cells");
        JsonObject value = onlyOutput(cells, 1);
        assertEquals("execute_result", value.get("output_type").getAsString());
        assertEquals("2", text(value.getAsJsonObject("data").get("text/plain")));
        assertEquals(1, cells.get(1).getAsJsonObject().get("execution_count").getAsInt());

        JsonObject stream = onlyOutput(cells, 2);
        assertEquals("stream", stream.get("output_type").getAsString());
        assertEquals("stdout", stream.get("name").getAsString());
        assertEquals("hello from the kernel\n", text(stream.get("text")));

        JsonObject display = onlyOutput(cells, 3);
        assertEquals("display_data", display.get("output_type").getAsString());
        byte[] png = Base64.getMimeDecoder().decode(text(display.getAsJsonObject("data").get("image/png")));
        var image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(16, image.getWidth());
        assertEquals(0xFFC800, image.getRGB(2, 2) & 0xFFFFFF, "the orange square drawn in the cell");

        JsonObject error = onlyOutput(cells, 4);
        assertEquals("error", error.get("output_type").getAsString());
        assertEquals("NumberFormatException", error.get("ename").getAsString());

        JsonObject after = onlyOutput(cells, 5);
        assertEquals("42", text(after.getAsJsonObject("data").get("text/plain")), "allow_errors: the run went on");
        assertEquals(5, cells.get(5).getAsJsonObject().get("execution_count").getAsInt());
    }

    private static JsonObject onlyOutput(JsonArray cells, int index) {
        JsonArray outputs = cells.get(index).getAsJsonObject().getAsJsonArray("outputs");
        assertEquals(1, outputs.size(), "cell " + index + " outputs: " + outputs);
        return outputs.get(0).getAsJsonObject();
    }

    /** nbformat stores multi-line strings either as one string or as a list of lines. */
    private static String text(JsonElement multiline) {
        if (multiline.isJsonArray()) {
            List<String> lines = new ArrayList<>();
            multiline.getAsJsonArray().forEach(e -> lines.add(e.getAsString()));
            return String.join("", lines);
        }
        return multiline.getAsString();
    }

    private static Path copyResource(String resource, Path target) throws IOException {
        try (InputStream in = NbclientKernelTest.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("test resource missing: " + resource);
            }
            Files.copy(in, target);
        }
        return target;
    }
}
