package org.lenetlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

class KernelSpecInstallerTest {
    @TempDir
    Path tmp;

    private final List<Path> classPath = List.of(Path.of("target/classes"), Path.of("lib/a.jar"), Path.of("lib/b.jar"));

    private KernelSpecInstaller installer(String heap) {
        return KernelSpecInstaller.builder().heap(heap).classPath(classPath).home(tmp.resolve("home"))
                .classDataSharing(false).build();
    }

    private static JsonObject read(Path file) throws IOException {
        return JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
    }

    @Test
    void writesKernelJsonWithTheJupyterFieldsIntoThePrefix() throws Exception {
        Path dataDir = JupyterPaths.prefixDataDir(tmp);
        KernelSpecInstaller.Installation installed = installer("2g").install(dataDir);

        Path dir = tmp.resolve("share/jupyter/kernels/lenetlab");
        assertEquals(dir, installed.directory());
        JsonObject json = read(dir.resolve("kernel.json"));
        assertEquals(installed.kernelJson(), json);
        assertEquals("Java (LeNet Lab)", json.get("display_name").getAsString());
        assertEquals("java", json.get("language").getAsString());
        assertEquals("message", json.get("interrupt_mode").getAsString());

        List<String> argv = json.getAsJsonArray("argv").asList().stream().map(e -> e.getAsString()).toList();
        Path java = Path.of(argv.get(0));
        assertTrue(java.isAbsolute() && Files.isExecutable(java), argv.get(0));
        assertEquals(List.of("-Xmx2g", "-XX:+UseParallelGC", "-XX:MaxNewSize=64m", "-XX:MinHeapFreeRatio=10",
                "-XX:MaxHeapFreeRatio=30", "-Djava.awt.headless=true", "-Dlenetlab.home=" + tmp.resolve("home")),
                argv.subList(1, 8));
        int cp = argv.indexOf("-cp");
        assertEquals(String.join(File.pathSeparator, classPath.stream()
                .map(p -> p.toAbsolutePath().normalize().toString()).toList()), argv.get(cp + 1));
        assertEquals(List.of("org.lenetlab.kernel.KernelLauncher", "{connection_file}"),
                argv.subList(argv.size() - 2, argv.size()));
        assertEquals(cp + 4, argv.size(), "nothing after the connection file: " + argv);
        assertTrue(installed.archive().contains("off"), installed.archive());
    }

    @Test
    void writesBothLogosAsPngOfTheirSize() throws Exception {
        Path dir = installer("4g").install(tmp).directory();
        for (int size : new int[] {32, 64}) {
            BufferedImage logo = ImageIO.read(dir.resolve("logo-" + size + "x" + size + ".png").toFile());
            assertEquals(size, logo.getWidth());
            assertEquals(size, logo.getHeight());
            int center = logo.getRGB(size / 2, size / 2);
            int corner = logo.getRGB(0, 0);
            assertEquals(0, corner >>> 24, "transparent corner");
            assertEquals(0xFF, center >>> 24, "opaque middle");
        }
    }

    @Test
    void reinstallReplacesAtomicallyAndLeavesNoTemporaryFiles() throws Exception {
        installer("2g").install(tmp);
        Path dir = installer("6g").install(tmp).directory();
        assertTrue(read(dir.resolve("kernel.json")).getAsJsonArray("argv").toString().contains("-Xmx6g"));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("kernel.json", "logo-32x32.png", "logo-64x64.png"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void failedReinstallKeepsThePreviousKernelJson() throws Exception {
        Path dir = installer("2g").install(tmp).directory();
        String before = Files.readString(dir.resolve("kernel.json"));
        // a directory where a logo goes makes the install fail before kernel.json is touched
        Files.delete(dir.resolve("logo-64x64.png"));
        Files.createDirectories(dir.resolve("logo-64x64.png").resolve("blocker"));
        assertThrows(IOException.class, () -> installer("8g").install(tmp));
        assertEquals(before, Files.readString(dir.resolve("kernel.json")));
    }

    @Test
    void usableUnlessTheClassPathChangedOrItsArchiveIsGone() throws Exception {
        assertFalse(installer("2g").isUsable(tmp));
        Path dir = installer("2g").install(tmp).directory();
        assertTrue(installer("2g").isUsable(tmp));
        assertTrue(installer("3g").isUsable(tmp), "another heap is the user's choice, not a reason to reinstall");
        assertFalse(KernelSpecInstaller.builder().classPath(classPath.subList(0, 2)).home(tmp).build().isUsable(tmp),
                "a dependency less: stale");
        Path spec = dir.resolve("kernel.json");
        Files.writeString(spec, Files.readString(spec).replace("\"-Xmx2g\"",
                "\"-Xmx2g\", \"-XX:SharedArchiveFile=" + tmp.resolve("gone.jsa") + "\""));
        assertFalse(installer("2g").isUsable(tmp), "the archive it names is missing");
    }

    @Test
    void keepsTheHeapCloseToWhatIsLiveAsTheLauncherDoes() throws Exception {
        String argv = installer("2g").install(tmp).kernelJson().toString();
        assertTrue(argv.contains("\"-XX:+UseParallelGC\",\"-XX:MaxNewSize=64m\",\"-XX:MinHeapFreeRatio=10\","
                + "\"-XX:MaxHeapFreeRatio=30\""), argv);
        String launcher = Files.readString(Path.of("lenet"));
        assertTrue(launcher.contains("-XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30")
                && launcher.contains("-XX:+UseParallelGC -XX:MaxNewSize=64m"), "./lenet and the kernel run training "
                + "with the same heap policy");
    }

    @Test
    void quickJitByDefaultFullJitOnRequest() throws Exception {
        assertTrue(installer("2g").install(tmp).kernelJson().toString().contains("\"-XX:TieredStopAtLevel=1\""));
        String full = KernelSpecInstaller.builder().classPath(classPath).home(tmp).classDataSharing(false)
                .quickJit(false).build().install(tmp).kernelJson().toString();
        assertFalse(full.contains("TieredStopAtLevel"), full);
    }

    @Test
    void badPrefixSaysWhatIsWrong() throws Exception {
        Path missing = tmp.resolve("no-such-env");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JupyterPaths.prefixDataDir(missing));
        assertTrue(e.getMessage().contains(missing.toString()) && e.getMessage().contains("no such directory"),
                e.getMessage());
        Path file = Files.writeString(tmp.resolve("file"), "x");
        e = assertThrows(IllegalArgumentException.class, () -> JupyterPaths.prefixDataDir(file));
        assertTrue(e.getMessage().contains("not a directory"), e.getMessage());
    }

    @Test
    void badNameOrHeapIsRefused() {
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class,
                () -> KernelSpecInstaller.builder().name("my kernel/1"));
        assertTrue(name.getMessage().contains("my kernel/1"), name.getMessage());
        IllegalArgumentException heap = assertThrows(IllegalArgumentException.class,
                () -> KernelSpecInstaller.builder().heap("lots"));
        assertTrue(heap.getMessage().contains("4g"), heap.getMessage());
    }

