package org.lenetlab.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.lenetlab.io.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads dataset files listed in a {@link DatasetManifest} into a cache directory, verified by SHA-256.
 *
 * <p>The cache is {@code ~/.cache/lenetlab} unless the environment variable {@value #DATA_DIR_ENV} or the
 * constructor says otherwise; a dataset's files go to {@code <cache>/<dataset>/}. A file is written to
 * {@code <name>.part}, and only once its size and SHA-256 match the manifest is it renamed to its final name, so the
 * final name never holds a partial or wrong file. A {@code .part} left by an interrupted transfer is resumed with an
 * HTTP {@code Range} request; if the server ignores the range, or the resumed file fails verification, the transfer
 * restarts from the beginning. Each mirror is tried {@link DownloadSettings#attemptsPerMirror()} times before the
 * next one; a file with the wrong checksum is deleted and the next mirror is tried. When every mirror fails, a
 * {@link DownloadFailedException} lists each mirror with its error.
 *
 * <p>One download per cache directory runs at a time (a lock file {@code .lock} guards it across processes, e.g. a
 * notebook kernel and the command line), so two programs never write the same {@code .part}.
 */
public final class Downloader {
    /** Environment variable that moves the cache directory. */
    public static final String DATA_DIR_ENV = "LENETLAB_DATA_DIR";

    private static final Logger LOG = LoggerFactory.getLogger(Downloader.class);
    private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)");
    private static final int MAX_REDIRECTS = 5;
    private static final long PROGRESS_INTERVAL_NANOS = 100_000_000L;

    private final Path cacheDir;
    private final DownloadSettings settings;
    private final DownloadListener listener;
    private final List<URI> mirrors;

    /** A downloader into the default cache with default settings and a progress bar on standard error. */
    public Downloader() {
        this(defaultCacheDir(), DownloadSettings.defaults(), new ConsoleProgress(System.err));
    }

    /**
     * A downloader using the mirrors each manifest lists.
     *
     * @param cacheDir where downloaded files are kept (a folder per dataset is made inside)
     * @param settings timeouts and retries
     * @param listener told about progress
     */
    public Downloader(Path cacheDir, DownloadSettings settings, DownloadListener listener) {
        this(cacheDir, settings, listener, List.of());
    }

    /**
     * A downloader that uses its own mirrors instead of the manifests' (a local mirror, a test server).
     *
     * @param cacheDir where downloaded files are kept (a folder per dataset is made inside)
     * @param settings timeouts and retries
     * @param listener told about progress
     * @param mirrors  base URLs (each ending in {@code /}) tried in order for every file; empty to use the
     *                 manifest's mirrors
     */
    public Downloader(Path cacheDir, DownloadSettings settings, DownloadListener listener, List<URI> mirrors) {
        this.cacheDir = cacheDir.toAbsolutePath().normalize();
        this.settings = Objects.requireNonNull(settings, "settings");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.mirrors = List.copyOf(mirrors);
        for (URI m : this.mirrors) {
            if (m.getPath() == null || !m.getPath().endsWith("/")) {
                throw new IllegalArgumentException("mirror " + m + " must end in / (it is a base URL)");
            }
        }
    }

    /**
     * @param manifest a dataset
     * @return the base URLs this downloader tries for it, in order
     */
    public List<URI> mirrorsFor(DatasetManifest manifest) {
        return mirrors.isEmpty() ? manifest.mirrors() : mirrors;
    }

    /** @return {@code $LENETLAB_DATA_DIR} if set, else {@code ~/.cache/lenetlab} */
    public static Path defaultCacheDir() {
        return defaultCacheDir(System.getenv(), System.getProperty("user.home"));
    }

    /**
     * The cache directory for a given environment (testable without changing the real environment).
     *
     * @param environment environment variables
     * @param userHome    the user's home directory
     * @return {@code environment[LENETLAB_DATA_DIR]} if set and not blank, else {@code userHome/.cache/lenetlab}
     */
    public static Path defaultCacheDir(Map<String, String> environment, String userHome) {
        String override = environment.get(DATA_DIR_ENV);
        if (override != null && !override.isBlank()) {
            return Path.of(override).toAbsolutePath().normalize();
        }
        return Path.of(userHome, ".cache", "lenetlab");
    }

    /** @return the cache directory */
    public Path cacheDir() {
        return cacheDir;
    }

    /**
     * @param manifest a dataset
     * @return the folder of its files in the cache, {@code <cache>/<dataset>}
     */
    public Path datasetDir(DatasetManifest manifest) {
        return cacheDir.resolve(manifest.dataset());
    }

    /**
     * @param manifest a dataset
     * @param fileName one of its files
     * @return where that file is (or will be) in the cache
     */
    public Path cachedFile(DatasetManifest manifest, String fileName) {
        return datasetDir(manifest).resolve(manifest.file(fileName).name());
    }

    /**
     * Whether a file is in the cache. Files only get their final name after verification, so a file of the right
     * size is trusted without hashing it again.
     *
     * @param manifest a dataset
     * @param fileName one of its files
     * @return whether the cache holds it with the size the manifest gives
     * @throws IOException if the file's size cannot be read
     */
    public boolean isCached(DatasetManifest manifest, String fileName) throws IOException {
        Path file = cachedFile(manifest, fileName);
        return Files.isRegularFile(file) && Files.size(file) == manifest.file(fileName).size();
    }

    /**
     * Downloads every file of a dataset that is not yet in the cache.
     *
     * @param manifest the dataset
     * @return the cached files, in manifest order
     * @throws DownloadFailedException if a file cannot be downloaded from any mirror
     * @throws IOException             if the cache cannot be written
     */
    public List<Path> fetchAll(DatasetManifest manifest) throws IOException {
        List<Path> paths = new ArrayList<>();
        for (DatasetManifest.FileEntry f : manifest.files()) {
            paths.add(fetch(manifest, f.name()));
        }
        return paths;
    }

    /**
     * Returns a file from the cache, downloading and verifying it first if needed.
     *
     * @param manifest the dataset
     * @param fileName the file
     * @return the verified file in the cache
     * @throws DownloadFailedException if no mirror delivers a file with the right SHA-256
     * @throws IOException             if the cache cannot be written
     */
    public Path fetch(DatasetManifest manifest, String fileName) throws IOException {
        return obtain(manifest, fileName).path();
    }

    /**
     * A file in the cache and where it came from.
     *
     * @param path           the verified file in the cache
     * @param downloadedFrom the URL it was just downloaded from; empty if it was already cached
     */
    public record Fetched(Path path, Optional<URI> downloadedFrom) {
    }

    /**
     * Like {@link #fetch(DatasetManifest, String)}, also telling whether and from where the file was downloaded.
     *
     * @param manifest the dataset
     * @param fileName the file
     * @return the cached file and the URL it came from, if it was downloaded now
     * @throws DownloadFailedException if no mirror delivers a file with the right SHA-256
     * @throws IOException             if the cache cannot be written
     */
    public Fetched obtain(DatasetManifest manifest, String fileName) throws IOException {
        DatasetManifest.FileEntry entry = manifest.file(fileName);
        Path target = cachedFile(manifest, fileName);
        if (isCached(manifest, fileName)) {
            return new Fetched(target, Optional.empty());
        }
        Path dir = target.getParent();
        Files.createDirectories(dir);
        ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(dir, d -> new ReentrantLock());
        jvmLock.lock();
        try (FileChannel lockFile = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
             FileLock ignored = lockFile.lock()) {
            if (isCached(manifest, fileName)) {
                return new Fetched(target, Optional.empty()); // another process finished it meanwhile
            }
            if (Files.exists(target)) {
                LOG.warn("{} has {} bytes, expected {}: replacing it", target, Files.size(target), entry.size());
            }
            return download(manifest, entry, target);
        } finally {
            jvmLock.unlock();
        }
    }

    private Fetched download(DatasetManifest manifest, DatasetManifest.FileEntry entry, Path target) throws IOException {
        Path part = target.resolveSibling(entry.name() + ".part");
        List<DownloadFailedException.Attempt> failures = new ArrayList<>();
        IOException last = null;
        for (URI mirror : mirrorsFor(manifest)) {
            URI url = DatasetManifest.urlOf(mirror, entry.name());
            IOException mirrorError = null;
            boolean cleanRestartGranted = false;
            for (int attempt = 1; attempt <= settings.attemptsPerMirror(); attempt++) {
                try {
                    boolean resumed = transfer(url, part, entry);
                    String actual = Checksums.sha256(part);
                    if (!actual.equals(entry.sha256())) {
                        Files.deleteIfExists(part);
                        if (resumed && !cleanRestartGranted) {
                            LOG.info("{}: the resumed file failed SHA-256 verification; deleted it, restarting"
                                    + " from the beginning", entry.name());
                            cleanRestartGranted = true;
                            attempt--;
                            continue;
                        }
                        throw new ChecksumMismatchException(entry.name(), url.toString(), entry.sha256(), actual);
                    }
                    AtomicFiles.moveIntoPlace(part, target);
                    LOG.info("Downloaded {} from {} into {} (SHA-256 verified)", entry.name(), url, target);
                    listener.finished(entry.name(), target);
                    return new Fetched(target, Optional.of(url));
                } catch (ChecksumMismatchException | MirrorRefused e) {
                    mirrorError = e;
                    listener.failed(entry.name(), url, e.getMessage());
                    break;
                } catch (InterruptedIOException e) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw e;
                    }
                    mirrorError = e;
                    retryNotice(entry, url, e, attempt);
                } catch (IOException e) {
                    mirrorError = e;
                    retryNotice(entry, url, e, attempt);
                }
                if (attempt < settings.attemptsPerMirror()) {
                    pause();
                }
            }
            failures.add(new DownloadFailedException.Attempt(url, describe(mirrorError)));
            last = mirrorError;
        }
        boolean partKept = Files.exists(part);
        throw new DownloadFailedException(entry.name(), failures, String.format(Locale.ROOT,
                "What to do: check the internet connection (behind a proxy, pass -Dhttps.proxyHost=... "
                        + "-Dhttps.proxyPort=... to java) and run the download again%s. Or copy %s by hand into %s"
                        + " (it must be %,d bytes with SHA-256 %s).",
                partKept ? "; the partial file " + part.getFileName() + " is kept and will be resumed" : "",
                entry.name(), target.getParent(), entry.size(), entry.sha256()), last);
    }

    private void retryNotice(DatasetManifest.FileEntry entry, URI url, IOException e, int attempt) {
        String more = attempt < settings.attemptsPerMirror() ? " (will retry)" : "";
        LOG.info("{}: try {} of {} from {} failed: {}{}", entry.name(), attempt, settings.attemptsPerMirror(), url,
                describe(e), more);
        listener.failed(entry.name(), url, describe(e) + more);
    }

    private void pause() throws InterruptedIOException {
        try {
            Thread.sleep(settings.retryDelay().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("download interrupted");
        }
    }

    /**
     * Transfers {@code url} into {@code part}, resuming an existing partial file when the server allows it.
     *
     * @return whether bytes from an earlier transfer were kept (so a checksum failure may be the old part's fault)
     */
    private boolean transfer(URI url, Path part, DatasetManifest.FileEntry entry) throws IOException {
        long have = Files.exists(part) ? Files.size(part) : 0;
        if (have > entry.size()) {
            LOG.info("{} is larger than the file it belongs to; starting over", part);
            Files.delete(part);
            have = 0;
        }
        if (have == entry.size()) {
            return true; // complete but never verified (e.g. the program stopped just before the rename)
        }
        HttpURLConnection conn = connect(url, have);
        try {
            int code = conn.getResponseCode();
            boolean append;
            if (code == HttpURLConnection.HTTP_PARTIAL && have > 0) {
                long start = rangeStart(conn.getHeaderField("Content-Range"));
                if (start != have) {
                    Files.delete(part);
                    throw new IOException("the server answered the resume request with Content-Range "
                            + conn.getHeaderField("Content-Range") + "; deleted the partial file to start over");
                }
                append = true;
            } else if (code == HttpURLConnection.HTTP_OK) {
                if (have > 0) {
                    LOG.info("{} ignores HTTP Range requests; restarting {} from the beginning", url.getHost(),
                            entry.name());
                    have = 0;
                }
                append = false;
            } else if (code == 416) {
                Files.delete(part);
                throw new IOException("the server refused to resume at byte " + have
                        + " (HTTP 416); deleted the partial file to start over");
            } else if (code == 408 || code == 429 || code >= 500) {
                throw new IOException("HTTP " + code + " " + Objects.toString(conn.getResponseMessage(), ""));
            } else {
                throw new MirrorRefused("HTTP " + code + " " + Objects.toString(conn.getResponseMessage(), ""));
            }
            long length = conn.getContentLengthLong();
            if (length >= 0 && have + length != entry.size()) {
                throw new MirrorRefused(String.format(Locale.ROOT,
                        "serves %,d bytes but the manifest says %s is %,d bytes: not the expected file", have + length,
                        entry.name(), entry.size()));
            }
            listener.started(entry.name(), url, entry.size(), have);
            long done = copy(conn, part, append, have, entry);
            if (done < entry.size()) {
                throw new IOException(String.format(Locale.ROOT,
                        "connection closed after %,d of %,d bytes (kept %s to resume)", done, entry.size(),
                        part.getFileName()));
            }
            return have > 0;
        } finally {
            conn.disconnect();
        }
    }

    private long copy(HttpURLConnection conn, Path part, boolean append, long have, DatasetManifest.FileEntry entry)
            throws IOException {
        long done = have;
        long started = System.nanoTime();
        long lastReport = 0;
        byte[] buffer = new byte[1 << 16];
        StandardOpenOption mode = append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
        try (FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode);
             OutputStream out = Channels.newOutputStream(channel);
             InputStream in = conn.getInputStream()) {
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    if (done + n > entry.size()) {
                        channel.close();
                        Files.delete(part);
                        throw new MirrorRefused(String.format(Locale.ROOT,
                                "sent more than the %,d bytes the manifest gives for %s: not the expected file",
                                entry.size(), entry.name()));
                    }
                    out.write(buffer, 0, n);
                    done += n;
                    long now = System.nanoTime();
                    if (now - lastReport > PROGRESS_INTERVAL_NANOS || done == entry.size()) {
                        lastReport = now;
                        double seconds = Math.max(1e-9, (now - started) / 1e9);
                        listener.progress(entry.name(), done, entry.size(), (done - have) / seconds);
                    }
                }
            } finally {
                if (channel.isOpen()) {
                    channel.force(true); // what arrived is on disk, so a later run can resume it
                }
            }
        } catch (MirrorRefused e) {
            throw e;
        } catch (IOException e) {
            throw new IOException(String.format(Locale.ROOT, "transfer broke off after %,d of %,d bytes: %s",
                    Files.exists(part) ? Files.size(part) : 0, entry.size(), describe(e)), e);
        }
        return done;
    }

    private HttpURLConnection connect(URI url, long resumeFrom) throws IOException {
        URI current = url;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpURLConnection conn;
            try {
                conn = (HttpURLConnection) current.toURL().openConnection();
            } catch (IllegalArgumentException e) {
                throw new MirrorRefused("not a valid URL: " + current);
            }
            conn.setConnectTimeout((int) settings.connectTimeout().toMillis());
            conn.setReadTimeout((int) settings.readTimeout().toMillis());
            // Redirects are followed below, so that an http mirror redirecting to https (which
            // HttpURLConnection refuses to follow by itself) still works.
            conn.setInstanceFollowRedirects(false);
            conn.setRequestProperty("User-Agent", "LeNetLab-Downloader");
            conn.setRequestProperty("Accept-Encoding", "identity");
            if (resumeFrom > 0) {
                conn.setRequestProperty("Range", "bytes=" + resumeFrom + "-");
            }
            int code;
            try {
                code = conn.getResponseCode();
            } catch (UnknownHostException e) {
                throw new MirrorRefused("host " + e.getMessage() + " not found (offline, or DNS blocked?)");
            }
            if (code == 301 || code == 302 || code == 303 || code == 307 || code == 308) {
                String location = conn.getHeaderField("Location");
                conn.disconnect();
                if (location == null) {
                    throw new MirrorRefused("HTTP " + code + " redirect without a Location header");
                }
                current = current.resolve(location);
                continue;
            }
            return conn;
        }
        throw new MirrorRefused("more than " + MAX_REDIRECTS + " redirects");
    }

    private static long rangeStart(String contentRange) {
        if (contentRange == null) {
            return -1;
        }
        Matcher m = CONTENT_RANGE.matcher(contentRange.trim());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    private static String describe(Throwable e) {
        if (e == null) {
            return "no attempt made";
        }
        String message = e.getMessage();
        String type = e.getClass().getSimpleName();
        if (e instanceof DatasetException || e instanceof MirrorRefused || message != null
                && e.getClass() == IOException.class) {
            return message;
        }
        return message == null ? type : type + ": " + message;
    }

    /** A mirror answered in a way that retrying will not fix (404, wrong size, unknown host): go to the next. */
    private static final class MirrorRefused extends IOException {
        private static final long serialVersionUID = 1L;

        MirrorRefused(String message) {
            super(message);
        }
    }
}
