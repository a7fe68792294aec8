package org.lenetlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lenetlab.backend.Backend;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Saving and loading models with metadata: round trips, atomic writes, and clear errors for bad files. */
class ModelIOTest {
    private static final List<String> DIGITS = IntStream.range(0, 10).mapToObj(Integer::toString).toList();

    @TempDir
    Path dir;

    @BeforeAll
    static void backend() {
        Backend.configure();
    }

    private static ModelMetadata metadata(BuiltModel model) {
        return model.metadata(DIGITS, "MNIST sample",
                        ModelMetadata.Normalisation.perChannel("standardise", new double[] {0.1307},
                                new double[] {0.3081}))
                .withExtra("epochs", "3");
    }

    private Path savedModel(boolean withUpdater) throws IOException {
        BuiltModel model = LeNet5.builder().partialC3(true).build();
        return ModelIO.save(model, metadata(model), dir.resolve("lenet.zip"), withUpdater);
    }

    @Test
    void roundTripGivesIdenticalOutputsAndMetadata() throws IOException {
        BuiltModel model = LeNet5.builder().partialC3(true).scaledTanh(true).seed(3).build();
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 1, 28, 28);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 4, 10);
        for (int i = 0; i < 4; i++) {
            labels.putScalar(i, i, 1);
        }
        model.network().fit(x, labels); // one step, so that Adam's state is not all zeros
        Path file = ModelIO.save(model, metadata(model), dir.resolve("model.zip"), true);

        LoadedModel loaded = ModelIO.load(file);
        assertEquals(model.network().output(x), loaded.network().output(x));
        assertEquals(model.network().params(), loaded.network().params());
        assertEquals(model.network().getUpdater().getStateViewArray(),
                loaded.network().getUpdater().getStateViewArray(), "Adam's moments restored");
        ModelMetadata m = loaded.metadata().orElseThrow();
        assertEquals(metadata(model), m);
        assertEquals("classic", m.architecture());
        assertEquals(InputShape.MNIST, m.input());
        assertEquals((0.5 - 0.1307) / 0.3081, m.normalisation().apply(0.5, 0), 1e-12);
        assertEquals(Map.of("epochs", "3"), m.extras());
        assertEquals(60_806, loaded.summary().totalParams());
        assertEquals(Optional.of(m), ModelIO.readMetadata(file));
    }

    @Test
    void updaterStateIsOptional() throws IOException {
        Path with = savedModel(true);
        long withSize = Files.size(with);
        Path without = Files.move(with, dir.resolve("with.zip"));
        Path small = savedModel(false);
        assertTrue(Files.size(small) < withSize, "no updater state, smaller file");
        try (ZipFile zip = new ZipFile(small.toFile())) {
            assertEquals(null, zip.getEntry(ModelSerializer.UPDATER_BIN));
            assertNotNull(zip.getEntry(ModelIO.METADATA_ENTRY));
        }
        try (ZipFile zip = new ZipFile(without.toFile())) {
            assertNotNull(zip.getEntry(ModelSerializer.UPDATER_BIN));
        }
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 1, 28, 28);
        assertEquals(ModelIO.load(without).network().output(x), ModelIO.load(small, false).network().output(x));
    }

    @Test
    void leavesNoTemporaryFilesAndReplacesAtomically() throws IOException {
        savedModel(true);
        savedModel(false);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("lenet.zip"), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void refusesMetadataThatContradictsTheNetworkWithoutWritingAnything() {
        BuiltModel model = LeNet5.builder().build();
        ModelMetadata wrong = model.metadata(List.of("a", "b", "c"), "abc", null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelIO.save(model, wrong, dir.resolve("bad.zip"), false));
        assertTrue(e.getMessage().contains("names 3 classes but the network's output layer has 10 units"),
                e.getMessage());
        assertFalse(Files.exists(dir.resolve("bad.zip")));
    }

    @Test
    void refusesMetadataWithAnotherInputSize() {
        BuiltModel model = ModernLeNet.builder().build();
        ModelMetadata rgb = new ModelMetadata("modern", new InputShape(28, 28, 3), DIGITS, "x", null, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelIO.save(model, rgb, dir.resolve("rgb.zip"), false));
        assertTrue(e.getMessage().contains("layer 'conv1' would receive 3 input features"),
                e.getMessage());
        ModelMetadata larger = new ModelMetadata("modern", new InputShape(32, 32, 1), DIGITS, "x", null, null);
        e = assertThrows(IllegalArgumentException.class,
                () -> ModelIO.save(model, larger, dir.resolve("larger.zip"), false));
        assertTrue(e.getMessage().contains("layer 'dense3' would receive 4096 input features (channels, or values once flattened) but it is built for 3136"), e.getMessage());
    }

    @Test
    void everyArchitectureSavesAndLoads() throws IOException {
        for (Architecture a : Architecture.values()) {
            LeNetBuilder<?> builder = a.builder().input(20, 20, 3).numClasses(4);
            if (builder instanceof ModernLeNet modern) {
                modern.batchNorm(true).dropout(0.2);
            }
            BuiltModel model = builder.build();
            Path file = ModelIO.save(model, model.metadata(List.of("a", "b", "c", "d"), "tiny", null),
                    dir.resolve(a.cliName() + ".zip"), true);
            INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 20, 20);
            LoadedModel loaded = ModelIO.load(file);
            assertEquals(model.network().output(x), loaded.network().output(x), a.cliName());
            assertEquals(a.cliName(), loaded.metadata().orElseThrow().architecture());
        }
    }

    @Test
    void plainDl4jZipsLoadWithoutMetadata() throws IOException {
        BuiltModel model = KerasLeNet.builder().input(12, 12, 1).build();
        Path file = ModelIO.save(model.network(), null, dir.resolve("plain.zip"), false);
        LoadedModel loaded = ModelIO.load(file);
        assertTrue(loaded.metadata().isEmpty());
        assertEquals(model.network().params(), loaded.network().params());
        IllegalStateException e = assertThrows(IllegalStateException.class, loaded::summary);
        assertTrue(e.getMessage().contains("no LeNet Lab metadata"), e.getMessage());
    }

    @Test
    void missingFile() {
        Path file = dir.resolve("nope.zip");
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelIO.load(file));
        assertEquals(ModelFileException.Reason.MISSING, e.reason());
        assertTrue(e.getMessage().startsWith("Model file " + file + " does not exist."), e.getMessage());
    }

    @Test
    void fileThatIsNotAZip() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.zip"), "these are not weights");
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelIO.load(text));
        assertEquals(ModelFileException.Reason.NOT_A_ZIP, e.reason());
        assertTrue(e.getMessage().contains(text + " is not a DL4J model zip"), e.getMessage());
        Path empty = Files.createFile(dir.resolve("empty.zip"));
        assertEquals(ModelFileException.Reason.NOT_A_ZIP,
                assertThrows(ModelFileException.class, () -> ModelIO.load(empty)).reason());
        assertEquals(ModelFileException.Reason.NOT_A_ZIP,
                assertThrows(ModelFileException.class, () -> ModelIO.load(dir)).reason());
    }

    @Test
    void truncatedZip() throws IOException {
        byte[] full = Files.readAllBytes(savedModel(true));
        Path cut = Files.write(dir.resolve("cut.zip"), Arrays.copyOf(full, full.length / 2));
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelIO.load(cut));
        assertEquals(ModelFileException.Reason.DAMAGED, e.reason());
        assertTrue(e.getMessage().contains("probably truncated"), e.getMessage());
    }

    @Test
    void corruptedBytesInsideTheZip() throws IOException {
        byte[] bytes = Files.readAllBytes(savedModel(false));
        bytes[bytes.length / 2] ^= 0x5A;
        Path bad = Files.write(dir.resolve("flipped.zip"), bytes);
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelIO.load(bad));
        assertEquals(ModelFileException.Reason.DAMAGED, e.reason());
        assertTrue(e.getMessage().contains("is damaged: entry"), e.getMessage());
    }

    @Test
    void zipThatIsNotAModel() throws IOException {
        Path zip = dir.resolve("photos.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("cat.txt"));
            z.write("meow".getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelIO.load(zip));
        assertEquals(ModelFileException.Reason.NOT_A_MODEL, e.reason());
        assertTrue(e.getMessage().contains("is a zip archive but not a DL4J model"), e.getMessage());
    }

    @Test
    void unreadableMetadata() throws IOException {
        Path file = savedModel(false);
        try (var fs = java.nio.file.FileSystems.newFileSystem(file)) {
            Files.writeString(fs.getPath(ModelIO.METADATA_ENTRY), "{\"format\": \"something else\"}");
        }
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelIO.load(file));
        assertEquals(ModelFileException.Reason.BAD_METADATA, e.reason());
        assertTrue(e.getMessage().contains("not a lenetlab-model-metadata document"), e.getMessage());
    }

    @Test
    void metadataJsonRoundTripAndValidation() {
        ModelMetadata m = new ModelMetadata("lenet9", new InputShape(64, 64, 3), List.of("a", "b"), "flowers",
                ModelMetadata.Normalisation.perChannel("min-max", new double[] {0, 0, 0}, new double[] {255, 255, 255}),
                Map.of("note", "ok"));
        assertEquals(m, ModelMetadata.fromJson(m.toJson()));
        assertTrue(m.toJson().contains("\"architecture\" : \"lenet9\""), m.toJson());
        assertThrows(IllegalArgumentException.class, () -> ModelMetadata.fromJson("not json"));
        assertThrows(IllegalArgumentException.class, () -> new ModelMetadata("x", InputShape.MNIST, List.of("only"),
                "d", null, null));
        assertThrows(IllegalArgumentException.class, () -> new ModelMetadata("x", InputShape.MNIST, DIGITS, "d",
                ModelMetadata.Normalisation.perChannel("s", new double[] {0, 0}, new double[] {1, 1}), null));
        assertThrows(IllegalArgumentException.class,
                () -> ModelMetadata.Normalisation.perChannel("s", new double[] {0}, new double[] {0}));
        assertTrue(ModelMetadata.Normalisation.none().isIdentity());
        assertEquals(7.0, ModelMetadata.Normalisation.none().apply(7.0, 0));
    }
}
