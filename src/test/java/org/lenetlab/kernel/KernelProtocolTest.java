package org.lenetlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.lenetlab.kernel.JupyterTestClient.Exchange;

import com.google.gson.JsonObject;

/**
 * Our kernel ({@code org.lenetlab.kernel.KernelLauncher} in a child JVM on the test class path) passes the same
 * protocol checks as Python's ipykernel ({@link JupyterTestClientTest}), plus Java-specific ones.
 */
class KernelProtocolTest extends KernelProtocolContract {

    @Override
    List<String> kernelCommand() {
        return KernelProcess.lenetKernelCommand(kernelLog());
    }

    @Override
    Path kernelLog() {
        return scratch.resolve("lenetlab-kernel.log");
    }

    @Override
    String languageName() {
        return "java";
    }

    @Override
    String printCell() {
        return "System.out.println(\"hello\");\nSystem.err.println(\"oops\");";
    }

    @Override
    String runtimeErrorCell() {
        return "Integer.parseInt(\"seven\")";
    }

    @Override
    String runtimeErrorName() {
        return "NumberFormatException";
    }

    @Override
    String displayPngCell() {
        return "var image = new java.awt.image.BufferedImage(4, 3, java.awt.image.BufferedImage.TYPE_INT_RGB);\n"
                + "display(image);";
    }

    @Override
    String defineSeven(String name) {
        return "int " + name + " = 7;";
    }

    @Override
    String timesSix(String name) {
        return name + " * 6";
    }

    @Override
    String busyLoopCell() {
        return "System.out.println(\"looping\");\nwhile (true) {\n}";
    }

    @Override
    String sleepingCell() {
        return "System.out.println(\"sleeping\");\nThread.sleep(600_000);";
    }

    @Override
    String interruptedName() {
        return "Interrupted";
    }

    @Override
    String[] completion() {
        return new String[] {"System.out.printl", "System.out.println"};
    }

    @Override
    String[] inspection() {
        // JShell documents a method at its call's parenthesis, where front ends typically ask (Shift-Tab)
        return new String[] {"Math.max(", "int Math.max(int a, int b)"};
    }

    @Override
    String incompleteCode() {
        return "for (int i = 0; i < 3; i++) {";
    }

    @Test
    void imageValueRendersAsPngResult() throws Exception {
        Exchange run = execute("new java.awt.image.BufferedImage(5, 2, java.awt.image.BufferedImage.TYPE_INT_RGB)");
        assertEquals("ok", run.status(), run::toString);
        JsonObject data = run.iopub("execute_result").get(0).content().getAsJsonObject("data");
        assertTrue(data.has("text/plain"), run::toString);
        byte[] png = Base64.getMimeDecoder().decode(data.get("image/png").getAsString());
        assertEquals(5, javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png)).getWidth());
    }

    @Test
    void compileErrorNamesJavacMessage() throws Exception {
        Exchange run = executeFailing("int answer = \"forty-two\";");
        assertEquals("error", run.status(), run::toString);
        assertEquals("CompilationException", run.reply().text("ename"), run::toString);
        String shown = String.join("\n", run.iopub("error").get(0).content().getAsJsonArray("traceback")
                .asList().stream().map(e -> e.getAsString()).toList());
        assertTrue(shown.contains("incompatible types"), shown);
    }

    @Test
    void backgroundThreadOutputIsStreamed() throws Exception {
        Exchange run = execute("var t = new Thread(() -> System.out.println(\"from a thread\"));\n"
                + "t.start();\nt.join();");
        assertEquals("ok", run.status(), run::toString);
        assertEquals("from a thread\n", run.stream("stdout"), run::toString);
    }

    @Test
    void methodsAndVariablesCarryAcrossCells() throws Exception {
        assertEquals("ok", execute("int square(int x) {\n    return x * x;\n}").status());
        assertEquals("ok", execute("var base = 9;").status());
        assertEquals("81", execute("square(base)").resultText());
    }
}
