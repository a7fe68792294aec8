package org.lenetlab.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where a training run shows its progress. Outside a notebook nothing changes: a run reports to the listeners of its
 * {@link TrainingConfig}. A notebook kernel installs a {@linkplain #setNotebookDisplay display factory}; a run
 * started inside a cell then shows one live display that updates in place (bar, loss, accuracy, ETA) instead of
 * {@link ConsoleProgressBar}'s plain lines, whether or not its configuration asked for a progress bar.
 */
public final class TrainingProgress {
    private static volatile Supplier<Optional<TrainingListener>> notebookDisplay = Optional::empty;

    private TrainingProgress() {
    }

    /**
     * Installs the notebook's progress display (the Java kernel does this when it starts).
     *
     * @param factory makes a display for a run started on the calling thread, or returns empty when that thread
     *                runs no notebook cell; {@code null} restores plain console behaviour
     */
    public static void setNotebookDisplay(Supplier<Optional<TrainingListener>> factory) {
        notebookDisplay = factory == null ? Optional::empty : factory;
    }

    /**
     * @param configured the configuration's listeners
     * @return the listeners a run started on this thread reports to
     */
    static List<TrainingListener> listenersFor(List<TrainingListener> configured) {
        Optional<TrainingListener> display = notebookDisplay.get();
        if (display.isEmpty()) {
            return configured;
        }
        List<TrainingListener> listeners = new ArrayList<>();
        for (TrainingListener l : configured) {
            if (!(l instanceof ConsoleProgressBar)) {
                listeners.add(l);
            }
        }
        listeners.add(display.get());
        return listeners;
    }
}
