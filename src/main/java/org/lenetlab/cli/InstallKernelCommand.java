package org.lenetlab.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.lenetlab.kernel.JupyterPaths;
import org.lenetlab.kernel.KernelSpecInstaller;
import org.lenetlab.kernel.KernelSpecInstaller.Installation;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lenet install-kernel}: installs the Jupyter kernelspec "Java (LeNet Lab)" so that JupyterLab, Notebook,
 * VS Code and nbclient can start the kernel, by default for the current user.
 */
@Command(name = "install-kernel", description = "Install the Jupyter kernel \"Java (LeNet Lab)\" (kernelspec with "
        + "this Java, the course library's class path, the heap and a class-data archive for a fast start).")
final class InstallKernelCommand implements Callable<Integer> {

    /** Where the kernelspec goes; one of the three. */
    static final class Location {
        @Option(names = "--user", description = "for the current user (default): $JUPYTER_DATA_DIR or "
                + "~/.local/share/jupyter (~/Library/Jupyter on macOS, %APPDATA%\\jupyter on Windows)")
        boolean user;

        @Option(names = "--sys-prefix", description = "into the Python environment that runs Jupyter "
                + "(sys.prefix/share/jupyter)")
        boolean sysPrefix;

        @Option(names = "--prefix", paramLabel = "DIR", description = "into DIR/share/jupyter/kernels")
        Path prefix;
    }

    @ArgGroup(exclusive = true)
    Location location;

    @Option(names = "--name", defaultValue = KernelSpecInstaller.DEFAULT_NAME,
            description = "kernel name (default: ${DEFAULT-VALUE})")
    String name;

    @Option(names = "--heap", defaultValue = KernelSpecInstaller.DEFAULT_HEAP,
            description = "maximum Java heap of the kernel (default: ${DEFAULT-VALUE})")
    String heap;

    @Option(names = "--python", description = "with --sys-prefix: the Python that runs Jupyter (default: python3 on "
            + "PATH, then " + JupyterPaths.SYSTEM_PYTHON + ")")
    String python;

    @Option(names = "--java-option", paramLabel = "OPTION", description = "a further JVM option for the kernel "
            + "(repeatable), e.g. --java-option=-XX:ActiveProcessorCount=2")
    List<String> javaOptions = List.of();

    @Option(names = "--full-jit", description = "the full tiered JIT (C2 too) instead of C1 only: slower start "
            + "and cells, faster long-running pure-Java code")
    boolean fullJit;

    @Option(names = "--no-cds", description = "no class-data-sharing archive (slower start, quicker install)")
    boolean noCds;

    @Override
    public Integer call() throws IOException {
        KernelSpecInstaller installer = KernelSpecInstaller.builder().name(name).heap(heap)
                .jvmOptions(javaOptions).quickJit(!fullJit).classDataSharing(!noCds).build();
        Path dataDir = dataDir();
        System.out.println("Installing the Jupyter kernel '" + name + "' into " + dataDir.resolve("kernels")
                + (noCds ? "" : " (with a class-data archive: about a minute)") + "...");
        Installation installed = installer.install(dataDir);
        System.out.println("Installed \"" + KernelSpecInstaller.DISPLAY_NAME + "\" in " + installed.directory());
        System.out.println(installed.archive());
        System.out.println("Start Jupyter with ./lenet lab, or pick \"" + KernelSpecInstaller.DISPLAY_NAME
                + "\" as the kernel in JupyterLab, Notebook or VS Code.");
        return 0;
    }

    private Path dataDir() {
        if (location != null && location.prefix != null) {
            return JupyterPaths.prefixDataDir(location.prefix);
        }
        if (location != null && location.sysPrefix) {
            return JupyterPaths.sysPrefixDataDir(python != null ? List.of(python)
                    : List.of("python3", JupyterPaths.SYSTEM_PYTHON));
        }
        return JupyterPaths.userDataDir();
    }
}
