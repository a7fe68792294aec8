package org.lenetlab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import org.lenetlab.kernel.JupyterFrontEnd;
import org.lenetlab.kernel.JupyterPaths;
import org.lenetlab.kernel.KernelSpecInstaller;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lenet lab}: serves the course's notebooks in JupyterLab (or the classic Notebook) on 127.0.0.1, after
 * installing or refreshing the kernel for the current user; if neither is installed, says how to install one.
 */
@Command(name = "lab", description = "Open the course notebooks in JupyterLab (or Notebook) on 127.0.0.1, with the "
        + "\"Java (LeNet Lab)\" kernel installed for you.")
final class LabCommand implements Callable<Integer> {
    @Option(names = "--notebook", description = "the classic Jupyter Notebook instead of JupyterLab")
    boolean notebook;

    @Option(names = "--heap", defaultValue = KernelSpecInstaller.DEFAULT_HEAP,
            description = "maximum Java heap of the kernel if it has to be installed (default: ${DEFAULT-VALUE}; "
                    + "./lenet install-kernel changes an installed one)")
    String heap;

    @Option(names = "--dir", description = "folder to open (default: the notebooks/ folder of LeNet Lab)")
    Path dir;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Optional<JupyterFrontEnd.Found> found = JupyterFrontEnd.onThisMachine().find(notebook);
        if (found.isEmpty()) {
            System.err.println("lenet lab: neither jupyter-lab nor jupyter-notebook was found (looked on PATH and in "
                    + "/usr/bin). " + JupyterFrontEnd.INSTALL_HINT);
            return 1;
        }
        Path folder = dir != null ? dir
                : Path.of(System.getProperty("lenetlab.home", System.getProperty("user.dir")), "notebooks");
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("no folder " + folder + " to open; give one with --dir");
        }
        KernelSpecInstaller installer = KernelSpecInstaller.builder().heap(heap).build();
        Path dataDir = JupyterPaths.userDataDir();
        if (installer.isUsable(dataDir)) {
            System.out.println("Kernel \"" + KernelSpecInstaller.DISPLAY_NAME + "\" is installed ("
                    + JupyterPaths.kernelDir(dataDir, installer.name()) + ").");
        } else {
            System.out.println("Installing the kernel \"" + KernelSpecInstaller.DISPLAY_NAME + "\" for this user "
                    + "(about a minute, once)...");
            System.out.println(installer.install(dataDir).archive());
        }
        JupyterFrontEnd.Found frontEnd = found.get();
        if (frontEnd.kind() != (notebook ? JupyterFrontEnd.Kind.NOTEBOOK : JupyterFrontEnd.Kind.LAB)) {
            System.out.println((notebook ? "Jupyter Notebook" : "JupyterLab") + " is not installed; using "
                    + frontEnd.kind().title() + ".");
        }
        System.out.println("Starting " + frontEnd.kind().title() + " on 127.0.0.1 in " + folder
                + " (Ctrl-C stops it)...");
        Process server = new ProcessBuilder(frontEnd.command(folder, JupyterFrontEnd.runningAsRoot())).inheritIO().start();
        // Ctrl-C reaches this JVM too: stop the server cleanly (it shuts its kernels down) before exiting
        Thread stopServer = new Thread(() -> {
            server.destroy();
            try {
                server.waitFor(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "stop-jupyter");
        Runtime.getRuntime().addShutdownHook(stopServer);
        int exit = server.waitFor();
        Runtime.getRuntime().removeShutdownHook(stopServer);
        return exit;
    }
}
