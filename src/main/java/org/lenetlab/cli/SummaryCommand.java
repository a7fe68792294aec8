package org.lenetlab.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.lenetlab.model.Architecture;
import org.lenetlab.model.BuiltModel;
import org.lenetlab.model.InputShape;
import org.lenetlab.model.ModelIO;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lenet summary}: the Keras-style layer table of an architecture or of a saved model. */
@Command(name = "summary", description = "Print a model summary: layers, output shapes, parameters.")
final class SummaryCommand implements Callable<Integer> {
    @Option(names = "--arch", defaultValue = "classic",
            description = "architecture: classic, keras, modern, lenet9 (default: ${DEFAULT-VALUE})")
    String arch;

    @Option(names = "--input", defaultValue = "28x28x1", description = "input HxWxC (default: ${DEFAULT-VALUE})")
    String input;

    @Option(names = "--classes", defaultValue = "10", description = "number of classes (default: ${DEFAULT-VALUE})")
    int classes;

    @Option(names = "--model-file", description = "summarise a saved model instead of an architecture")
    Path modelFile;

    @Override
    public Integer call() throws IOException {
        if (modelFile != null) {
            System.out.println(ModelIO.load(modelFile).summary());
            return 0;
        }
        BuiltModel model = Architecture.fromName(arch).create(InputShape.parse(input), classes, 42);
        System.out.println(model.summary());
        return 0;
    }
}
