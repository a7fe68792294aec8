package org.lenetlab.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.lenetlab.io.AtomicFiles;

/**
 * Saves and loads networks as DL4J model zips ({@code ModelSerializer}'s format, readable by any DL4J program),
 * with LeNet Lab's {@link ModelMetadata} stored alongside as a JSON entry ({@value #METADATA_ENTRY}) in the same
 * zip.
 *
 * <p>Saving is atomic: the zip is written to a temporary file next to the target and renamed over it only when
 * complete, so an interrupted save never leaves a half-written model. Loading checks the file first and explains
 * what is wrong with a missing file, a file that is not a zip, a truncated or corrupted zip, a zip that is not a
 * DL4J model, and metadata that contradicts the network ({@link ModelFileException}).
 */
public final class ModelIO {
    /** Name of the metadata entry inside the model zip. */
    public static final String METADATA_ENTRY = "lenetlab-metadata.json";

    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

    private ModelIO() {
    }

    /**
     * Saves a network with its metadata.
     *
     * @param network     the network
     * @param metadata    what it expects and predicts; {@code null} for a plain DL4J zip
     * @param file        the zip to create or replace
     * @param withUpdater true to also store the optimiser's state (needed to resume training; about doubles the
     *                    file for Adam), false for a smaller file for prediction only
     * @return {@code file}
     * @throws IOException              if writing fails (the previous file, if any, is then unchanged)
     * @throws IllegalArgumentException if the metadata contradicts the network
     */
    public static Path save(MultiLayerNetwork network, ModelMetadata metadata, Path file, boolean withUpdater)
            throws IOException {
        if (metadata != null) {
            String problem = contradiction(network, metadata);
            if (problem != null) {
                throw new IllegalArgumentException("Not saving " + file + ": " + problem);
            }
        }
        return AtomicFiles.writeFile(file, tmp -> {
            ModelSerializer.writeModel(network, tmp.toFile(), withUpdater);
            if (metadata != null) {
                try (FileSystem zip = FileSystems.newFileSystem(tmp)) {
                    Files.writeString(zip.getPath(METADATA_ENTRY), metadata.toJson(), StandardCharsets.UTF_8);
                }
            }
        });
    }

    /**
     * Saves a built model with its metadata.
     *
     * @param model       the model
     * @param metadata    what it expects and predicts
     * @param file        the zip to create or replace
     * @param withUpdater whether to store the optimiser's state
     * @return {@code file}
     * @throws IOException if writing fails
     */
    public static Path save(BuiltModel model, ModelMetadata metadata, Path file, boolean withUpdater)
            throws IOException {
        return save(model.network(), metadata, file, withUpdater);
    }

    /**
     * Loads a network with its updater state (if saved) and metadata (if any).
     *
     * @param file the model zip
     * @return the network and metadata
     * @throws ModelFileException if the file is missing, not a DL4J model zip, damaged, or has bad metadata
     * @throws IOException        if reading fails otherwise
     */
    public static LoadedModel load(Path file) throws IOException {
        return load(file, true);
    }

