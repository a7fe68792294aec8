package org.lenetlab.plot;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.lenetlab.data.ImageDataset;
import org.lenetlab.model.ConnectionTableConvolution;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a convolutional layer sees and what it learned, as image grids.
 *
 * <p>{@link #activations(MultiLayerNetwork, String, ImageDataset, int)}: the feature maps a layer produces for one
 * input image, each scaled to its own range (viridis: dark = low, yellow = high), next to the input itself.
 * {@link #filters(MultiLayerNetwork, String)}: the learned kernels of a convolution, one row per output map and one
 * column per input channel, all on one diverging scale (red positive, blue negative, white zero) so that their
 * strengths compare.
 */
public final class FeatureMaps extends Figure {
    /** At most this many maps or kernels are drawn; the subtitle says when some are left out. */
    public static final int MAX_TILES = 96;
    private static final int TILE = 88;
    private static final int FILTER_TILE = 56;

    /** Maps of at most this many pixels share one colour scale: scaled alone, a 1×1 map is a flat colour. */
    private static final int TINY_MAP = 4;

    private final ImageGrid grid;
    private final int tileHeight;
    private final int tileWidth;

    private FeatureMaps(String title, ImageGrid grid, int tile, int tileHeight, int tileWidth) {
        super(title, grid.defaultSize(tile)[0], grid.defaultSize(tile)[1]);
        this.grid = grid;
        this.tileHeight = tileHeight;
        this.tileWidth = tileWidth;
    }

    /** @return height of one feature map or kernel, in its own pixels */
    public int tileHeight() {
        return tileHeight;
    }

    /** @return width of one feature map or kernel, in its own pixels */
    public int tileWidth() {
        return tileWidth;
    }

    /**
     * @param network a network
     * @return the indices and names of its layers whose output is a stack of feature maps, e.g.
     *     {@code [0 C1 (FastConvolution), 1 S2 (FastSubsampling), ...]}
     */
    public static List<String> featureMapLayers(MultiLayerNetwork network) {
        Objects.requireNonNull(network, "network");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < network.getnLayers(); i++) {
            Layer conf = network.getLayer(i).conf().getLayer();
            String type = conf.getClass().getSimpleName();
            if (conf instanceof ConvolutionLayer || conf instanceof ConnectionTableConvolution
                    || type.contains("Subsampling") || type.contains("Pooling")) {
                out.add(i + " " + conf.getLayerName() + " (" + type + ")");
            }
        }
        return out;
    }

    /**
     * @param network   a trained network
     * @param layerName the layer's name, e.g. {@code "C1"}
     * @param data      the images
     * @param index     which image
     * @return the layer's feature maps for that image
     * @throws IllegalArgumentException if there is no such layer, it does not output feature maps, or the index
     *                                  is out of range
     */
    public static FeatureMaps activations(MultiLayerNetwork network, String layerName, ImageDataset data, int index) {
        return activations(network, layerIndex(network, layerName), data, index);
    }

    /**
     * @param network a trained network
     * @param layer   the layer's index (0 = first layer)
     * @param data    the images
     * @param index   which image
     * @return the layer's feature maps for that image, the input image first
     * @throws IllegalArgumentException if there is no such layer, it does not output feature maps, or the index
     *                                  is out of range
     */
    public static FeatureMaps activations(MultiLayerNetwork network, int layer, ImageDataset data, int index) {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(data, "data");
        checkLayer(network, layer);
        if (index < 0 || index >= data.size()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "image index %d is outside %s (0..%d)",
                    index, data.name(), data.size() - 1));
        }
        List<INDArray> outputs;
        try {
            outputs = network.feedForward(data.features(index, index + 1), false);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "the network cannot process the images of %s (%d×%d×%d): %s", data.name(), data.channels(),
                    data.height(), data.width(), e.getMessage()), e);
        }
        INDArray maps = outputs.get(layer + 1);
        String name = layerLabel(network, layer);
        if (maps.rank() != 4) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "layer %s outputs shape %s, not feature maps: choose one of %s", name,
                    java.util.Arrays.toString(maps.shape()), featureMapLayers(network)));
        }
        int channels = (int) maps.size(1);
        int h = (int) maps.size(2);
        int w = (int) maps.size(3);
        int shown = Math.min(channels, MAX_TILES);
        float[] all = values(maps);
        double[] shared = range(java.util.Arrays.copyOf(all, shown * h * w));
        List<ImageGrid.Tile> tiles = new ArrayList<>();
        float[] input = data.image(index);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (float v : input) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        tiles.add(new ImageGrid.Tile(ImageGrid.picture(input, data.channels(), data.height(), data.width(),
                lo >= 0 && hi <= 1 ? 0 : lo, lo >= 0 && hi <= 1 ? 1 : hi),
                List.of(new ImageGrid.Caption("input: " + data.classNames().get(data.label(index)),
                        FigureStyle.INK))));
        for (int c = 0; c < shown; c++) {
            float[] map = java.util.Arrays.copyOfRange(all, c * h * w, (c + 1) * h * w);
            tiles.add(new ImageGrid.Tile(h * w <= TINY_MAP ? sequential(map, h, w, shared[0], shared[1])
                    : sequential(map, h, w), List.of(new ImageGrid.Caption("map " + (c + 1),
                    FigureStyle.MUTED))));
        }
        String title = String.format(Locale.ROOT, "Feature maps of layer %s for image %d of %s", name, index,
                data.name());
        String subtitle = String.format(Locale.ROOT, "%d maps of %d×%d%s; each scaled to its own range (dark = low, "
                + "yellow = high)", channels, h, w, shown < channels ? ", first " + shown + " shown" : "");
        if (h * w <= TINY_MAP) {
            subtitle = String.format(Locale.ROOT, "%d maps of %d×%d%s; one scale for all (dark = lowest, yellow = "
                    + "highest activation)", channels, h, w, shown < channels ? ", first " + shown + " shown" : "");
        }
        return new FeatureMaps(title, new ImageGrid(title, subtitle, tiles, SampleGrid.columns(tiles.size()), null,
                null), TILE, h, w);
    }

    /**
     * @param network   a trained network
     * @param layerName the name of a convolution layer, e.g. {@code "C1"}
     * @return the layer's learned kernels
     * @throws IllegalArgumentException if there is no such layer or it is not a convolution
     */
    public static FeatureMaps filters(MultiLayerNetwork network, String layerName) {
        return filters(network, layerIndex(network, layerName));
    }

    /**
     * @param network a trained network
     * @param layer   the index of a convolution layer
     * @return the layer's learned kernels: rows = output maps, columns = input channels
     * @throws IllegalArgumentException if there is no such layer or it is not a convolution
     */
    public static FeatureMaps filters(MultiLayerNetwork network, int layer) {
        Objects.requireNonNull(network, "network");
        checkLayer(network, layer);
        String name = layerLabel(network, layer);
        INDArray weights = network.getLayer(layer).getParam("W");
        Layer conf = network.getLayer(layer).conf().getLayer();
        if (weights == null || !(conf instanceof ConvolutionLayer || conf instanceof ConnectionTableConvolution)
                || weights.rank() < 3) {
            throw new IllegalArgumentException("layer " + name + " is not a convolution, so it has no filters to "
                    + "show: choose a convolution among " + featureMapLayers(network));
        }
        double scale = weights.amaxNumber().doubleValue();
        float[] all = values(weights);
        int kh = (int) weights.size(weights.rank() - 2);
        int kw = (int) weights.size(weights.rank() - 1);
        List<ImageGrid.Tile> tiles = new ArrayList<>();
        List<String> rowLabels = new ArrayList<>();
        List<String> columnLabels = new ArrayList<>();
        int columns;
        int total;
        if (weights.rank() == 4 && weights.size(1) > 1) {
            int out = (int) weights.size(0);
            int in = (int) weights.size(1);
            int rows = Math.max(1, Math.min(out, MAX_TILES / in));
            columns = in;
            total = out * in;
            for (int o = 0; o < rows; o++) {
                rowLabels.add("map " + (o + 1));
                for (int i = 0; i < in; i++) {
                    tiles.add(kernelTile(all, (o * in + i) * kh * kw, kh, kw, scale, null));
                }
            }
            for (int i = 0; i < in; i++) {
                columnLabels.add("in " + (i + 1));
            }
        } else if (weights.rank() == 4) {
            // One input channel: one kernel per output map, laid out as a compact grid.
            total = (int) weights.size(0);
            int shown = Math.min(total, MAX_TILES);
            columns = SampleGrid.columns(shown);
            for (int k = 0; k < shown; k++) {
                tiles.add(kernelTile(all, k * kh * kw, kh, kw, scale, "map " + (k + 1)));
            }
        } else {
            // Connection-table convolution (LeNet-5's C3): one kernel per connection of the table.
            total = (int) weights.size(0);
            int shown = Math.min(total, MAX_TILES);
            columns = SampleGrid.columns(shown);
            for (int k = 0; k < shown; k++) {
                tiles.add(kernelTile(all, k * kh * kw, kh, kw, scale, "kernel " + (k + 1)));
            }
        }
        String title = "Learned filters of layer " + name;
        String subtitle = String.format(Locale.ROOT, "%s kernels of %d×%d%s; red = positive, blue = negative weight, "
                + "one scale for all (|w| up to %s)", Charts.count(total), kh, kw, tiles.size() < total ? ", first " + tiles.size() + " shown"
                        : "", Charts.number(scale));
        return new FeatureMaps(title, new ImageGrid(title, subtitle, tiles, columns,
                rowLabels.isEmpty() ? null : rowLabels, columnLabels.isEmpty() ? null : columnLabels), FILTER_TILE, kh,
                kw);
    }

    private static ImageGrid.Tile kernelTile(float[] all, int offset, int h, int w, double scale, String caption) {
        float[] values = java.util.Arrays.copyOfRange(all, offset, offset + h * w);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, ColorScale.diverging(scale == 0 ? 0 : values[y * w + x] / scale).getRGB());
            }
        }
        return new ImageGrid.Tile(img, caption == null ? List.of()
                : List.of(new ImageGrid.Caption(caption, FigureStyle.MUTED)));
    }

    /** All values in row-major (C) order, copied out of ND4J. */
    private static float[] values(INDArray array) {
        return org.nd4j.linalg.factory.Nd4j.toFlattened('c', array).toFloatVector();
    }

    private static double[] range(float[] values) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (float v : values) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return new double[] {lo, hi};
    }

    private static BufferedImage sequential(float[] map, int h, int w) {
        double[] r = range(map);
        return sequential(map, h, w, r[0], r[1]);
    }

    private static BufferedImage sequential(float[] map, int h, int w, double lo, double hi) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double t = hi > lo ? (map[y * w + x] - lo) / (hi - lo) : 0.5;
                img.setRGB(x, y, ColorScale.viridis(t).getRGB());
            }
        }
        return img;
    }

    private static int layerIndex(MultiLayerNetwork network, String layerName) {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(layerName, "layerName");
        for (int i = 0; i < network.getnLayers(); i++) {
            if (layerName.equals(network.getLayer(i).conf().getLayer().getLayerName())) {
                return i;
            }
        }
        throw new IllegalArgumentException("the network has no layer named '" + layerName + "': choose one of "
                + featureMapLayers(network));
    }

    private static void checkLayer(MultiLayerNetwork network, int layer) {
        if (!network.isInitCalled()) {
            throw new IllegalArgumentException("the network has no parameters yet: call network.init() or load a "
                    + "trained model");
        }
        if (layer < 0 || layer >= network.getnLayers()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "layer %d does not exist: the network has layers 0..%d; feature-map layers are %s", layer,
                    network.getnLayers() - 1, featureMapLayers(network)));
        }
    }

    private static String layerLabel(MultiLayerNetwork network, int layer) {
        String name = network.getLayer(layer).conf().getLayer().getLayerName();
        return name == null ? Integer.toString(layer) : name;
    }

    @Override
    public void paint(Graphics2D g, int width, int height) {
        grid.paint(g, width, height);
    }
}
