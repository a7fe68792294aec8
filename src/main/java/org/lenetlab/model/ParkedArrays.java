package org.lenetlab.model;

import java.lang.ref.SoftReference;

/**
 * The batch-sized scratch arrays of a fast layer, held between its calls only as long as memory allows.
 *
 * <p>A layer reuses its arrays from batch to batch instead of allocating them anew, and grows them to the largest
 * batch it has seen — the validation or evaluation batch of 1,024 images, 300 MiB for the Keras LeNet on 32×32
 * inputs. A notebook that keeps a dozen trained networks for comparison would hold all of that for good and run out
 * of heap. So between calls a layer parks its arrays here, softly reachable: the next call takes them back and
 * reuses them, unless the garbage collector needed the memory in between, in which case the layer allocates again.
 */
final class ParkedArrays {
    private SoftReference<Object[]> parked;

    /** @param arrays the arrays to keep while memory allows (null entries allowed) */
    void park(Object... arrays) {
        parked = new SoftReference<>(arrays);
    }

    /**
     * @return the arrays of the last {@link #park}, in the same order, or {@code null} when nothing is parked or the
     *     collector has taken them; either way nothing is parked afterwards
     */
    Object[] take() {
        Object[] arrays = parked == null ? null : parked.get();
        parked = null;
        return arrays;
    }
}
