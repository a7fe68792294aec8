package org.lenetlab.train;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.lenetlab.io.AtomicFiles;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The per-epoch checkpoint directory of a training run, written by the {@link Trainer} after every epoch:
 * <ul>
 *   <li>{@code model-epoch-NNNN.zip} — the network with its updater state (momentum, Adam moments and iteration
 *       count), as DL4J's {@code ModelSerializer} writes it;</li>
 *   <li>{@code best-weights-epoch-NNNN.bin} — the best epoch's weights, when early stopping restores them;</li>
 *   <li>{@value #STATE_FILE} — the trainer state (epoch, history, early-stopping and plateau state, learning rate,
 *       seed, settings fingerprint), naming the two files above;</li>
 *   <li>{@code history.csv} and {@code history.json} — the history so far, for plots and spreadsheets.</li>
 * </ul>
 * Every file is written atomically, and the state file is written last: it is the commit point. A crash at any
 * moment leaves either the previous epoch's complete checkpoint or the new one, never a mix; files of older epochs
 * and leftovers of interrupted writes are removed after the commit.
 */
public final class Checkpoint {
    /** Name of the trainer state file, the checkpoint's commit point. */
    public static final String STATE_FILE = "trainer-state.json";
    /** Name of the history CSV kept next to the checkpoint. */
    public static final String HISTORY_CSV = "history.csv";
    /** Name of the history JSON kept next to the checkpoint. */
    public static final String HISTORY_JSON = "history.json";
    private static final String MODEL_PREFIX = "model-epoch-";
    private static final String BEST_PREFIX = "best-weights-epoch-";

    /** Writes a network to a file path (DL4J's ModelSerializer, or a stand-in in tests). */
    @FunctionalInterface
    interface ModelWriter {
        void write(MultiLayerNetwork net, Path file) throws IOException;
    }

    static final ModelWriter DL4J_WRITER = (net, file) -> ModelSerializer.writeModel(net, file.toFile(), true);

    private final Path dir;
    private final ModelWriter modelWriter;

    Checkpoint(Path dir, ModelWriter modelWriter) {
        this.dir = dir;
        this.modelWriter = modelWriter;
    }

    /** @return the directory */
    Path dir() {
        return dir;
    }

    /**
     * @param dir a directory
     * @return whether it holds a checkpoint (a trainer state file)
     */
    public static boolean exists(Path dir) {
        return Files.isRegularFile(dir.resolve(STATE_FILE));
    }

    /**
     * @param dir a checkpoint directory
     * @return the last epoch saved in it
     * @throws IOException if there is no readable checkpoint
     */
    public static int lastEpoch(Path dir) throws IOException {
        return readState(dir).epochsCompleted();
    }

    /**
     * @param dir a checkpoint directory
     * @return the history of the epochs saved in it
     * @throws IOException if there is no readable checkpoint
     */
    public static History loadHistory(Path dir) throws IOException {
        return readState(dir).history();
    }

    /**
     * Loads the network of the last saved epoch, with its updater state, e.g. to evaluate it or to continue with
     * another tool. To continue training use {@link Trainer#resume}.
     *
     * @param dir a checkpoint directory
     * @return the network
     * @throws IOException if there is no readable checkpoint
     */
    public static MultiLayerNetwork loadNetwork(Path dir) throws IOException {
        return loadNetwork(dir, readState(dir));
    }

    static MultiLayerNetwork loadNetwork(Path dir, TrainerState state) throws IOException {
        Path model = dir.resolve(state.modelFile());
        if (!Files.isRegularFile(model)) {
            throw new IOException("the checkpoint in " + dir + " names " + state.modelFile()
                    + ", which is missing; the checkpoint is damaged — start a new run");
        }
        try {
            return ModelSerializer.restoreMultiLayerNetwork(model.toFile(), true);
        } catch (IOException | RuntimeException e) {
            throw new IOException("cannot read the model " + model + " (" + e.getMessage()
                    + "); the checkpoint is damaged — start a new run", e);
        }
    }

