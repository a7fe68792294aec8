package org.lenetlab.data;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.lenetlab.augment.Augmentation;
import org.lenetlab.backend.NativeMemory;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Mini-batches of an {@link ImageDataset} for DL4J, optionally shuffled, with the next batch prepared on a
 * background thread while the current one trains.
 *
 * <p>Shuffling is seeded per epoch: the order of epoch {@code e} depends only on {@code (seed, e)}, so a run
 * resumed at epoch {@code e} ({@link #setEpoch(int)}) sees exactly the batches an uninterrupted run would.
 * {@link #reset()} moves to the next epoch.
 *
 * <p>With an {@linkplain Augmentation augmentation}, every image is transformed as its batch is built, on the
 * prefetch thread (so the work overlaps training), with a generator seeded from {@code (seed, epoch, image index)}
 * ({@link Augmentation#random}): the images of an epoch are the same in a re-run, in a resumed run and whatever the
 * batch size. The stored dataset is never changed. Without one, batches are exact copies of the images.
 *
 * <p>A caller that is done with a batch can {@linkplain #recycle hand it back}: its native memory then holds a later
 * batch instead of being freed and allocated again (the {@link org.lenetlab.train.Trainer} does, once the network has
 * trained on the next batch).
 */
public final class BatchIterator implements DataSetIterator, AutoCloseable {
    private static final long serialVersionUID = 1L;

    private final transient ImageDataset dataset;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final transient Augmentation augmentation;
    private final transient ExecutorService prefetcher;
    private transient int[] order;
    private transient int cursor;
    private transient int epoch;
    private transient CompletableFuture<DataSet> next;
    private transient DataSetPreProcessor preProcessor;
    /** Handed-back batches' arrays (features, labels), reused by later batches of the same size. */
    private final transient Deque<INDArray[]> spare = new ArrayDeque<>();
    /** Staging arrays of the batch being built; used by the prefetch thread only. */
    private transient float[] stagedFeatures = new float[0];
    private transient float[] stagedLabels = new float[0];

    /**
     * @param dataset   the images
     * @param batchSize images per batch (the last batch may be smaller)
     * @param shuffle   whether to shuffle the order every epoch
     * @param seed      seed of the shuffles
     */
    public BatchIterator(ImageDataset dataset, int batchSize, boolean shuffle, long seed) {
        this(dataset, batchSize, shuffle, seed, null);
    }

    /**
     * @param dataset      the images
     * @param batchSize    images per batch (the last batch may be smaller)
     * @param shuffle      whether to shuffle the order every epoch
     * @param seed         seed of the shuffles and of the augmentation
     * @param augmentation applied to every image on the fly, or {@code null} for none
     */
    public BatchIterator(ImageDataset dataset, int batchSize, boolean shuffle, long seed, Augmentation augmentation) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        if (dataset.size() == 0) {
            throw new IllegalArgumentException(dataset.name() + " is empty: nothing to iterate over");
        }
        this.dataset = dataset;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.seed = seed;
        this.augmentation = augmentation;
        this.prefetcher = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "lenetlab-prefetch");
            t.setDaemon(true);
            return t;
        });
        setEpoch(0);
    }

    /** @return the dataset being iterated */
    public ImageDataset dataset() {
        return dataset;
    }

    /** @return the augmentation applied to every image, or {@code null} for none */
    public Augmentation augmentation() {
        return augmentation;
    }

    /** @return the epoch whose order is being served, starting at 0 */
    public int epoch() {
        return epoch;
    }

    /**
     * Positions the iterator at the start of epoch {@code epoch} (used when resuming from a checkpoint).
     *
     * @param epoch epoch number, starting at 0
     */
    public synchronized void setEpoch(int epoch) {
        if (order != null && epoch == this.epoch && cursor == 0 && next != null) {
            return; // already at the start of that epoch with its first batch under way: keep that work
        }
        this.epoch = epoch;
        this.order = new int[dataset.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        if (shuffle) {
            Random rng = new Random(seed * 1_000_003L + epoch);
            for (int i = order.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int tmp = order[i];
                order[i] = order[j];
                order[j] = tmp;
            }
        }
        cursor = 0;
        next = null;
        prefetch();
    }

    private void prefetch() {
        if (cursor < order.length) {
            int from = cursor;
            int to = Math.min(cursor + batchSize, order.length);
            int[] snapshot = order;
            int epochNow = epoch;
            next = CompletableFuture.supplyAsync(() -> build(snapshot, from, to, epochNow), prefetcher);
        } else {
            next = null;
        }
    }

    private DataSet build(int[] snapshot, int from, int to, int epochOfBatch) {
        int n = to - from;
        int len = dataset.imageLength();
        int classes = dataset.numClasses();
        if (stagedFeatures.length < n * len) {
            stagedFeatures = new float[n * len];
            stagedLabels = new float[n * classes];
        }
        float[] features = stagedFeatures;
        float[] labels = stagedLabels;
        Arrays.fill(labels, 0, n * classes, 0f);
        float[] image = augmentation == null ? null : new float[len];
        for (int k = 0; k < n; k++) {
            int i = snapshot[from + k];
            if (augmentation == null) {
                dataset.copyImage(i, features, k * len);
            } else {
                dataset.copyImage(i, image, 0);
                augmentation.apply(image, dataset.channels(), dataset.height(), dataset.width(),
                        Augmentation.random(seed, epochOfBatch, i));
                System.arraycopy(image, 0, features, k * len, len);
            }
            labels[k * classes + dataset.label(i)] = 1f;
        }
        INDArray[] arrays = n == batchSize ? takeSpare() : null;
        if (arrays == null) {
            arrays = new INDArray[] {
                    uninitialised(n, dataset.channels(), dataset.height(), dataset.width()),
                    uninitialised(n, classes)};
        }
        NativeMemory.floats(arrays[0]).put(features, 0, n * len);
        NativeMemory.floats(arrays[1]).put(labels, 0, n * classes);
        return new DataSet(arrays[0], arrays[1]);
    }

    /**
     * A batch's native memory, outside any workspace and not zeroed by an op: one bulk copy writes every value
     * (zeroing and copying value by value through an indexer were together most of the prefetch thread's time,
     * which shares the machine's cores with training).
     */
    private static INDArray uninitialised(long... shape) {
        try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            return Nd4j.createUninitialized(DataType.FLOAT, shape, 'c');
        }
    }

    private INDArray[] takeSpare() {
        synchronized (spare) { // not the iterator's lock: next() holds that while it waits for this batch
            return spare.pollFirst();
        }
    }

    /**
     * Hands back a batch this iterator served, which the caller (and anything it gave the batch to) will not use
     * again: its memory will hold a later batch of the same size. A batch of another size or layout, or with a
     * closed array, is not taken (nor is one beyond the two kept spare); batches not taken are freed as usual.
     *
     * @param batch a batch from {@link #next()} that nothing uses any more, or {@code null}
     * @return whether the batch was taken back; if not, it is still the caller's
     */
    public boolean recycle(DataSet batch) {
        if (batch == null) {
            return false;
        }
        INDArray features = batch.getFeatures();
        INDArray labels = batch.getLabels();
        long[] featureShape = {batchSize, dataset.channels(), dataset.height(), dataset.width()};
        if (!reusable(features, featureShape) || !reusable(labels, new long[] {batchSize, dataset.numClasses()})
                || features.data() == labels.data() || batch.getFeaturesMaskArray() != null
                || batch.getLabelsMaskArray() != null) {
            return false;
        }
        synchronized (spare) {
            if (spare.size() >= 2) {
                return false;
            }
            spare.addLast(new INDArray[] {features, labels});
            return true;
        }
    }

    private static boolean reusable(INDArray array, long[] shape) {
        return array != null && !array.wasClosed() && !array.isView() && array.dataType() == DataType.FLOAT
                && array.ordering() == 'c' && Arrays.equals(array.shape(), shape)
                && array.data().length() == array.length() && array.offset() == 0;
    }

    @Override
    public synchronized boolean hasNext() {
        return next != null;
    }

    @Override
    public synchronized DataSet next() {
        if (next == null) {
            throw new java.util.NoSuchElementException("epoch " + epoch + " of " + dataset.name() + " is finished");
        }
        DataSet batch = next.join();
        cursor = Math.min(cursor + batchSize, order.length);
        prefetch();
        if (preProcessor != null) {
            preProcessor.preProcess(batch);
        }
        return batch;
    }

    @Override
    public DataSet next(int num) {
        throw new UnsupportedOperationException("batch size is fixed at construction: " + batchSize);
    }

    /** @return number of batches per epoch */
    public int batchesPerEpoch() {
        return (dataset.size() + batchSize - 1) / batchSize;
    }

    @Override
    public int inputColumns() {
        return dataset.imageLength();
    }

    @Override
    public int totalOutcomes() {
        return dataset.numClasses();
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return false; // already prefetches; DL4J must not wrap it in another async iterator
    }

    /** Starts the next epoch (a new shuffle when shuffling). */
    @Override
    public synchronized void reset() {
        setEpoch(epoch + 1);
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public List<String> getLabels() {
        return dataset.classNames();
    }

    /** Stops the prefetching and frees the handed-back batches not reused yet. */
    @Override
    public void close() {
        prefetcher.shutdownNow();
        synchronized (spare) {
            for (INDArray[] arrays : spare) {
                for (INDArray a : arrays) {
                    if (a.closeable()) {
                        a.close();
                    }
                }
            }
            spare.clear();
        }
    }
}
