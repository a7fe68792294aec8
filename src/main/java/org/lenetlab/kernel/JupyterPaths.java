package org.lenetlab.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where Jupyter looks for kernelspecs, by the rules of {@code jupyter_core.paths}: the user's data directory, the
 * data directory of the Python environment Jupyter runs in ({@code sys.prefix}), or an explicit prefix. Kernelspecs
 * live in {@code <data dir>/kernels/<name>/}.
 */
public final class JupyterPaths {
    /** Debian's interpreter, where {@code apt-get install jupyter-notebook} puts Jupyter. */
    public static final String SYSTEM_PYTHON = "/usr/bin/python3";

    private JupyterPaths() {
    }

    /**
     * The user's Jupyter data directory: {@code $JUPYTER_DATA_DIR} if set; else {@code ~/Library/Jupyter} on macOS,
     * {@code %APPDATA%\jupyter} on Windows, {@code $XDG_DATA_HOME/jupyter} or {@code ~/.local/share/jupyter}
     * elsewhere.
     *
     * @param env    the environment ({@link System#getenv()})
     * @param osName the {@code os.name} system property
     * @param home   the user's home directory
     * @return the directory (it may not exist yet)
     */
    public static Path userDataDir(Map<String, String> env, String osName, Path home) {
        String explicit = env.get("JUPYTER_DATA_DIR");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit).toAbsolutePath();
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return home.resolve("Library").resolve("Jupyter");
        }
        if (os.startsWith("windows")) {
            String appData = env.get("APPDATA");
            return (appData != null && !appData.isBlank() ? Path.of(appData) : home.resolve("AppData")
                    .resolve("Roaming")).resolve("jupyter");
        }
        String xdg = env.get("XDG_DATA_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local").resolve("share"))
                .resolve("jupyter");
    }

    /** @return the running user's data directory, see {@link #userDataDir(Map, String, Path)} */
    public static Path userDataDir() {
        return userDataDir(System.getenv(), System.getProperty("os.name"), Path.of(System.getProperty("user.home")));
    }

    /**
     * The data directory of the Python environment that has Jupyter: {@code sys.prefix/share/jupyter} of the first
     * interpreter among {@code pythons} that can import {@code jupyter_client}.
     *
     * @param pythons interpreters to ask, in order (e.g. {@code python3} on PATH, then {@link #SYSTEM_PYTHON})
     * @return the directory
     * @throws IllegalStateException naming what was tried and how to install Jupyter, if none has it
     */
    public static Path sysPrefixDataDir(List<String> pythons) {
        List<String> tried = new ArrayList<>();
        for (String python : pythons) {
            String answer = ask(python, "import sys, jupyter_client; print(sys.prefix)");
            if (answer.startsWith("prefix ")) {
                return Path.of(answer.substring("prefix ".length())).resolve("share").resolve("jupyter");
            }
            tried.add(python + " (" + answer + ")");
        }
        throw new IllegalStateException("--sys-prefix: no Python with Jupyter found; tried " + String.join(", ", tried)
                + ". Install Jupyter (sudo apt-get install jupyter-notebook, or pip install jupyterlab), "
                + "or use --user or --prefix DIR.");
    }

    /**
     * The data directory under an installation prefix, as {@code jupyter kernelspec install --prefix} uses it.
     *
     * @param prefix an existing, writable directory (a virtual environment, {@code /usr/local}, ...)
     * @return {@code prefix/share/jupyter}
     * @throws IllegalArgumentException if the prefix is not an existing writable directory
     */
    public static Path prefixDataDir(Path prefix) {
        Path absolute = prefix.toAbsolutePath().normalize();
        if (!Files.exists(absolute)) {
            throw new IllegalArgumentException("--prefix " + prefix + ": no such directory. Give the prefix of an "
                    + "existing Python environment (its sys.prefix, e.g. a virtualenv) or create the directory first.");
        }
        if (!Files.isDirectory(absolute)) {
            throw new IllegalArgumentException("--prefix " + prefix + ": not a directory. Give the prefix of a "
                    + "Python environment (its sys.prefix), not a file.");
        }
        if (!Files.isWritable(absolute)) {
            throw new IllegalArgumentException("--prefix " + prefix + ": not writable by this user. Use --user, "
                    + "or run the command as a user who may write there.");
        }
        return absolute.resolve("share").resolve("jupyter");
    }

    /**
     * @param dataDir a Jupyter data directory
     * @param name    a kernel name
     * @return {@code dataDir/kernels/name}
     */
    public static Path kernelDir(Path dataDir, String name) {
        return dataDir.resolve("kernels").resolve(name);
    }

    /** Runs a Python one-liner; "prefix X" on success, else a short reason. */
    private static String ask(String python, String code) {
        try {
            Process p = new ProcessBuilder(python, "-c", code).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "did not answer";
            }
            if (p.exitValue() != 0) {
                return out.contains("No module named") ? "no jupyter_client" : "exit " + p.exitValue();
            }
            String[] lines = out.split("\\R");
            return "prefix " + lines[lines.length - 1].trim();
        } catch (IOException e) {
            return "not found";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
