package org.lenetlab.kernel;

import java.util.ArrayList;
import java.util.List;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;

/** An {@link OutputSink} that remembers everything, with the time each piece arrived. */
class RecordingSink implements OutputSink {
    /** One thing the cell sent. */
    record Event(String kind, OutputSink.Stream stream, String text, DisplayData data, long nanos) {
    }

    private final List<Event> events = new ArrayList<>();

    @Override
    public synchronized void stream(Stream stream, String text) {
        events.add(new Event("stream", stream, text, null, System.nanoTime()));
        notifyAll();
    }

    @Override
    public synchronized void display(DisplayData data) {
        events.add(new Event("display", null, null, data, System.nanoTime()));
        notifyAll();
    }

    @Override
    public synchronized void updateDisplay(DisplayData data) {
        events.add(new Event("update", null, null, data, System.nanoTime()));
        notifyAll();
    }

    synchronized List<Event> events() {
        return List.copyOf(events);
    }

    synchronized String stdout() {
        return text(Stream.STDOUT);
    }

    synchronized String stderr() {
        return text(Stream.STDERR);
    }

    private String text(Stream stream) {
        StringBuilder sb = new StringBuilder();
        for (Event e : events) {
            if (e.kind().equals("stream") && e.stream() == stream) {
                sb.append(e.text());
            }
        }
        return sb.toString();
    }

    synchronized List<DisplayData> displays() {
        return events.stream().filter(e -> e.kind().equals("display")).map(Event::data).toList();
    }

    synchronized List<DisplayData> updates() {
        return events.stream().filter(e -> e.kind().equals("update")).map(Event::data).toList();
    }

    /** Waits until stdout contains {@code text}, at most {@code millis}. */
    synchronized boolean awaitStdout(String text, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (!stdout().contains(text)) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    /** Waits until at least {@code count} display updates arrived, at most {@code millis}. */
    synchronized boolean awaitUpdates(int count, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (updates().size() < count) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    static String text(DisplayData data) {
        return (String) data.getData(MIMEType.TEXT_PLAIN);
    }
}
