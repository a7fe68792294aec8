package org.lenetlab.data;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A place a full dataset (MNIST, Fashion-MNIST) can come from. Loaders try sources in order and use the first that
 * has every file; the one used is logged and recorded in {@link ImageDataset#source()}.
 *
 * <p>The standard order ({@link #standard(Path)}) is: an explicit directory, if given → the download cache →
 * the Debian package directory, if the dataset has one → a download into the cache.
 */
public sealed interface DataSource permits DataSource.Directory, DataSource.Cache, DataSource.DebianPackage,
        DataSource.Download {

    /**
     * The files a source provides.
     *
     * @param files       path of each requested file, by manifest file name
     * @param description what {@link ImageDataset#source()} will say, e.g. {@code "cache /home/me/.cache/..."}
     * @param advice      what to do if one of the files turns out to be bad
     */
    record Located(Map<String, Path> files, String description, String advice) {
        /** Freezes the map. */
        public Located {
            files = Map.copyOf(files);
        }
    }

    /**
     * Finds (or, for a download, fetches) the given files of a dataset.
     *
     * @param manifest  the dataset
     * @param fileNames manifest names of the files needed
     * @return where they are
     * @throws DatasetMissingException if this source does not have them (the loader then tries the next source)
     * @throws DownloadFailedException if a download source cannot fetch them
     * @throws IOException             on other I/O errors
     */
    Located locate(DatasetManifest manifest, List<String> fileNames) throws IOException;

    /**
     * @param manifest the dataset
     * @return a short description for messages, e.g. {@code "directory /data/mnist"}
     */
    String describe(DatasetManifest manifest);

    /**
     * @param dir a directory holding the files, gzip-compressed ({@code name.gz}) or not ({@code name})
     * @return a source that reads them there
     */
    static DataSource directory(Path dir) {
        return new Directory(dir);
    }

    /** @return the default download cache ({@link Downloader#defaultCacheDir()}), without downloading */
    static DataSource cache() {
        return new Cache(Downloader.defaultCacheDir());
    }

    /**
     * @param cacheDir a download cache directory (files are in {@code cacheDir/<dataset>/})
     * @return a source that uses files already in it, without downloading
     */
    static DataSource cache(Path cacheDir) {
        return new Cache(cacheDir);
    }

    /** @return the directory where the dataset's Debian package installs it (from the manifest) */
    static DataSource debianPackage() {
        return new DebianPackage();
    }

    /** @return a download into the default cache with a console progress bar */
    static DataSource download() {
        return new Download(new Downloader());
    }

    /**
     * @param downloader the downloader (cache directory, settings, progress listener)
     * @return a download through it
     */
    static DataSource download(Downloader downloader) {
        return new Download(downloader);
    }

    /**
     * The standard resolution order.
     *
     * @param explicitDir a directory the user named, or {@code null}
     * @return explicit directory (if any) → cache → Debian package → download
     */
    static List<DataSource> standard(Path explicitDir) {
        List<DataSource> sources = new ArrayList<>();
        if (explicitDir != null) {
            sources.add(directory(explicitDir));
        }
        sources.add(cache());
        sources.add(debianPackage());
        sources.add(download());
        return sources;
    }

    /**
     * Files in a directory the user chose.
     *
     * @param dir the directory
     */
    record Directory(Path dir) implements DataSource {
        /** Checks the argument. */
        public Directory {
            Objects.requireNonNull(dir, "dir");
        }

        @Override
        public Located locate(DatasetManifest manifest, List<String> fileNames) throws IOException {
            Path abs = dir.toAbsolutePath().normalize();
            if (!Files.isDirectory(abs)) {
                throw new DatasetMissingException(abs + " is not a directory");
            }
            Map<String, Path> found = new LinkedHashMap<>();
            List<String> missing = new ArrayList<>();
            for (String name : fileNames) {
                Path gz = abs.resolve(name);
                Path plain = abs.resolve(name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name);
                if (Files.isRegularFile(gz)) {
                    found.put(name, gz);
                } else if (Files.isRegularFile(plain)) {
                    found.put(name, plain);
                } else {
                    missing.add(name);
                }
            }
            if (!missing.isEmpty()) {
                throw new DatasetMissingException("no " + String.join(" or ", missing) + " (compressed or not) in "
                        + abs);
            }
            return new Located(found, "directory " + abs, "Replace it with a good copy (`./lenet download --dataset "
                    + manifest.dataset() + "` puts verified copies into the cache).");
        }

        @Override
        public String describe(DatasetManifest manifest) {
            return "directory " + dir.toAbsolutePath().normalize();
        }
    }

    /**
     * Files already in the download cache.
     *
     * @param cacheDir the cache directory
     */
    record Cache(Path cacheDir) implements DataSource {
        /** Checks the argument. */
        public Cache {
            Objects.requireNonNull(cacheDir, "cacheDir");
        }

        @Override
        public Located locate(DatasetManifest manifest, List<String> fileNames) throws IOException {
            Downloader view = new Downloader(cacheDir, DownloadSettings.defaults(), DownloadListener.SILENT);
            Map<String, Path> found = new LinkedHashMap<>();
            List<String> missing = new ArrayList<>();
            for (String name : fileNames) {
                if (view.isCached(manifest, name)) {
                    found.put(name, view.cachedFile(manifest, name));
                } else {
                    missing.add(name);
                }
            }
            if (!missing.isEmpty()) {
                throw new DatasetMissingException("no " + String.join(" or ", missing) + " in "
                        + view.datasetDir(manifest));
            }
            return new Located(found, "cache " + view.datasetDir(manifest), "Delete it and run `./lenet download"
                    + " --dataset " + manifest.dataset() + "` again.");
        }

        @Override
        public String describe(DatasetManifest manifest) {
            return "cache " + cacheDir.toAbsolutePath().normalize().resolve(manifest.dataset());
        }
    }

    /** The files a Debian package installed (only datasets whose manifest names a package). */
    record DebianPackage() implements DataSource {
        @Override
        public Located locate(DatasetManifest manifest, List<String> fileNames) throws IOException {
            if (manifest.debianPackage().isEmpty()) {
                throw new DatasetMissingException(manifest.title() + " has no Debian package");
            }
            DatasetManifest.DebianPackage pkg = manifest.debianPackage().get();
            if (!Files.isDirectory(pkg.directory())) {
                throw new DatasetMissingException("package " + pkg.name() + " is not installed (" + pkg.directory()
                        + " does not exist; on Debian or Ubuntu: sudo apt-get install " + pkg.name() + ")");
            }
            Located inDir;
            try {
                inDir = new Directory(pkg.directory()).locate(manifest, fileNames);
            } catch (DatasetMissingException e) {
                throw new DatasetMissingException("package " + pkg.name() + " is incomplete: " + e.getMessage()
                        + " (reinstall it: sudo apt-get install --reinstall " + pkg.name() + ")", e);
            }
            return new Located(inDir.files(), "Debian package " + pkg.name() + " at " + pkg.directory(),
                    "Reinstall the package: sudo apt-get install --reinstall " + pkg.name() + ".");
        }

        @Override
        public String describe(DatasetManifest manifest) {
            return manifest.debianPackage().map(p -> "Debian package " + p.name() + " at " + p.directory())
                    .orElse("Debian package (none for " + manifest.title() + ")");
        }
    }

    /**
     * A download into a cache.
     *
     * @param downloader the downloader to use
     */
    record Download(Downloader downloader) implements DataSource {
        /** Checks the argument. */
        public Download {
            Objects.requireNonNull(downloader, "downloader");
        }

        @Override
        public Located locate(DatasetManifest manifest, List<String> fileNames) throws IOException {
            Map<String, Path> found = new LinkedHashMap<>();
            Set<String> hosts = new LinkedHashSet<>();
            for (String name : fileNames) {
                Downloader.Fetched fetched = downloader.obtain(manifest, name);
                found.put(name, fetched.path());
                fetched.downloadedFrom().ifPresent(u -> hosts.add(u.resolve(".").toString()));
            }
            String where = downloader.datasetDir(manifest).toString();
            String description = hosts.isEmpty() ? "cache " + where
                    : "downloaded from " + String.join(" and ", hosts) + " into cache " + where;
            return new Located(found, description, "Delete it and run `./lenet download --dataset "
                    + manifest.dataset() + "` again.");
        }

        @Override
        public String describe(DatasetManifest manifest) {
            return "download into " + downloader.datasetDir(manifest);
        }
    }
}