    /**
     * Loads a network and its metadata (if any).
     *
     * @param file        the model zip
     * @param withUpdater whether to restore the optimiser's state too (false saves memory for prediction)
     * @return the network and metadata
     * @throws ModelFileException if the file is missing, not a DL4J model zip, damaged, or has bad metadata
     * @throws IOException        if reading fails otherwise
     */
    public static LoadedModel load(Path file, boolean withUpdater) throws IOException {
        Optional<ModelMetadata> metadata = readMetadata(file);
        MultiLayerNetwork network;
        try {
            network = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), withUpdater);
        } catch (IOException | RuntimeException e) {
            throw new ModelFileException(file, ModelFileException.Reason.NOT_A_MODEL, file
                    + " could not be read as a DL4J MultiLayerNetwork (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "). Save the model "
                    + "again with ./lenet train or ModelIO.save.", e);
        }
        if (metadata.isPresent()) {
            String problem = contradiction(network, metadata.get());
            if (problem != null) {
                throw new ModelFileException(file, ModelFileException.Reason.BAD_METADATA, file + ": " + problem
                        + ". The file was changed after saving; save the model again.", null);
            }
        }
        return new LoadedModel(file, network, metadata);
    }

    /**
     * Checks a model file and reads only its metadata (fast: the weights are not loaded).
     *
     * @param file the model zip
     * @return the metadata, or empty for a plain DL4J model zip
     * @throws ModelFileException if the file is missing, not a DL4J model zip, damaged, or has unreadable metadata
     * @throws IOException        if reading fails otherwise
     */
    public static Optional<ModelMetadata> readMetadata(Path file) throws IOException {
        checkZipHeader(file);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            verifyEntries(file, zip);
            if (zip.getEntry(ModelSerializer.CONFIGURATION_JSON) == null
                    || zip.getEntry(ModelSerializer.COEFFICIENTS_BIN) == null
                    && zip.getEntry(ModelSerializer.NO_PARAMS_MARKER) == null) {
                throw new ModelFileException(file, ModelFileException.Reason.NOT_A_MODEL, file
                        + " is a zip archive but not a DL4J model: it lacks " + ModelSerializer.CONFIGURATION_JSON
                        + " or " + ModelSerializer.COEFFICIENTS_BIN + ". Pass a model saved by ./lenet train or "
                        + "ModelIO.save.", null);
            }
            String configuration = text(zip, ModelSerializer.CONFIGURATION_JSON);
            if (configuration.contains("\"vertices\"")) {
                throw new ModelFileException(file, ModelFileException.Reason.NOT_A_MODEL, file
                        + " holds a DL4J ComputationGraph; LeNet Lab models are MultiLayerNetworks.", null);
            }
            ZipEntry entry = zip.getEntry(METADATA_ENTRY);
            if (entry == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(ModelMetadata.fromJson(text(zip, METADATA_ENTRY)));
            } catch (IllegalArgumentException e) {
                throw new ModelFileException(file, ModelFileException.Reason.BAD_METADATA, file + ": its "
                        + METADATA_ENTRY + " entry is unreadable (" + e.getMessage() + "). Save the model again.", e);
            }
        } catch (ZipException e) {
            throw damaged(file, e);
        }
    }

    private static void checkZipHeader(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new ModelFileException(file, ModelFileException.Reason.MISSING, "Model file " + file
                    + " does not exist. Check the path, or train a model first (./lenet train ... --model-file "
                    + file.getFileName() + ").", null);
        }
        if (!Files.isRegularFile(file)) {
            throw new ModelFileException(file, ModelFileException.Reason.NOT_A_ZIP, "Model file " + file
                    + " is a directory, not a DL4J model zip.", null);
        }
        byte[] head = new byte[ZIP_MAGIC.length];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(head, 0, head.length);
        }
        for (int i = 0; i < ZIP_MAGIC.length; i++) {
            if (read < ZIP_MAGIC.length || head[i] != ZIP_MAGIC[i]) {
                throw new ModelFileException(file, ModelFileException.Reason.NOT_A_ZIP, String.format(Locale.ROOT,
                        "%s is not a DL4J model zip: it does not start like a zip archive (%d bytes). Pass the "
                                + ".zip file written by ./lenet train or ModelIO.save.", file, Files.size(file)),
                        null);
            }
        }
    }

    /** Reads every entry to the end and compares its CRC-32 with the one recorded in the zip. */
    private static void verifyEntries(Path file, ZipFile zip) throws IOException {
        Enumeration<? extends ZipEntry> entries = zip.entries();
        byte[] buffer = new byte[1 << 16];
        while (entries.hasMoreElements()) {
            ZipEntry entry = entries.nextElement();
            CRC32 crc = new CRC32();
            try (InputStream in = zip.getInputStream(entry)) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    crc.update(buffer, 0, n);
                }
            } catch (IOException e) {
                throw new ModelFileException(file, ModelFileException.Reason.DAMAGED, String.format(Locale.ROOT,
                        "%s is damaged: entry %s cannot be read (%s). Copy or save the model again.", file,
                        entry.getName(), e.getMessage()), e);
            }
            if (entry.getCrc() != -1 && entry.getCrc() != crc.getValue()) {
                throw new ModelFileException(file, ModelFileException.Reason.DAMAGED, String.format(Locale.ROOT,
                        "%s is damaged: entry %s does not match its checksum. Copy or save the model again.", file,
                        entry.getName()), null);
            }
        }
    }

    private static ModelFileException damaged(Path file, ZipException e) throws IOException {
        return new ModelFileException(file, ModelFileException.Reason.DAMAGED, String.format(Locale.ROOT,
                "%s starts like a zip archive but cannot be opened (%s); it is probably truncated (%d bytes) or "
                        + "corrupted. Copy or save the model again.", file, e.getMessage(), Files.size(file)), e);
    }

    private static String text(ZipFile zip, String entry) throws IOException {
        try (InputStream in = zip.getInputStream(zip.getEntry(entry))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** @return what in the metadata contradicts the network, or null if they agree */
    private static String contradiction(MultiLayerNetwork network, ModelMetadata metadata) {
        MultiLayerConfiguration conf = network.getLayerWiseConfigurations();
        int layers = conf.getConfs().size();
        if (layers == 0) {
            return "the network has no layers";
        }
        Layer last = conf.getConf(layers - 1).getLayer();
        if (last instanceof BaseOutputLayer out && out.getNOut() != metadata.numClasses()) {
            return String.format(Locale.ROOT, "the metadata names %d classes but the network's output layer has %d "
                    + "units", metadata.numClasses(), out.getNOut());
        }
        InputShape in = metadata.input();
        InputType type = InputType.convolutional(in.height(), in.width(), in.channels());
        try {
            for (int i = 0; i < layers; i++) {
                InputPreProcessor pre = conf.getInputPreProcess(i);
                if (pre != null) {
                    type = pre.getOutputType(type);
                }
                Layer layer = conf.getConf(i).getLayer();
                long expected = type instanceof InputType.InputTypeConvolutional c ? c.getChannels()
                        : type instanceof InputType.InputTypeFeedForward f ? f.getSize() : -1;
                if (layer instanceof FeedForwardLayer ff && ff.getNIn() > 0 && expected > 0
                        && ff.getNIn() != expected) {
                    return String.format(Locale.ROOT, "with the metadata's %s input, layer '%s' would receive %d "
                            + "input features (channels, or values once flattened) but it is built for %d", in, layer.getLayerName(), expected, ff.getNIn());
                }
                type = layer.getOutputType(i, type);
            }
        } catch (RuntimeException e) {
            return "the network cannot take the metadata's " + in + " input (" + e.getMessage() + ")";
        }
        return null;
    }
}
