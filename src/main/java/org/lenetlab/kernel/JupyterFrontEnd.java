package org.lenetlab.kernel;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds JupyterLab or the classic Notebook and builds the command that serves a folder on 127.0.0.1 only.
 * Debian installs them as {@code /usr/bin/jupyter-lab} / {@code /usr/bin/jupyter-notebook}, pip into a venv's or
 * {@code ~/.local/bin}; the search covers PATH and {@code /usr/bin} (a pyenv shim earlier on PATH may hide it).
 */
public final class JupyterFrontEnd {
    /** What to run. */
    public enum Kind {
        /** JupyterLab: {@code jupyter-lab}. */
        LAB("jupyter-lab", "JupyterLab"),
        /** The classic Notebook: {@code jupyter-notebook}. */
        NOTEBOOK("jupyter-notebook", "Jupyter Notebook");

        private final String executable;
        private final String title;

        Kind(String executable, String title) {
            this.executable = executable;
            this.title = title;
        }

        /** @return the executable's name */
        public String executable() {
            return executable;
        }

        /** @return the product name */
        public String title() {
            return title;
        }
    }

    /** How to install a front end, shown when none is found. */
    public static final String INSTALL_HINT = "Install one of them:\n"
            + "  sudo apt-get install jupyter-notebook     (Debian/Ubuntu: the classic Notebook)\n"
            + "  pip install jupyterlab                    (JupyterLab, in a virtual environment or with --user)\n"
            + "then run ./lenet lab again.";

    private final List<Path> searchPath;

    /**
     * @param searchPath directories to look in, in order
     */
    public JupyterFrontEnd(List<Path> searchPath) {
        this.searchPath = List.copyOf(searchPath);
    }

    /** @return a finder over PATH followed by {@code /usr/bin} and {@code ~/.local/bin} */
    public static JupyterFrontEnd onThisMachine() {
        Set<Path> dirs = new LinkedHashSet<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isBlank()) {
                    dirs.add(Path.of(dir));
                }
            }
        }
        dirs.add(Path.of("/usr/bin"));
        dirs.add(Path.of(System.getProperty("user.home"), ".local", "bin"));
        return new JupyterFrontEnd(new ArrayList<>(dirs));
    }

    /**
     * A found front end.
     *
     * @param kind       Lab or Notebook
     * @param executable its absolute path
     */
    public record Found(Kind kind, Path executable) {

        /**
         * @param folder the folder to serve
         * @param asRoot whether this runs as root (common in course containers), where Jupyter refuses to start
         *               without {@code --allow-root}
         * @return the command that serves it on 127.0.0.1 (both Lab and Notebook accept these aliases)
         */
        public List<String> command(Path folder, boolean asRoot) {
            List<String> command = new ArrayList<>(List.of(executable.toString(), "--ip=127.0.0.1",
                    "--notebook-dir=" + folder.toAbsolutePath()));
            if (asRoot) {
                command.add("--allow-root");
            }
            return command;
        }
    }

    /** @return whether this process runs as root (Unix user id 0) */
    public static boolean runningAsRoot() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return uid instanceof Integer id && id == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /**
     * @param preferNotebook look for the classic Notebook first (else JupyterLab first)
     * @return the first front end found, in order of preference, or empty
     */
    public Optional<Found> find(boolean preferNotebook) {
        List<Kind> order = preferNotebook ? List.of(Kind.NOTEBOOK, Kind.LAB) : List.of(Kind.LAB, Kind.NOTEBOOK);
        for (Kind kind : order) {
            Optional<Path> executable = locate(kind.executable());
            if (executable.isPresent()) {
                return Optional.of(new Found(kind, executable.get()));
            }
        }
        return Optional.empty();
    }

    private Optional<Path> locate(String name) {
        boolean windows = System.getProperty("os.name", "").startsWith("Windows");
        for (Path dir : searchPath) {
            for (String candidate : windows ? List.of(name + ".exe", name + ".cmd", name) : List.of(name)) {
                Path file = dir.resolve(candidate);
                if (Files.isRegularFile(file) && Files.isExecutable(file)) {
                    return Optional.of(file.toAbsolutePath());
                }
            }
        }
        return Optional.empty();
    }
}
