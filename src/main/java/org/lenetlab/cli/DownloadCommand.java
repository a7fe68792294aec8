package org.lenetlab.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.lenetlab.data.ConsoleProgress;
import org.lenetlab.data.Datasets;
import org.lenetlab.data.DownloadSettings;
import org.lenetlab.data.Downloader;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lenet download}: fetches a dataset into the cache, verified by SHA-256. */
@Command(name = "download", description = "Download a dataset into the cache (SHA-256 verified, resumable).")
final class DownloadCommand implements Callable<Integer> {
    @Option(names = "--dataset", required = true, description = "mnist or fashion-mnist")
    String dataset;

    @Option(names = "--cache", description = "cache directory (default: $LENETLAB_DATA_DIR or ~/.cache/lenetlab)")
    Path cache;

    @Override
    public Integer call() throws IOException {
        Downloader downloader = new Downloader(cache == null ? Downloader.defaultCacheDir() : cache,
                DownloadSettings.defaults(), new ConsoleProgress(System.err));
        List<Path> files = Datasets.download(dataset, downloader);
        if (files.isEmpty()) {
            System.out.println(Datasets.canonical(dataset) + " ships with LeNet Lab; nothing to download.");
        }
        files.forEach(f -> System.out.println("ok  " + f));
        return 0;
    }
}
