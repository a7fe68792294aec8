package org.lenetlab.model;

import java.nio.Buffer;
import java.util.concurrent.atomic.AtomicInteger;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A stride-1 convolution computed as matrix products, for the small networks of this course, with everything
 * else (padding, im2col, layout changes, bias, activation, col2im) done in Java on arrays that live as long as the
 * layer, so an iteration allocates almost nothing and runs only a few native ops:
 * <pre>
 * forward   Z  = [W | b] · [col; mask]        [outC × K+1] · [K+1 × N]
 * backward  [dW | db] = δ · [col; mask]ᵀ      the forward's padded input is kept, col is rebuilt from it
 *           dcol = Wᵀ · δ,  dX = col2im(dcol)  (skipped when no input gradient is needed)
 * </pre>
 * {@code col} is the im2col matrix in the {@linkplain ConvGeometry wide layout}: row {@code (c, ky, kx)} holds, for
 * each image, one contiguous run of the zero-padded input plane, so building it takes a few block copies per
 * image. The extra {@code mask} row is 1 at valid output positions and 0 at the layout's garbage columns; it adds
 * the bias in the forward product and sums the bias gradient in the backward one.
 *
 * <p>The batch is processed in chunks of images whose im2col matrix (about 1 MiB) stays in the processor's cache
 * between being written and being multiplied: built for the whole batch at once, it is many times the size of the
 * images and the products would wait on main memory. The threads of {@link ConvThreads} take chunks as they
 * become free, so one that the system holds up (on a shared machine, a JIT compiler or a collector thread) does not
 * hold up the batch; each chunk's weight gradient is kept apart and the chunks are summed in order, so the result
 * does not depend on which thread took which chunk. Backprop does not recompute the forward pass, as DL4J's own
 * convolution layer does; it uses the kept activations.
 *
 * <p>When the kernel covers the whole unpadded input (LeNet-5's C5: 16×5×5 → 120×1×1) the convolution is a dense
 * layer and runs as one: {@code Z = X·Wᵀ}, {@code dW = δᵀ·X}, {@code dX = δ·W}.
 *
 * <p>Not thread-safe: one instance per layer.
 */
final class GemmConvolution {
    /** Target size of one chunk's im2col matrix. */
    private static final long CHUNK_BYTES = 1L << 20;

    private final Precision p;
    private Worker[] workers = new Worker[0];

    /** The spatial geometry the shared arrays are laid out for. */
    private ConvGeometry geometry;
    private int chunkImages;
    /** {@code [outC, K+1]}: kernel rows with the bias appended. */
    private INDArray kernelWithBias;
    private Object paddedInput;
    private Object kernelValues;
    private Object biasValues;
    /** What the forward pass wrote (activations, or pre-activations when the activation is not fused). */
    private Object output;
    private Object deltaValues;
    private Object inputGradient;
    private Object gradientSum;
    /** Per chunk of the batch, its weight and bias gradient {@code [outC, K+1]}. */
    private Object[] chunkGradients = new Object[0];
    private INDArray denseDelta;
    /** The forward state kept for backprop is from a pass over this geometry; null when nothing is kept. */
    private ConvGeometry kept;
    private FusedActivation keptActivation;
    /** The batch-sized arrays between calls (see {@link ParkedArrays}). */
    private final ParkedArrays idle = new ParkedArrays();
    /** Whether the passes' chunks pay on the helper threads, by batch size. */
    private final ParallelChoice.BySize forwardChoices = new ParallelChoice.BySize();
    private final ParallelChoice.BySize backwardChoices = new ParallelChoice.BySize();

    /** @param precision the element type the network computes in */
    GemmConvolution(Precision precision) {
        this.p = precision;
    }

    Precision precision() {
        return p;
    }

    /**
     * Forward pass.
     *
     * @param g      the convolution, with the batch size of {@code input}
     * @param input  {@code [B, C, H, W]}
     * @param kernel {@code [outC, C, kH, kW]}
     * @param bias   {@code outC} values, or null for none
     * @param f      the activation to apply, or null to write pre-activations
     * @param keep   whether {@link #backward} follows: then the state it needs is kept
     * @param out    {@code [B, outC, outH, outW]}, c order, written
     */
    void forward(ConvGeometry g, INDArray input, INDArray kernel, INDArray bias, FusedActivation f, boolean keep,
                 INDArray out) {
        kept = null;
        unpark();
        INDArray x = p.viewableCopy(input);
        INDArray w = p.viewableCopy(kernel);
        if (g.isDense()) {
            denseForward(g, x, w, bias, f, out);
        } else {
            spatialForward(g, x, w, bias, f, out);
        }
        if (keep) {
            kept = g;
            keptActivation = f;
        } else {
            park();
        }
    }

    /**
     * @return the values the last kept forward pass wrote to its output, in {@code [B, outC, outH, outW]} order:
     *     pre-activations when it ran without a fused activation
     */
    Object keptOutput() {
        return output;
    }

    /** @return whether the state of a forward pass over {@code g} is kept for backprop */
    boolean keeps(ConvGeometry g) {
        return g != null && g.equals(kept);
    }

    /** Forgets the kept forward state (the arrays stay allocated for the next pass). */
    void release() {
        kept = null;
    }

    /**
     * Backward pass after a kept {@link #forward} over the same geometry.
     *
     * @param g              the convolution
     * @param input          the forward pass's input (used by the dense case)
     * @param kernel         {@code [outC, C, kH, kW]}
     * @param epsilon        {@code dL/d(output)}, or {@code dL/dZ} when the forward pass had no fused activation
     * @param kernelGradient {@code [outC, C, kH, kW]} c-ordered view to write {@code dL/dW} into
     * @param biasGradient   {@code outC}-value view to write {@code dL/db} into, or null for none
     * @param inputGradient  {@code [B, C, H, W]} c-ordered array to write {@code dL/dX} into, or null to skip it
     */
    void backward(ConvGeometry g, INDArray input, INDArray kernel, INDArray epsilon, INDArray kernelGradient,
                  INDArray biasGradient, INDArray inputGradient) {
        if (!keeps(g)) {
            throw new IllegalStateException("backprop without the matching forward pass: run the forward pass with "
                    + "training on the same input first");
        }
        INDArray eps = p.viewableCopy(epsilon);
        INDArray w = p.viewableCopy(kernel);
        int n = g.batch() * g.outputImageLength();
        deltaValues = reuse(deltaValues, n);
        p.get(p.view(eps), 0, deltaValues, 0, n);
        if (g.isDense()) {
            if (keptActivation != null) {
                p.multiplyByDerivative(keptActivation, deltaValues, output, 0, n);
            }
            denseBackward(g, p.viewableCopy(input), w, kernelGradient, biasGradient, inputGradient);
        } else {
            spatialBackward(g, w, kernelGradient, biasGradient, inputGradient);
        }
        park();
    }

    /** Parks the batch-sized arrays until the next call (the state a backward pass needs is not parked). */
    private void park() {
        idle.park(paddedInput, output, deltaValues, inputGradient, gradientSum);
        paddedInput = null;
        output = null;
        deltaValues = null;
        inputGradient = null;
        gradientSum = null;
    }

    private void unpark() {
        Object[] a = idle.take();
        if (a == null) {
            if (paddedInput == null) {
                geometry = null; // collected (or never allocated): lay everything out again, zero border included
            }
            return;
        }
        paddedInput = a[0];
        output = a[1];
        deltaValues = a[2];
        inputGradient = a[3];
        gradientSum = a[4];
    }

    /** @return whether batch-sized arrays are held strongly between calls (never after a finished call) */
    boolean holdsBatchArrays() {
        return paddedInput != null || output != null || deltaValues != null || inputGradient != null
                || gradientSum != null;
    }

    // ------------------------------------------------------------------------------------------- spatial case

    private void spatialForward(ConvGeometry g, INDArray x, INDArray w, INDArray bias, FusedActivation f,
                                INDArray out) {
        allocate(g);
        int b = g.batch();
        int c = g.inChannels();
        int h = g.inHeight();
        int wd = g.inWidth();
        int plane = g.paddedPlane();
        int pw = g.paddedWidth();
        Buffer in = p.view(x);
        if (!g.padded()) {
            p.get(in, 0, paddedInput, 0, b * c * plane);
        } else {
            for (int img = 0; img < b; img++) {
                for (int ch = 0; ch < c; ch++) {
                    int src = (img * c + ch) * h * wd;
                    int dst = (img * c + ch) * plane + g.padTop() * pw + g.padLeft();
                    for (int y = 0; y < h; y++) {
                        p.get(in, src + y * wd, paddedInput, dst + y * pw, wd);
                    }
                }
            }
        }
        setKernelWithBias(g, w, bias);
        output = reuse(output, b * g.outputImageLength());
        int chunks = chunks(g);
        AtomicInteger next = new AtomicInteger();
        ConvThreads.run(workers.length, forwardChoices.of(b), part -> {
            Worker worker = workers[part];
            for (int chunk = next.getAndIncrement(); chunk < chunks; chunk = next.getAndIncrement()) {
                int b0 = chunk * chunkImages;
                worker.forward(g, b0, Math.min(chunkImages, b - b0), f);
            }
        });
        p.put(p.view(out), 0, output, 0, b * g.outputImageLength());
    }

    private void setKernelWithBias(ConvGeometry g, INDArray w, INDArray bias) {
        int outC = g.outChannels();
        int k = g.patchLength();
        kernelValues = reuse(kernelValues, outC * k);
        p.get(p.view(w), 0, kernelValues, 0, outC * k);
        Buffer target = p.view(kernelWithBias);
        for (int oc = 0; oc < outC; oc++) {
            p.put(target, oc * (k + 1), kernelValues, oc * k, k);
        }
        if (bias != null) {
            biasValues = reuse(biasValues, outC);
            p.get(p.view(p.viewableCopy(bias)), 0, biasValues, 0, outC);
            for (int oc = 0; oc < outC; oc++) {
                p.put(target, oc * (k + 1) + k, biasValues, oc, 1);
            }
        }
    }

    private void spatialBackward(ConvGeometry g, INDArray w, INDArray kernelGradient, INDArray biasGradient,
                                 INDArray inputGradientArray) {
        int b = g.batch();
        int outC = g.outChannels();
        int k = g.patchLength();
        int grad = outC * (k + 1);
        boolean dx = inputGradientArray != null;
        if (dx) {
            inputGradient = reuse(inputGradient, b * g.inputImageLength());
        }
        int chunks = chunks(g);
        if (chunkGradients.length < chunks) {
            chunkGradients = java.util.Arrays.copyOf(chunkGradients, chunks);
        }
        for (int chunk = 0; chunk < chunks; chunk++) {
            chunkGradients[chunk] = reuse(chunkGradients[chunk], grad);
        }
        AtomicInteger next = new AtomicInteger();
        ConvThreads.run(workers.length, backwardChoices.of(b), part -> {
            Worker worker = workers[part];
            for (int chunk = next.getAndIncrement(); chunk < chunks; chunk = next.getAndIncrement()) {
                int b0 = chunk * chunkImages;
                worker.backward(g, b0, Math.min(chunkImages, b - b0), w, dx, chunkGradients[chunk]);
            }
        });
        // summed in chunk order, whichever thread computed which chunk: the same result on every run
        gradientSum = reuse(gradientSum, grad);
        p.fill(gradientSum, 0, grad, 0);
        p.addSum(gradientSum, chunkGradients, chunks, 0, grad);
        Buffer kg = p.view(kernelGradient);
        for (int oc = 0; oc < outC; oc++) {
            p.put(kg, oc * k, gradientSum, oc * (k + 1), k);
        }
        if (biasGradient != null) {
            Buffer bg = p.view(biasGradient);
            for (int oc = 0; oc < outC; oc++) {
                p.put(bg, oc, gradientSum, oc * (k + 1) + k, 1);
            }
        }
        if (dx) {
            p.put(p.view(inputGradientArray), 0, inputGradient, 0, b * g.inputImageLength());
        }
    }

    private int chunks(ConvGeometry g) {
        return (g.batch() + chunkImages - 1) / chunkImages;
    }

    /** Lays out the shared arrays and the workers for {@code g}; keeps them while the geometry stays the same. */
    private void allocate(ConvGeometry g) {
        if (g.equals(geometry)) {
            return;
        }
        geometry = g;
        kept = null;
        long perImage = (long) (g.patchLength() + 1) * g.wideLength() * Float.BYTES;
        int threads = ConvThreads.available();
        // at least one chunk per thread, each small enough to stay in cache
        chunkImages = (int) Math.max(1, Math.min(CHUNK_BYTES / perImage, (g.batch() + threads - 1) / threads));
        int parts = Math.min(threads, chunks(g));
        if (workers.length != parts) {
            Worker[] resized = new Worker[parts];
            for (int i = 0; i < parts; i++) {
                resized[i] = i < workers.length ? workers[i] : new Worker();
            }
            workers = resized;
        }
        for (Worker worker : workers) {
            worker.layOut(g, chunkImages);
        }
        int k = g.patchLength();
        try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            kernelWithBias = Nd4j.create(p.dataType(), g.outChannels(), k + 1);
        }
        int padded = g.batch() * g.inChannels() * g.paddedPlane();
        paddedInput = reuse(paddedInput, padded);
        p.fill(paddedInput, 0, padded, 0); // the zero border is never written afterwards
    }

    /** The buffers one thread works with: a chunk's im2col matrix, products and col2im scratch. */
    private final class Worker {
        private final INDArray[] flat = new INDArray[5];
        /**
         * Per slot, views of the last two shapes asked for and their native memory (a view costs a JNI call and
         * several objects): a batch's chunks come in at most two sizes, the full one and the remainder.
         */
        private final INDArray[][] views = new INDArray[5][2];
        private final Buffer[][] memory = new Buffer[5][2];
        /** Per slot, which of the two views {@link #matrix} returned last. */
        private final int[] current = new int[5];
        private static final int COL = 0;
        private static final int Z = 1;
        private static final int DELTA = 2;
        private static final int GRADIENT = 3;
        private static final int DCOL = 4;
        /** The chunk size (in images) the mask row of the im2col buffer is laid out for. */
        private int maskImages = -1;
        /** The chunk size (in images) {@link #deltaWide} is laid out for. */
        private int deltaImages = -1;
        private Object maskRow;
        private Object deltaWide;
        private Object transposed;
        private Object plane;
        private Object[] shifted = new Object[0];

        void layOut(ConvGeometry g, int images) {
            maskImages = -1;
            deltaImages = -1;
            matrix(COL, g.patchLength() + 1, images * g.wideLength()).assign(0); // every value must be finite
            maskRow = reuse(maskRow, g.wideLength());
            deltaWide = reuse(deltaWide, g.outChannels() * images * g.wideLength());
            plane = reuse(plane, g.paddedPlane());
            if (shifted.length < g.kernelWidth()) {
                shifted = java.util.Arrays.copyOf(shifted, g.kernelWidth());
            }
            for (int i = 0; i < g.kernelWidth(); i++) {
                shifted[i] = reuse(shifted[i], g.paddedPlane());
            }
        }

        /** Forward pass of images {@code [b0, b0 + images)}: im2col, product, layout, activation. */
        void forward(ConvGeometry g, int b0, int images, FusedActivation f) {
            int outC = g.outChannels();
            int oh = g.outHeight();
            int ow = g.outWidth();
            int pw = g.paddedWidth();
            int wide = g.wideLength();
            int n = images * wide;
            INDArray cols = im2col(g, b0, images);
            INDArray z = matrix(Z, outC, n);
            DirectSgemm.multiply(kernelWithBias, cols, z, false, false);
            Buffer zs = memory(Z);
            for (int img = 0; img < images; img++) {
                for (int oc = 0; oc < outC; oc++) {
                    int src = oc * n + img * wide;
                    int dst = ((b0 + img) * outC + oc) * oh * ow;
                    for (int y = 0; y < oh; y++) {
                        p.get(zs, src + y * pw, output, dst + y * ow, ow);
                    }
                }
            }
            if (f != null) {
                int from = b0 * g.outputImageLength();
                p.activate(f, output, from, from + images * g.outputImageLength());
            }
        }

        /**
         * Backward pass of images {@code [b0, b0 + images)}: δ, input gradient, and the chunk's weight and bias
         * gradient, written to {@code gradient} ({@code [outC, K+1]}).
         */
        void backward(ConvGeometry g, int b0, int images, INDArray w, boolean dx, Object gradient) {
            int outC = g.outChannels();
            int oh = g.outHeight();
            int ow = g.outWidth();
            int pw = g.paddedWidth();
            int wide = g.wideLength();
            int k = g.patchLength();
            int n = images * wide;
            int from = b0 * g.outputImageLength();
            if (keptActivation != null) {
                p.multiplyByDerivative(keptActivation, deltaValues, output, from,
                        from + images * g.outputImageLength());
            }
            if (deltaImages != images) {
                p.fill(deltaWide, 0, outC * n, 0); // garbage columns must be exactly 0
                deltaImages = images;
            }
            for (int img = 0; img < images; img++) {
                for (int oc = 0; oc < outC; oc++) {
                    int src = ((b0 + img) * outC + oc) * oh * ow;
                    int dst = oc * n + img * wide;
                    for (int y = 0; y < oh; y++) {
                        System.arraycopy(deltaValues, src + y * ow, deltaWide, dst + y * pw, ow);
                    }
                }
            }
            INDArray d = matrix(DELTA, outC, n);
            p.put(memory(DELTA), 0, deltaWide, 0, outC * n);
            INDArray cols = im2col(g, b0, images);
            int grad = outC * (k + 1);
            if (k + 1 >= 8 * outC) {
                // many kernel values per map (C3: 151 × 16): the transposed product is the faster one
                INDArray gt = matrix(GRADIENT, k + 1, outC);
                DirectSgemm.multiply(cols, d, gt, false, true);
                transposed = reuse(transposed, grad);
                p.get(memory(GRADIENT), 0, transposed, 0, grad);
                p.fill(gradient, 0, grad, 0);
                p.addTransposed(gradient, transposed, k + 1, outC);
            } else {
                INDArray gc = matrix(GRADIENT, outC, k + 1);
                DirectSgemm.multiply(d, cols, gc, false, true);
                p.get(memory(GRADIENT), 0, gradient, 0, grad);
            }
            if (dx) {
                INDArray dc = matrix(DCOL, k, n);
                DirectSgemm.multiply(w, d, dc, k, n, outC, true, false); // w: the [outC, K] kernel matrix
                col2im(g, memory(DCOL), b0, images);
            }
        }

        /**
         * Writes the im2col matrix of images {@code [b0, b0 + images)} of the kept padded input, plus its mask.
         *
         * @return the {@code [K+1, images·wideLength]} matrix
         */
        private INDArray im2col(ConvGeometry g, int b0, int images) {
            int c = g.inChannels();
            int plane = g.paddedPlane();
            int pw = g.paddedWidth();
            int k = g.patchLength();
            int wide = g.wideLength();
            int n = images * wide;
            int run = g.runLength();
            int kh = g.kernelHeight();
            int kw = g.kernelWidth();
            INDArray cols = matrix(COL, k + 1, n);
            Buffer cb = memory(COL);
            if (maskImages != images) {
                // the mask row: 1 at the valid positions of each image, 0 at the garbage columns
                p.fill(maskRow, 0, wide, 0);
                for (int y = 0; y < g.outHeight(); y++) {
                    p.fill(maskRow, y * pw, y * pw + g.outWidth(), 1);
                }
                for (int img = 0; img < images; img++) {
                    p.put(cb, k * n + img * wide, maskRow, 0, wide);
                }
                maskImages = images;
            }
            for (int ch = 0; ch < c; ch++) {
                for (int ky = 0; ky < kh; ky++) {
                    for (int kx = 0; kx < kw; kx++) {
                        int row = ((ch * kh + ky) * kw + kx) * n;
                        int src = (b0 * c + ch) * plane + ky * pw + kx;
                        for (int img = 0; img < images; img++) {
                            p.put(cb, row + img * wide, paddedInput, src + img * c * plane, run);
                        }
                    }
                }
            }
            return cols;
        }

        /** {@code dX = col2im(dcol)} for images {@code [b0, b0 + images)}: adds each tap's run onto its plane. */
        private void col2im(ConvGeometry g, Buffer dc, int b0, int images) {
            int c = g.inChannels();
            int h = g.inHeight();
            int wd = g.inWidth();
            int pw = g.paddedWidth();
            int kh = g.kernelHeight();
            int kw = g.kernelWidth();
            int wide = g.wideLength();
            int n = images * wide;
            int run = g.runLength();
            int oh = g.outHeight();
            int planeLength = g.paddedPlane();
            for (int img = 0; img < images; img++) {
                for (int ch = 0; ch < c; ch++) {
                    p.fill(plane, 0, planeLength, 0);
                    for (int ky = 0; ky < kh; ky++) {
                        int from = ky * pw;
                        int to = (ky + oh) * pw;
                        for (int kx = 0; kx < kw; kx++) {
                            int row = ((ch * kh + ky) * kw + kx) * n + img * wide;
                            // the run of tap (ky, kx) lands at from + kx; clear what an earlier ky left around it
                            p.fill(shifted[kx], from, from + kx, 0);
                            p.get(dc, row, shifted[kx], from + kx, run);
                            p.fill(shifted[kx], from + kx + run, to, 0);
                        }
                        p.addSum(plane, shifted, kw, from, to);
                    }
                    int dst = ((b0 + img) * c + ch) * h * wd;
                    if (!g.padded()) {
                        System.arraycopy(plane, 0, inputGradient, dst, h * wd);
                    } else {
                        for (int y = 0; y < h; y++) {
                            System.arraycopy(plane, (y + g.padTop()) * pw + g.padLeft(), inputGradient,
                                    dst + y * wd, wd);
                        }
                    }
                }
            }
        }

        /** A {@code rows × columns} c-ordered matrix at the start of the slot's buffer (made once per shape). */
        private INDArray matrix(int slot, int rows, int columns) {
            INDArray[] cached = views[slot];
            for (int i = 0; i < cached.length; i++) {
                if (cached[i] != null && cached[i].rows() == rows && cached[i].columns() == columns) {
                    current[slot] = i;
                    return cached[i];
                }
            }
            long length = (long) rows * columns;
            INDArray buffer = flat[slot];
            if (buffer == null || buffer.length() < length) {
                long capacity = buffer == null ? length : Math.max(length, buffer.length() + buffer.length() / 4);
                try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                    buffer = Nd4j.create(p.dataType(), capacity);
                }
                flat[slot] = buffer;
                java.util.Arrays.fill(cached, null); // views of the old buffer
            }
            int i = cached[0] == null ? 0 : cached[1] == null ? 1 : 1 - current[slot];
            INDArray prefix = buffer.length() == length ? buffer : buffer.get(NDArrayIndex.interval(0, length));
            cached[i] = prefix.reshape('c', rows, columns);
            memory[slot][i] = p.view(cached[i]);
            current[slot] = i;
            return cached[i];
        }

        /** @return the native memory of the view {@link #matrix} last returned for {@code slot} */
        private Buffer memory(int slot) {
            return memory[slot][current[slot]];
        }
    }

    // ------------------------------------------------------------------------------------------- dense case

    private void denseForward(ConvGeometry g, INDArray x, INDArray w, INDArray bias, FusedActivation f,
                              INDArray out) {
        int b = g.batch();
        int outC = g.outChannels();
        DirectSgemm.multiply(x, w, out, b, outC, g.patchLength(), false, true);
        int n = b * outC;
        output = reuse(output, n);
        Buffer o = p.view(out);
        p.get(o, 0, output, 0, n);
        if (bias != null) {
            biasValues = reuse(biasValues, outC);
            p.get(p.view(p.viewableCopy(bias)), 0, biasValues, 0, outC);
            p.addBiasPerColumn(output, biasValues, b, outC);
        }
        if (f != null) {
            p.activate(f, output, 0, n);
        }
        p.put(o, 0, output, 0, n);
    }

    private void denseBackward(ConvGeometry g, INDArray x, INDArray w, INDArray kernelGradient,
                               INDArray biasGradient, INDArray inputGradientArray) {
        int b = g.batch();
        int outC = g.outChannels();
        int k = g.patchLength();
        if (denseDelta == null || denseDelta.length() != (long) b * outC || denseDelta.dataType() != p.dataType()) {
            try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                denseDelta = Nd4j.create(p.dataType(), b, outC);
            }
        }
        p.put(p.view(denseDelta), 0, deltaValues, 0, b * outC);
        DirectSgemm.multiply(denseDelta, x, kernelGradient, outC, k, b, true, false);
        if (biasGradient != null) {
            gradientSum = reuse(gradientSum, outC);
            p.columnSums(deltaValues, b, outC, gradientSum);
            p.put(p.view(biasGradient), 0, gradientSum, 0, outC);
        }
        if (inputGradientArray != null) {
            DirectSgemm.multiply(denseDelta, w, inputGradientArray, b, k, outC, false, false);
        }
    }

    // ------------------------------------------------------------------------------------------- helpers

    private Object reuse(Object array, int length) {
        return array != null && p.length(array) >= length ? array : p.newArray(length);
    }

}