    static TrainerState readState(Path dir) throws IOException {
        Path file = dir.resolve(STATE_FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException("no checkpoint in " + dir + " (" + STATE_FILE + " is missing); train with fit(...) "
                    + "first, or point the trainer at the directory of an earlier run");
        }
        return TrainerState.fromJson(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    static INDArray readBestWeights(Path dir, TrainerState state) throws IOException {
        if (state.bestWeightsFile() == null) {
            return null;
        }
        Path file = dir.resolve(state.bestWeightsFile());
        try (InputStream in = Files.newInputStream(file);
             DataInputStream data = new DataInputStream(new BufferedInputStream(in))) {
            return Nd4j.read(data);
        } catch (IOException | RuntimeException e) {
            throw new IOException("cannot read the best weights " + file + " (" + e.getMessage()
                    + "); the checkpoint is damaged — start a new run", e);
        }
    }

    /**
     * Saves one epoch. The model (and new best weights, if any) go to new files, then the state names them and
     * commits; old files are deleted last.
     *
     * @param net         the network after the epoch
     * @param bestWeights the new best weights, or {@code null} if unchanged since the previous save
     * @param state       the trainer state; its file names are filled in here
     * @return the state as committed
     * @throws UncheckedIOException naming the directory if writing fails (the previous checkpoint is intact)
     */
    TrainerState save(MultiLayerNetwork net, INDArray bestWeights, TrainerState state) {
        int epoch = state.epochsCompleted();
        try {
            Files.createDirectories(dir);
            String model = String.format(Locale.ROOT, "%s%04d.zip", MODEL_PREFIX, epoch);
            AtomicFiles.writeFile(dir.resolve(model), tmp -> modelWriter.write(net, tmp));
            String best = state.bestWeightsFile();
            if (bestWeights != null) {
                best = String.format(Locale.ROOT, "%s%04d.bin", BEST_PREFIX, state.bestWeightsEpoch());
                INDArray weights = bestWeights;
                AtomicFiles.write(dir.resolve(best), out -> {
                    DataOutputStream data = new DataOutputStream(out);
                    Nd4j.write(weights, data);
                    data.flush();
                });
            }
            TrainerState committed = state.withFiles(model, best);
            AtomicFiles.writeString(dir.resolve(STATE_FILE), committed.toJson());
            state.history().writeCsv(dir.resolve(HISTORY_CSV));
            state.history().writeJson(dir.resolve(HISTORY_JSON));
            removeStaleFiles(Set.of(model, best == null ? "" : best));
            return committed;
        } catch (IOException | RuntimeException e) {
            String previous = epoch > 1 ? "the checkpoint of epoch " + (epoch - 1) + " is intact"
                    : "there is no earlier checkpoint";
            String message = String.format(Locale.ROOT, "could not write the checkpoint of epoch %d to %s (%s); %s. "
                    + "Check free disk space and permissions, then resume.", epoch, dir, describe(e), previous);
            throw new UncheckedIOException(message, e instanceof IOException io ? io : new IOException(e));
        }
    }

    /** Writes the final history files (e.g. with the restored epoch marked). */
    void saveHistory(History history) {
        try {
            history.writeCsv(dir.resolve(HISTORY_CSV));
            history.writeJson(dir.resolve(HISTORY_JSON));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the history to " + dir + " (" + describe(e) + ")", e);
        }
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private void removeStaleFiles(Set<String> keep) throws IOException {
        Set<String> stale = new HashSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path p : files) {
                String name = p.getFileName().toString();
                boolean ours = name.startsWith(MODEL_PREFIX) || name.startsWith(BEST_PREFIX);
                boolean leftover = name.endsWith(".part") && (name.startsWith("." + MODEL_PREFIX)
                        || name.startsWith("." + BEST_PREFIX) || name.startsWith("." + STATE_FILE)
                        || name.startsWith("." + HISTORY_CSV) || name.startsWith("." + HISTORY_JSON));
                if ((ours && !keep.contains(name)) || leftover) {
                    stale.add(name);
                }
            }
        }
        for (String name : stale) {
            Files.deleteIfExists(dir.resolve(name));
        }
    }
}