    @Test
    void userDataDirFollowsJupyterCoreRules() {
        Path home = Path.of("/home/ann");
        assertEquals(Path.of("/home/ann/.local/share/jupyter"), JupyterPaths.userDataDir(Map.of(), "Linux", home));
        assertEquals(Path.of("/xdg/jupyter"), JupyterPaths.userDataDir(Map.of("XDG_DATA_HOME", "/xdg"), "Linux", home));
        assertEquals(Path.of("/custom"), JupyterPaths.userDataDir(Map.of("JUPYTER_DATA_DIR", "/custom"), "Linux", home));
        assertEquals(Path.of("/home/ann/Library/Jupyter"), JupyterPaths.userDataDir(Map.of(), "Mac OS X", home));
        assertEquals(Path.of("/appdata", "jupyter"),
                JupyterPaths.userDataDir(Map.of("APPDATA", "/appdata"), "Windows 11", home));
    }

    @Test
    void sysPrefixWithoutJupyterNamesWhatWasTried() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> JupyterPaths.sysPrefixDataDir(List.of(tmp.resolve("no-python").toString())));
        assertTrue(e.getMessage().contains("no-python") && e.getMessage().contains("apt-get install"), e.getMessage());
    }

    @Test
    void jupyterClientReadsTheInstalledSpec() throws Exception {
        String python = SystemPython.require("jupyter-client", "jupyter_client");
        installer("2g").install(tmp);
        ProcessBuilder pb = new ProcessBuilder(python, "-c", "from jupyter_client.kernelspec import "
                + "KernelSpecManager as M\ns = M().get_kernel_spec('lenetlab')\n"
                + "print(s.display_name, s.language, s.interrupt_mode, s.argv[-1], sep='|')")
                .redirectErrorStream(true);
        pb.environment().put("JUPYTER_PATH", tmp.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals("Java (LeNet Lab)|java|message|{connection_file}", out);
    }

    @Test
    void extraJvmOptionsGoBeforeTheClassPath() throws Exception {
        JsonObject json = KernelSpecInstaller.builder().classPath(classPath).home(tmp).classDataSharing(false)
                .jvmOptions(List.of("-XX:ActiveProcessorCount=2")).build().install(tmp).kernelJson();
        List<String> argv = json.getAsJsonArray("argv").asList().stream().map(e -> e.getAsString()).toList();
        assertEquals(argv.indexOf("-cp") - 1, argv.indexOf("-XX:ActiveProcessorCount=2"), argv.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KernelSpecInstaller.builder().jvmOptions(List.of("-cp", "x")));
        assertTrue(e.getMessage().contains("-cp"), e.getMessage());
    }

    @Test
    void failedArchiveFallsBackToAPlainKernelspec() throws Exception {
        // a class path without the kernel's libraries: the archive's training run cannot start a kernel
        Path lib = Files.createDirectories(tmp.resolve("empty-classes"));
        KernelSpecInstaller.Installation installed = KernelSpecInstaller.builder().classPath(List.of(lib))
                .home(tmp).heap("256m").build().install(tmp);
        assertTrue(installed.archive().startsWith("class-data sharing off: the training run"), installed.archive());
        String argv = installed.kernelJson().getAsJsonArray("argv").toString();
        assertFalse(argv.contains("SharedArchiveFile") || argv.contains("bootstrap"), argv);
        assertFalse(Files.exists(installed.directory().resolve("lenetlab.jsa")));
        assertFalse(Files.exists(installed.directory().resolve("lenetlab-cds-bootstrap.jar")));
        try (Stream<Path> files = Files.list(installed.directory())) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".part")), "no partial archive");
        }
    }

    @Test
    void argvIsAJsonArrayOfStrings() throws Exception {
        JsonArray argv = installer("1g").install(tmp).kernelJson().getAsJsonArray("argv");
        argv.forEach(e -> assertTrue(e.isJsonPrimitive() && e.getAsJsonPrimitive().isString(), e.toString()));
    }
}
