package org.lenetlab.kernel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link KernelSession} starts.
 *
 * @param classPath            entries added to the session's class path at start, after the kernel's own
 * @param compilerOptions      extra javac options for JShell (e.g. {@code --enable-preview} with its
 *                             {@code --release})
 * @param imports              the imports every notebook starts with ({@link #DEFAULT_IMPORTS} by default)
 * @param mavenLocalRepository where {@code %maven} keeps downloaded artifacts; {@code null} for the user's
 *                             {@code ~/.m2/repository}
 * @param mavenRepositories    the remote repositories {@code %maven} resolves from, in order (Maven Central by
 *                             default; {@code %mavenRepo} adds more at run time)
 */
public record KernelOptions(List<Path> classPath, List<String> compilerOptions, List<String> imports,
                            Path mavenLocalRepository, List<String> mavenRepositories) {

    /**
     * The imports of every notebook: the JDK's everyday packages, the course library, the DL4J and ND4J types a
     * LeNet notebook uses, Tablesaw and XChart, and IJava's display API ({@code display}, {@code render},
     * {@code updateDisplay}). Packages missing from the class path are skipped.
     */
    public static final List<String> DEFAULT_IMPORTS = List.of(
            "java.util.*", "java.util.function.*", "java.util.stream.*", "java.nio.file.*", "java.io.*",
            "java.awt.image.BufferedImage",
            "org.lenetlab.backend.*", "org.lenetlab.data.*", "org.lenetlab.augment.*", "org.lenetlab.model.*",
            "org.lenetlab.train.*", "org.lenetlab.eval.*", "org.lenetlab.plot.*",
            "org.nd4j.linalg.factory.Nd4j", "org.nd4j.linalg.api.ndarray.INDArray",
            "org.nd4j.linalg.activations.Activation", "org.nd4j.linalg.lossfunctions.LossFunctions",
            "org.nd4j.linalg.dataset.DataSet",
            "org.deeplearning4j.nn.conf.NeuralNetConfiguration", "org.deeplearning4j.nn.conf.MultiLayerConfiguration",
            "org.deeplearning4j.nn.conf.inputs.InputType", "org.deeplearning4j.nn.conf.layers.*",
            "org.deeplearning4j.nn.multilayer.MultiLayerNetwork", "org.deeplearning4j.nn.weights.WeightInit",
            "tech.tablesaw.api.*", "org.knowm.xchart.*",
            "static org.lenetlab.kernel.Display.*");

    /** The URL of Maven Central. */
    public static final String MAVEN_CENTRAL = "https://repo.maven.apache.org/maven2/";

    /** Copies the lists. */
    public KernelOptions {
        classPath = List.copyOf(classPath);
        compilerOptions = List.copyOf(compilerOptions);
        imports = List.copyOf(imports);
        mavenRepositories = List.copyOf(mavenRepositories);
    }

    /** @return the kernel's class path only, the default imports, the user's Maven repository, Maven Central */
    public static KernelOptions defaults() {
        return new KernelOptions(List.of(), List.of(), DEFAULT_IMPORTS, null, List.of(MAVEN_CENTRAL));
    }

    /**
     * @param entries jars or class folders to add
     * @return these options with the entries added to the class path
     */
    public KernelOptions withClassPath(Path... entries) {
        List<Path> all = new ArrayList<>(classPath);
        for (Path p : entries) {
            all.add(Objects.requireNonNull(p, "class path entry"));
        }
        return new KernelOptions(all, compilerOptions, imports, mavenLocalRepository, mavenRepositories);
    }

    /**
     * @param options javac options for JShell
     * @return these options with the compiler options added
     */
    public KernelOptions withCompilerOptions(String... options) {
        List<String> all = new ArrayList<>(compilerOptions);
        all.addAll(List.of(options));
        return new KernelOptions(classPath, all, imports, mavenLocalRepository, mavenRepositories);
    }

    /**
     * @param newImports the start-up imports, e.g. {@code "java.util.*"} or {@code "static java.lang.Math.*"}
     * @return these options with the given imports instead of the current ones
     */
    public KernelOptions withImports(List<String> newImports) {
        return new KernelOptions(classPath, compilerOptions, newImports, mavenLocalRepository, mavenRepositories);
    }

    /**
     * @param repository the local Maven repository for {@code %maven}
     * @return these options with that repository
     */
    public KernelOptions withMavenLocalRepository(Path repository) {
        return new KernelOptions(classPath, compilerOptions, imports, repository, mavenRepositories);
    }

    /**
     * @param urls the remote repositories for {@code %maven}, in order (none: only those added with
     *             {@code %mavenRepo})
     * @return these options with those repositories instead of the current ones
     */
    public KernelOptions withMavenRepositories(List<String> urls) {
        return new KernelOptions(classPath, compilerOptions, imports, mavenLocalRepository, urls);
    }

    /** @return the local Maven repository {@code %maven} uses */
    public Path effectiveMavenLocalRepository() {
        return Optional.ofNullable(mavenLocalRepository)
                .orElseGet(() -> Path.of(System.getProperty("user.home"), ".m2", "repository"));
    }
}
