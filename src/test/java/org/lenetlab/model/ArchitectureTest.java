package org.lenetlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.lenetlab.backend.Backend;
import org.nd4j.linalg.learning.config.Sgd;

/** Architectures by name, as the CLI uses them; the Keras LeNet's size. */
class ArchitectureTest {

    @BeforeAll
    static void backend() {
        Backend.configure();
    }

    @Test
    void namesAreTheCliNames() {
        assertEquals(List.of("classic", "keras", "modern", "lenet9"), Architecture.names());
        assertEquals(Architecture.LENET9, Architecture.fromName(" LeNet9 "));
        assertEquals(Architecture.CLASSIC, Architecture.fromName("classic"));
    }

    @Test
    void unknownNameListsTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Architecture.fromName("alexnet"));
        assertEquals("Unknown architecture 'alexnet'. Valid names: classic, keras, modern, lenet9", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Architecture.fromName(null));
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void everyArchitectureBuildsForMnistAndPredictsProbabilities(Architecture a) {
        BuiltModel model = a.create(InputShape.MNIST, 10, 1);
        assertEquals(a.cliName(), model.architecture());
        assertEquals(10, model.numClasses());
        LeNet5Test.assertSoftmaxRows(model.network(), InputShape.MNIST, 10);
    }

    @Test
    void classicRefusesLargeImagesWithAdvice() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Architecture.CLASSIC.create(new InputShape(64, 64, 3), 51, 1));
        assertTrue(e.getMessage().contains("'lenet9'"), e.getMessage());
        assertEquals(51, Architecture.LENET9.create(new InputShape(64, 64, 3), 51, 1).numClasses());
    }

    @Test
    void kerasLeNetOnMnistHas1256080Parameters() {
        BuiltModel keras = KerasLeNet.builder().build();
        assertEquals(List.of(520L, 0L, 25_050L, 0L, 1_225_500L, 5_010L),
                List.copyOf(LeNet5Test.paramsByLayer(keras.network()).values()));
        assertEquals(1_256_080, keras.numParams());
        assertEquals(new Sgd(0.01), KerasLeNet.builder().updater(), "the tutorials' SGD 0.01");
    }

    @Test
    void inputShapeParsesAndValidates() {
        assertEquals(new InputShape(64, 64, 3), InputShape.parse("64x64x3"));
        assertEquals(new InputShape(28, 28, 1), InputShape.parse(" 28 × 28 × 1 "));
        assertEquals("28×28×1", InputShape.MNIST.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InputShape.parse("28x28"));
        assertTrue(e.getMessage().contains("HEIGHTxWIDTHxCHANNELS"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new InputShape(0, 28, 1));
    }
}
