package org.lenetlab.data;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads one split of an MNIST-style dataset from the first {@link DataSource} that has it, and checks the
 * decompressed content against the SHA-256 in the manifest, so every copy (downloaded, cached, Debian-recompressed,
 * copied by hand) is verified to be the published data.
 */
final class IdxDatasetLoader {
    private static final Logger LOG = LoggerFactory.getLogger(IdxDatasetLoader.class);

    private IdxDatasetLoader() {
    }

    static ImageDataset load(DatasetManifest manifest, Split split, List<String> classNames, List<DataSource> sources,
                             String extraAdvice) throws IOException {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("no data source given for " + manifest.title());
        }
        String name = manifest.title() + " (" + split.label() + ")";
        List<String> files = List.of(split.imagesFile(), split.labelsFile());
        List<String> misses = new ArrayList<>();
        IOException lastMiss = null;
        for (DataSource source : sources) {
            DataSource.Located located;
            try {
                located = source.locate(manifest, files);
            } catch (DatasetMissingException | DownloadFailedException e) {
                misses.add(source.describe(manifest) + ": " + e.getMessage().replace("\n", "\n      "));
                lastMiss = e;
                LOG.debug("{} not from {}: {}", name, source.describe(manifest), e.getMessage());
                continue;
            }
            long started = System.nanoTime();
            IdxReader reader = new IdxReader(located.advice());
            IdxContent images = reader.readImages(located.files().get(split.imagesFile()));
            IdxContent labels = reader.readLabels(located.files().get(split.labelsFile()));
            verify(manifest, manifest.file(split.imagesFile()), images, reader);
            verify(manifest, manifest.file(split.labelsFile()), labels, reader);
            ImageDataset dataset = reader.toDataset(images, labels, name, located.description(), classNames);
            LOG.info(String.format(Locale.ROOT, "Loaded %s: %,d images from %s (%.2f s)", name, dataset.size(),
                    located.description(), (System.nanoTime() - started) / 1e9));
            return dataset;
        }
        StringBuilder message = new StringBuilder(name).append(" is not available from any source:");
        for (String miss : misses) {
            message.append("\n  - ").append(miss);
        }
        message.append("\nWhat to do: with internet access run `./lenet download --dataset ").append(manifest.dataset())
                .append("`; or copy ").append(String.join(" and ", files)).append(" into a directory and pass it")
                .append(" explicitly (the download cache is ~/.cache/lenetlab/").append(manifest.dataset())
                .append(", or $").append(Downloader.DATA_DIR_ENV).append('/').append(manifest.dataset()).append(')')
                .append(extraAdvice);
        throw new DatasetMissingException(message.toString(), lastMiss);
    }

    private static void verify(DatasetManifest manifest, DatasetManifest.FileEntry entry, IdxContent content,
                               IdxReader reader) throws DatasetFormatException {
        if (entry.contentSha256() == null) {
            return;
        }
        if (content.contentBytes() != entry.contentSize() || !content.contentSha256().equals(entry.contentSha256())) {
            throw new DatasetFormatException(String.format(Locale.ROOT,
                    "%s is a valid IDX file but not the published %s %s: its content is %,d bytes with SHA-256 %s,"
                            + " expected %,d bytes with SHA-256 %s. %s",
                    content.file(), manifest.title(), entry.name(), content.contentBytes(), content.contentSha256(),
                    entry.contentSize(), entry.contentSha256(), reader.advice()));
        }
    }
}
