package org.lenetlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JupyterFrontEndTest {
    @TempDir
    Path tmp;

    private Path fakeExecutable(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        Path file = Files.writeString(dir.resolve(name), "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    @Test
    void nothingInstalledFindsNothing() {
        assertTrue(new JupyterFrontEnd(List.of(tmp)).find(false).isEmpty());
        assertTrue(JupyterFrontEnd.INSTALL_HINT.contains("apt-get install jupyter-notebook"));
        assertTrue(JupyterFrontEnd.INSTALL_HINT.contains("pip install jupyterlab"));
    }

    @Test
    void prefersLabUnlessNotebookIsAsked() throws IOException {
        Path notebook = fakeExecutable(tmp.resolve("a"), "jupyter-notebook");
        Path lab = fakeExecutable(tmp.resolve("b"), "jupyter-lab");
        JupyterFrontEnd frontEnd = new JupyterFrontEnd(List.of(tmp.resolve("a"), tmp.resolve("b")));
        assertEquals(new JupyterFrontEnd.Found(JupyterFrontEnd.Kind.LAB, lab), frontEnd.find(false).orElseThrow());
        assertEquals(new JupyterFrontEnd.Found(JupyterFrontEnd.Kind.NOTEBOOK, notebook),
                frontEnd.find(true).orElseThrow());
    }

    @Test
    void fallsBackToWhatIsInstalledAndServesOnLoopbackOnly() throws IOException {
        Path notebook = fakeExecutable(tmp.resolve("bin"), "jupyter-notebook");
        Files.writeString(tmp.resolve("jupyter-lab"), "not executable");
        JupyterFrontEnd.Found found = new JupyterFrontEnd(List.of(tmp, tmp.resolve("bin"))).find(false).orElseThrow();
        assertEquals(JupyterFrontEnd.Kind.NOTEBOOK, found.kind());
        assertEquals(List.of(notebook.toString(), "--ip=127.0.0.1", "--notebook-dir=" + tmp.resolve("nb")),
                found.command(tmp.resolve("nb"), false));
        assertEquals("--allow-root", found.command(tmp.resolve("nb"), true).get(3));
    }
}
