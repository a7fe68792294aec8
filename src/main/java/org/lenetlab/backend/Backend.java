package org.lenetlab.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Switches ND4J/DL4J onto the fast CPU path before the native backend loads.
 *
 * <p>Call {@link #configure()} once, before the first use of {@code Nd4j} (the CLI, the kernel and the trainer
 * do it for you; calling it again is harmless). It
 * <ul>
 *   <li>turns DL4J's oneDNN layer helpers on ({@value #HELPERS_DISABLE_PROPERTY}{@code =false}; DL4J 1.0.0-M2.1
 *       ships them switched off), unless the user set that property;</li>
 *   <li>picks the native build that suits this CPU when more than one is on the class path (oneDNN+AVX2 where
 *       the CPU has AVX2, portable oneDNN otherwise), and refuses with a clear message when the only natives
 *       present need AVX2 and the CPU lacks it, instead of letting the JVM die of an illegal instruction;</li>
 *   <li>makes idle OpenMP threads sleep instead of spinning ({@value #OMP_WAIT_POLICY}{@code =passive}, unless the
 *       environment sets it): with the default, a thread that finishes its share of an op spins for
 *       milliseconds waiting for the others, and on a laptop or a shared machine whose other cores are busy that
 *       made two threads slower than one;</li>
 *   <li>stops JavaCPP from reading the process's resident size on every native allocation
 *       ({@value #MAX_PHYSICAL_BYTES_PROPERTY}{@code =0}, unless set): ND4J allocates per op, and that check alone
 *       took a tenth of a LeNet-5 epoch. The heap-sized cap on native memory ({@code maxBytes}) stays.</li>
 * </ul>
 * The result is visible in {@link #report()}.
 */
public final class Backend {
    /** DL4J's switch for its platform layer helpers (oneDNN on CPU, cuDNN on CUDA). */
    public static final String HELPERS_DISABLE_PROPERTY = "org.eclipse.deeplearning4j.helpers.disable";
    /** OpenMP's setting for what idle threads do: {@code active} (spin) or {@code passive} (sleep). */
    public static final String OMP_WAIT_POLICY = "OMP_WAIT_POLICY";
    /** JavaCPP's cap on the process's resident memory; {@code 0} (our default) turns the per-allocation check off. */
    public static final String MAX_PHYSICAL_BYTES_PROPERTY = "org.bytedeco.javacpp.maxPhysicalBytes";
    /** JavaCPP's choice among native builds (classifier suffixes such as {@code -onednn-avx2}). */
    public static final String PLATFORM_EXTENSION_PROPERTY = "org.bytedeco.javacpp.platform.extension";

    /** Native builds of libnd4j we know, fastest first. */
    static final List<String> KNOWN_EXTENSIONS = List.of("-onednn-avx512", "-onednn-avx2", "-onednn", "-avx512", "-avx2", "");
    private static final String BINDINGS_DIR = "org/nd4j/linalg/cpu/nativecpu/bindings/";

    private static volatile String nativeBuild;
    private static volatile CpuFeatures cpu;

    private Backend() {
    }

    /**
     * Prepares the fast path; must run before ND4J initialises to have full effect.
     *
     * @return the native build chosen, e.g. {@code linux-x86_64-onednn-avx2}, or {@code "unknown"} when no CPU
     *     natives were found on the class path (for example on the CUDA backend)
     * @throws IllegalStateException if the only natives present need CPU instructions this machine lacks
     */
    public static synchronized String configure() {
        if (nativeBuild != null) {
            return nativeBuild;
        }
        if (System.getProperty(HELPERS_DISABLE_PROPERTY) == null) {
            System.setProperty(HELPERS_DISABLE_PROPERTY, "false");
        }
        if (System.getProperty(MAX_PHYSICAL_BYTES_PROPERTY) == null) {
            // JavaCPP otherwise reads the process's resident size on every native allocation (10 % of an epoch)
            System.setProperty(MAX_PHYSICAL_BYTES_PROPERTY, "0");
        }
        if (System.getenv(OMP_WAIT_POLICY) == null) {
            setNativeEnvironment(OMP_WAIT_POLICY, "passive"); // read by the OpenMP runtime when the natives load
        }
        String platform = javacppPlatform();
        String requested = System.getProperty(PLATFORM_EXTENSION_PROPERTY);
        List<String> present = KNOWN_EXTENSIONS.stream().filter(ext -> nativesPresent(platform, ext)).toList();
        cpu = CpuFeatures.detect();
        Optional<String> chosen = chooseExtension(platform, present, cpu, requested);
        if (chosen.isEmpty()) {
            nativeBuild = "unknown";
        } else {
            if (requested == null) {
                System.setProperty(PLATFORM_EXTENSION_PROPERTY, chosen.get());
            }
            nativeBuild = platform + chosen.get();
        }
        return nativeBuild;
    }

    /**
     * Describes the backend in use; initialises ND4J if needed.
     *
     * @return the environment report that notebooks and the CLI print at start
     */
    public static EnvironmentReport report() {
        String build = configure();
        return EnvironmentReport.collect(build, cpu);
    }

    /**
     * Chooses the native build to load.
     *
     * @param platform  JavaCPP platform, e.g. {@code linux-x86_64}
     * @param present   extensions whose natives are on the class path, fastest first
     * @param cpu       what this CPU can run
     * @param requested extension the user asked for, or {@code null}
     * @return the extension to load; empty when no CPU natives are present
     * @throws IllegalStateException when natives are present but none can run on this CPU
     */
    static Optional<String> chooseExtension(String platform, List<String> present, CpuFeatures cpu,
                                            String requested) {
        if (requested != null) {
            return Optional.of(requested);
        }
        if (present.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> usable = present.stream().filter(cpu::canRun).findFirst();
        if (usable.isEmpty()) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "The ND4J natives on the class path (%s) need %s, which this CPU (%s) does not have. "
                            + "Use the portable natives: run through ./lenet (it picks them automatically) or build "
                            + "with ./mvnw -Dnd4j.cpu=portable ...",
                    platform + present.get(0), CpuFeatures.required(present.get(0)), cpu.model()));
        }
        return usable;
    }

    /**
     * Sets a variable in the process environment that native libraries loaded afterwards read ({@code setenv}
     * through JNA, which DL4J already brings). Java's own view ({@code System.getenv}) does not change. Does
     * nothing where there is no POSIX C library.
     */
    static void setNativeEnvironment(String name, String value) {
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
            return;
        }
        try {
            com.sun.jna.NativeLibrary.getInstance("c").getFunction("setenv").invokeInt(new Object[] {name, value, 0});
        } catch (RuntimeException | LinkageError e) {
            // not worth failing for: the natives then use their default
        }
    }

    static String javacppPlatform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String osPart = os.startsWith("windows") ? "windows" : os.startsWith("mac") ? "macosx" : "linux";
        String archPart = switch (arch) {
            case "amd64", "x86_64", "x86-64" -> "x86_64";
            case "aarch64", "arm64" -> "arm64";
            default -> arch;
        };
        return System.getProperty("org.bytedeco.javacpp.platform", osPart + "-" + archPart);
    }

    private static boolean nativesPresent(String platform, String extension) {
        String library = platform.startsWith("windows") ? "jnind4jcpu.dll"
                : platform.startsWith("macosx") ? "libjnind4jcpu.dylib" : "libjnind4jcpu.so";
        return Backend.class.getClassLoader().getResource(BINDINGS_DIR + platform + extension + "/" + library) != null;
    }

    /** What this CPU can execute, as far as the natives care. */
    record CpuFeatures(String model, boolean avx2, boolean avx512, boolean known) {
        static CpuFeatures detect() {
            Path cpuinfo = Path.of("/proc/cpuinfo");
            if (!Files.isReadable(cpuinfo)) {
                return new CpuFeatures(System.getProperty("os.arch"), false, false, false);
            }
            try {
                List<String> lines = Files.readAllLines(cpuinfo);
                String model = lines.stream().filter(l -> l.startsWith("model name")).findFirst()
                        .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(System.getProperty("os.arch"));
                String flags = lines.stream().filter(l -> l.startsWith("flags")).findFirst().orElse("");
                List<String> words = List.of(flags.substring(flags.indexOf(':') + 1).trim().split("\\s+"));
                return new CpuFeatures(model, words.contains("avx2"), words.contains("avx512f"), true);
            } catch (IOException e) {
                return new CpuFeatures(System.getProperty("os.arch"), false, false, false);
            }
        }

        /** Unknown CPUs (no /proc/cpuinfo) are trusted: the natives check again when they load. */
        boolean canRun(String extension) {
            if (!known) {
                return true;
            }
            if (extension.contains("avx512")) {
                return avx512;
            }
            return !extension.contains("avx2") || avx2;
        }

        static String required(String extension) {
            return extension.contains("avx512") ? "AVX-512" : extension.contains("avx2") ? "AVX2" : "nothing special";
        }
    }
}
