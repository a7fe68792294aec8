package org.lenetlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloaderTest {
    private static final String FILE = "toy-images-idx3-ubyte.gz";
    private static final int SIZE = 300_000;
    private static final DownloadSettings FAST = new DownloadSettings(Duration.ofSeconds(2), Duration.ofSeconds(2),
            3, Duration.ZERO);

    @TempDir
    Path cache;

    private TestMirror mirror;
    private byte[] body;
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void startMirror() throws IOException {
        mirror = new TestMirror();
        body = new byte[SIZE];
        new Random(42).nextBytes(body);
    }

    @AfterEach
    void stopMirror() {
        mirror.close();
    }

    @Test
    void goodFileIsVerifiedAndPlacedAndThenServedFromTheCache() throws IOException {
        mirror.serve("good", body);
        Downloader downloader = downloader(List.of());
        DatasetManifest manifest = manifest(Checksums.sha256(body), mirror.base("good"));
        Downloader.Fetched fetched = downloader.obtain(manifest, FILE);
        assertEquals(cache.resolve("toy").resolve(FILE), fetched.path());
        assertEquals(Optional.of(mirror.base("good").resolve(FILE)), fetched.downloadedFrom());
        assertArrayEquals(body, Files.readAllBytes(fetched.path()));
        assertFalse(Files.exists(cache.resolve("toy").resolve(FILE + ".part")));
        assertTrue(events.get(0).startsWith("started " + FILE + " 300000 from 0"), events.toString());
        assertEquals("progress 300000/300000", events.get(events.size() - 2));
        assertEquals("finished " + fetched.path(), events.get(events.size() - 1));

        Downloader.Fetched again = downloader.obtain(manifest, FILE);
        assertEquals(Optional.empty(), again.downloadedFrom());
        assertEquals(1, mirror.requests.size(), "second fetch must come from the cache");
    }

    @Test
    void checksumMismatchLeavesNothingAndNamesFileAndBothHashes() throws IOException {
        mirror.serve("bad", body);
        String expected = "0".repeat(64);
        Downloader downloader = downloader(List.of());
        DownloadFailedException e = assertThrows(DownloadFailedException.class,
                () -> downloader.fetch(manifest(expected, mirror.base("bad")), FILE));
        String actual = Checksums.sha256(body);
        assertTrue(e.getMessage().contains(FILE), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains(actual), e.getMessage());
        assertTrue(e.getMessage().contains("the bad file was deleted"), e.getMessage());
        assertTrue(e.getCause() instanceof ChecksumMismatchException);
        assertEquals(actual, ((ChecksumMismatchException) e.getCause()).actualSha256());
        assertEquals(List.of(), dataFiles(), "nothing may be left in the cache");
        assertEquals(1, mirror.requests.size(), "a wrong file is not fetched again from the same mirror");
    }

    @Test
    void connectionCutHalfWayIsResumedWithRange() throws IOException {
        mirror.serve("cut", body).cutAfter(120_000, 1);
        Path file = downloader(List.of()).fetch(manifest(Checksums.sha256(body), mirror.base("cut")), FILE);
        assertArrayEquals(body, Files.readAllBytes(file));
        assertEquals(List.of("/cut/" + FILE + " Range=none", "/cut/" + FILE + " Range=bytes=120000-"),
                mirror.requests);
        assertTrue(events.contains("started " + FILE + " 300000 from 120000"), events.toString());
        assertEquals(List.of(FILE), dataFiles());
    }

    @Test
    void serverIgnoringRangeCausesACleanRestart() throws IOException {
        mirror.serve("norange", body).cutAfter(100_000, 1).ignoreRange();
        Path file = downloader(List.of()).fetch(manifest(Checksums.sha256(body), mirror.base("norange")), FILE);
        assertArrayEquals(body, Files.readAllBytes(file));
        assertEquals(2, mirror.requests.size());
        assertEquals("/norange/" + FILE + " Range=bytes=100000-", mirror.requests.get(1));
    }

    @Test
    void resumedFileThatFailsVerificationIsRestartedFromScratch() throws IOException {
        mirror.serve("good", body);
        Path dir = Files.createDirectories(cache.resolve("toy"));
        byte[] stale = new byte[50_000]; // a .part from some other file: resuming it cannot verify
        Files.write(dir.resolve(FILE + ".part"), stale);
        Path file = downloader(List.of()).fetch(manifest(Checksums.sha256(body), mirror.base("good")), FILE);
        assertArrayEquals(body, Files.readAllBytes(file));
        assertEquals(List.of("/good/" + FILE + " Range=bytes=50000-", "/good/" + FILE + " Range=none"),
                mirror.requests);
    }

    @Test
    void missingOnFirstMirrorFallsBackToSecond() throws IOException {
        mirror.status("gone", 404);
        mirror.serve("backup", body);
        Downloader.Fetched fetched = downloader(List.of()).obtain(
                manifest(Checksums.sha256(body), mirror.base("gone"), mirror.base("backup")), FILE);
        assertEquals(Optional.of(mirror.base("backup").resolve(FILE)), fetched.downloadedFrom());
        assertEquals(1, mirror.requestsTo("gone").size(), "404 is final: no retries on that mirror");
        assertTrue(events.stream().anyMatch(ev -> ev.startsWith("failed " + mirror.base("gone").resolve(FILE)
                + ": HTTP 404")), events.toString());
    }

    @Test
    void allMirrorsFailingAreListedWithTheirErrors() {
        mirror.status("gone", 404);
        mirror.status("broken", 503);
        URI refused = URI.create("http://127.0.0.1:1/closed/");
        DownloadFailedException e = assertThrows(DownloadFailedException.class, () -> downloader(List.of()).fetch(
                manifest("0".repeat(64), mirror.base("gone"), mirror.base("broken"), refused), FILE));
        String m = e.getMessage();
        assertTrue(m.startsWith("could not download " + FILE + " from any of its 3 mirrors:"), m);
        assertTrue(m.contains(mirror.base("gone").resolve(FILE) + ": HTTP 404"), m);
        assertTrue(m.contains(mirror.base("broken").resolve(FILE) + ": HTTP 503"), m);
        assertTrue(m.contains(refused.resolve(FILE) + ": ConnectException"), m);
        assertTrue(m.contains("What to do"), m);
        assertEquals(3, e.attempts().size());
        assertEquals(3, mirror.requestsTo("broken").size(), "server errors are retried");
    }

    @Test
    void aStalledServerTimesOutAndIsRetried() throws IOException {
        mirror.serve("slow", body).stall(1_500, 1);
        Downloader impatient = new Downloader(cache, new DownloadSettings(Duration.ofSeconds(2),
                Duration.ofMillis(300), 2, Duration.ZERO), listener(), List.of());
        Path file = impatient.fetch(manifest(Checksums.sha256(body), mirror.base("slow")), FILE);
        assertArrayEquals(body, Files.readAllBytes(file));
        assertEquals(2, mirror.requests.size());
        assertTrue(events.stream().anyMatch(ev -> ev.contains("SocketTimeoutException")), events.toString());
    }

    @Test
    void constructorMirrorsReplaceTheManifestOnes() throws IOException {
        mirror.serve("local", body);
        DatasetManifest unreachable = manifest(Checksums.sha256(body), URI.create("http://127.0.0.1:1/nowhere/"));
        Path file = downloader(List.of(mirror.base("local"))).fetch(unreachable, FILE);
        assertArrayEquals(body, Files.readAllBytes(file));
        assertEquals(1, mirror.requestsTo("local").size());
    }

    @Test
    void cacheDirectoryComesFromArgumentThenEnvironmentThenHome() {
        assertEquals(Path.of("/home/ada/.cache/lenetlab"), Downloader.defaultCacheDir(Map.of(), "/home/ada"));
        assertEquals(Path.of("/data/lenet"), Downloader.defaultCacheDir(Map.of("LENETLAB_DATA_DIR", "/data/lenet"),
                "/home/ada"));
        assertEquals(Path.of("/home/ada/.cache/lenetlab"),
                Downloader.defaultCacheDir(Map.of("LENETLAB_DATA_DIR", " "), "/home/ada"));
        assertEquals(cache.toAbsolutePath(), downloader(List.of()).cacheDir());
    }

    @Test
    void settingsRejectNonsense() {
        assertThrows(IllegalArgumentException.class,
                () -> new DownloadSettings(Duration.ZERO, Duration.ofSeconds(1), 1, Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> new DownloadSettings(Duration.ofSeconds(1), Duration.ofSeconds(1), 0, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new Downloader(cache, FAST, DownloadListener.SILENT,
                List.of(URI.create("http://127.0.0.1/no-slash"))));
    }

    @Test
    void progressLineShowsPercentMegabytesAndSpeed() {
        assertEquals("x.gz [##########----------]  50%  1.0/2.0 MB  0.5 MB/s",
                ConsoleProgress.line("x.gz", 1_000_000, 2_000_000, 500_000));
        assertEquals("x.gz [####################] 100%  26.4/26.4 MB  12.3 MB/s",
                ConsoleProgress.line("x.gz", 26_421_880, 26_421_880, 12_300_000));
    }

    private Downloader downloader(List<URI> mirrors) {
        return new Downloader(cache, FAST, listener(), mirrors);
    }

    private DownloadListener listener() {
        return new DownloadListener() {
            @Override
            public void started(String file, URI url, long totalBytes, long resumedFrom) {
                events.add("started " + file + " " + totalBytes + " from " + resumedFrom);
            }

            @Override
            public void progress(String file, long bytesDone, long totalBytes, double bytesPerSecond) {
                events.add("progress " + bytesDone + "/" + totalBytes);
            }

            @Override
            public void finished(String file, Path path) {
                events.add("finished " + path);
            }

            @Override
            public void failed(String file, URI url, String error) {
                events.add("failed " + url + ": " + error);
            }
        };
    }

    private DatasetManifest manifest(String sha256, URI... mirrors) {
        return new DatasetManifest("toy", "Toy", "", "", List.of(mirrors), Optional.empty(),
                List.of(new DatasetManifest.FileEntry(FILE, SIZE, sha256, 0, null)));
    }

    /** @return names of the files in the toy dataset's cache folder, except the lock file */
    private List<String> dataFiles() throws IOException {
        Path dir = cache.resolve("toy");
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.equals(".lock")).sorted().toList();
        }
    }
}
