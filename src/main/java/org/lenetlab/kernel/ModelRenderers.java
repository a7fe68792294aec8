package org.lenetlab.kernel;

import java.util.List;
import java.util.Optional;

import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.NoParamLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.lenetlab.model.BuiltModel;
import org.lenetlab.model.InputShape;
import org.lenetlab.model.ModelSummary;

import io.github.spencerpark.jupyter.kernel.display.RenderContext;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;

/**
 * Models as their Keras-style {@link ModelSummary}. A bare {@link MultiLayerNetwork} does not know its input size;
 * it is worked out backwards from the first flatten step (each convolution and pooling layer asked which input size
 * gives the output it passes on) and checked forwards. Networks where that fails, and computation graphs, show
 * DL4J's own summary.
 */
final class ModelRenderers {
    private static final int LARGEST_INPUT = 4096;

    private ModelRenderers() {
    }

    static void register(Renderer r) {
        r.createRegistration(ModelSummary.class).preferring(Renderers.HTML).supporting(Renderers.HTML)
                .register(ModelRenderers::summary);
        r.createRegistration(BuiltModel.class).preferring(Renderers.HTML).supporting(Renderers.HTML)
                .register((model, context) -> summary(model.summary(), context));
        r.createRegistration(MultiLayerNetwork.class).preferring(Renderers.HTML).supporting(Renderers.HTML)
                .register((net, context) -> {
                    Optional<InputShape> input = inferInput(net);
                    if (input.isPresent()) {
                        summary(ModelSummary.of(net, input.get()), context);
                    } else {
                        dl4jSummary(net.summary(), context);
                    }
                });
        r.createRegistration(ComputationGraph.class).preferring(Renderers.HTML).supporting(Renderers.HTML)
                .register((graph, context) -> dl4jSummary(graph.summary(), context));
    }

    private static void summary(ModelSummary summary, RenderContext context) {
        context.renderIfRequested(MIMEType.TEXT_HTML, summary::toHtml);
        context.getOutputContainer().putText(summary.toText());
    }

    private static void dl4jSummary(String text, RenderContext context) {
        context.renderIfRequested(MIMEType.TEXT_HTML, () -> "<pre>" + escape(text) + "</pre>");
        context.getOutputContainer().putText(text);
    }

    /**
     * @param net a network
     * @return the image size it takes, if its layers tell
     */
    static Optional<InputShape> inferInput(MultiLayerNetwork net) {
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        if (conf.getInputPreProcess(0) instanceof FeedForwardToCnnPreProcessor f) {
            return Optional.of(new InputShape((int) f.getInputHeight(), (int) f.getInputWidth(),
                    (int) f.getNumChannels()));
        }
        int flatten = -1;
        for (int i = 0; i < conf.getConfs().size() && flatten < 0; i++) {
            if (conf.getInputPreProcess(i) instanceof CnnToFeedForwardPreProcessor) {
                flatten = i;
            }
        }
        if (flatten <= 0) {
            return Optional.empty();
        }
        CnnToFeedForwardPreProcessor p = (CnnToFeedForwardPreProcessor) conf.getInputPreProcess(flatten);
        int height = (int) p.getInputHeight();
        int width = (int) p.getInputWidth();
        int channels = (int) p.getNumChannels();
        try {
            for (int i = flatten - 1; i >= 0; i--) {
                Layer layer = conf.getConf(i).getLayer();
                InputPreProcessor pre = conf.getInputPreProcess(i);
                if (pre != null) {
                    return Optional.empty();
                }
                int inChannels;
                if (layer instanceof FeedForwardLayer f) {
                    inChannels = (int) f.getNIn();
                } else if (layer instanceof NoParamLayer) {
                    inChannels = channels;
                } else {
                    return Optional.empty();
                }
                int layerIndex = i;
                int c = inChannels;
                int h = smallestInput(height, s -> (int) out(layer, layerIndex, s, s, c).getHeight());
                int w = smallestInput(width, s -> (int) out(layer, layerIndex, s, s, c).getWidth());
                if (h < 0 || w < 0) {
                    return Optional.empty();
                }
                height = h;
                width = w;
                channels = inChannels;
            }
            InputShape shape = new InputShape(height, width, channels);
            List<InputType> forward = conf.getLayerActivationTypes(InputType.convolutional(height, width, channels));
            return forward.size() == conf.getConfs().size() ? Optional.of(shape) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static InputType.InputTypeConvolutional out(Layer layer, int index, int height, int width, int channels) {
        return (InputType.InputTypeConvolutional) layer.getOutputType(index,
                InputType.convolutional(height, width, channels));
    }

    private static int smallestInput(int output, java.util.function.IntUnaryOperator outputOf) {
        for (int s = 1; s <= LARGEST_INPUT; s++) {
            try {
                long o = outputOf.applyAsInt(s);
                if (o == output) {
                    return s;
                }
                if (o > output) {
                    return -1;
                }
            } catch (RuntimeException tooSmall) {
                // the kernel does not fit into s×s yet
            }
        }
        return -1;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
