package org.lenetlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code %jars} path of IJava #65 / DL4J #7937: a kernel JVM started without DL4J adds the DL4J and ND4J jars
 * at run time and trains a network. ND4J finds its backend through the cell thread's context class loader, which
 * must be the loader that holds the added jars.
 */
class JarsTrainingTest {
    /** Jars the child starts with: the kernel's own dependencies, not DL4J's. */
    private static final List<String> KERNEL_JARS = List.of("jupyter-jvm-basekernel", "jeromq", "jnacl", "gson",
            "slf4j-api");

    @Test
    void dl4jAddedWithJarsMagicTrains(@TempDir Path dir) throws Exception {
        List<String> base = new ArrayList<>();
        List<String> added = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (!entry.endsWith(".jar")) {
                base.add(entry);                          // target/classes, target/test-classes
            } else if (KERNEL_JARS.stream().anyMatch(name::startsWith)) {
                base.add(entry);
            } else if (!name.startsWith("junit") && !name.startsWith("opentest4j") && !name.startsWith("surefire")
                    && !name.startsWith("apiguardian") && !name.startsWith("logback")) {
                added.add(entry);
            }
        }
        assertTrue(added.stream().anyMatch(j -> j.contains("nd4j-native")), added.toString());
        Path jarList = dir.resolve("jars.txt");
        Files.write(jarList, added);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-Xmx2g", "-Djava.awt.headless=true", "-cp",
                String.join(File.pathSeparator, base), JarsChild.class.getName(), jarList.toString())
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(5, TimeUnit.MINUTES));
        List<String> cells = output.lines().filter(l -> l.startsWith("CELL ")).toList();
        assertEquals(4, cells.size(), output);
        assertEquals("CELL ok missing", cells.get(0), "DL4J must not be on the child's start-up class path");
        assertEquals("CELL ok ", cells.get(1), output);
        assertEquals("CELL ok ", cells.get(2), output);
        assertEquals("CELL ok [0, 1, 1, 0] true org.nd4j.linalg.cpu.nativecpu.CpuBackend true", cells.get(3), output);
    }
}
