package org.lenetlab.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The architectures by the names the command line uses: {@code classic}, {@code keras}, {@code modern},
 * {@code lenet9}.
 *
 * <pre>{@code
 * BuiltModel model = Architecture.fromName("lenet9").create(new InputShape(64, 64, 3), 51, 7);
 * }</pre>
 */
public enum Architecture {
    /** LeCun et al.'s LeNet-5 (1998), see {@link LeNet5}. */
    CLASSIC("classic", "Classic LeNet-5 (LeCun et al. 1998)", LeNet5::builder),
    /** The Caffe/Keras tutorial LeNet, see {@link KerasLeNet}. */
    KERAS("keras", "Caffe/Keras tutorial LeNet (20-50-500, ReLU, max pooling)", KerasLeNet::builder),
    /** The configurable modern LeNet with its defaults, see {@link ModernLeNet#builder()}. */
    MODERN("modern", "Configurable modern LeNet", ModernLeNet::builder),
    /** The 9-layer modified LeNet, see {@link ModernLeNet#nineLayer()}. */
    LENET9("lenet9", "9-layer modified LeNet (3×3 kernels, three conv/pool stages, ELU)", ModernLeNet::nineLayer);

    private final String cliName;
    private final String description;
    private final Supplier<LeNetBuilder<?>> builder;

    Architecture(String cliName, String description, Supplier<LeNetBuilder<?>> builder) {
        this.cliName = cliName;
        this.description = description;
        this.builder = builder;
    }

    /** @return the name on the command line, e.g. {@code classic} */
    public String cliName() {
        return cliName;
    }

    /** @return one line saying what the architecture is */
    public String description() {
        return description;
    }

    /** @return a fresh builder with this architecture's defaults, to set further options on */
    public LeNetBuilder<?> builder() {
        return builder.get();
    }

    /**
     * Builds the architecture with its defaults for the given data.
     *
     * @param input      image size
     * @param numClasses number of classes
     * @param seed       seed for the initial weights
     * @return the configuration and initialised network
     * @throws IllegalArgumentException if the architecture cannot take that input (e.g. classic LeNet-5 and images
     *                                  larger than 32×32)
     */
    public BuiltModel create(InputShape input, int numClasses, long seed) {
        return builder().input(input).numClasses(numClasses).seed(seed).build();
    }

    /**
     * @param name an architecture name, any case, e.g. {@code classic}
     * @return the architecture
     * @throws IllegalArgumentException for an unknown name; the message lists the valid ones
     */
    public static Architecture fromName(String name) {
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (Architecture a : values()) {
            if (a.cliName.equals(wanted)) {
                return a;
            }
        }
        throw new IllegalArgumentException("Unknown architecture '" + name + "'. Valid names: "
                + String.join(", ", names()));
    }

    /** @return the valid names, in order */
    public static List<String> names() {
        return Arrays.stream(values()).map(Architecture::cliName).toList();
    }
}
