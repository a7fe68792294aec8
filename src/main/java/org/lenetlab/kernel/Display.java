package org.lenetlab.kernel;

import java.util.UUID;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;

/**
 * IJava's display API, statically imported into every notebook: show any object in the cell's output as it runs,
 * and replace a shown object in place.
 *
 * <pre>{@code
 * String id = display(HistoryChart.of(history));   // a PNG in the output, now
 * updateDisplay(id, HistoryChart.of(newHistory));  // the same output, redrawn
 * display(chart, "image/svg+xml");                 // choose the MIME type
 * DisplayData d = render(table);                   // render without showing
 * }</pre>
 *
 * Objects are rendered by {@link Renderers#standard()}; a {@link DisplayData} is shown as it is. Calls work from any
 * thread a cell started. Outside a notebook cell (a plain Java program) {@code display} prints the text form to
 * {@code System.out}.
 */
public final class Display {
    private Display() {
    }

    /**
     * Shows an object in the output of the running cell.
     *
     * @param object what to show
     * @return the display's id, for {@link #updateDisplay(String, Object)}
     */
    public static String display(Object object) {
        return show(render(object));
    }

    /**
     * Shows an object as the given MIME types, e.g. {@code display(chart, "image/svg+xml")}.
     *
     * @param object what to show
     * @param mimes  the MIME types wanted ({@code "image/*"} and {@code "*"} wildcards work)
     * @return the display's id
     */
    public static String display(Object object, String... mimes) {
        return show(render(object, mimes));
    }

    /**
     * Renders an object without showing it.
     *
     * @param object what to render; a {@link DisplayData} is returned as it is
     * @return the rendering, always with {@code text/plain}
     */
    public static DisplayData render(Object object) {
        if (object instanceof DisplayData data) {
            return data;
        }
        return Renderers.standard().render(object);
    }

    /**
     * Renders an object as the given MIME types without showing it.
     *
     * @param object what to render
     * @param mimes  the MIME types wanted
     * @return the rendering
     */
    public static DisplayData render(Object object, String... mimes) {
        if (object instanceof DisplayData data) {
            return data;
        }
        return mimes.length == 0 ? render(object) : Renderers.standard().renderAs(object, mimes);
    }

    /**
     * Replaces what {@link #display(Object)} showed with a new rendering of {@code object}.
     *
     * @param id     the id {@code display} returned
     * @param object the new content
     */
    public static void updateDisplay(String id, Object object) {
        update(id, render(object));
    }

    /**
     * Replaces a display with {@code object} rendered as the given MIME types.
     *
     * @param id     the id {@code display} returned
     * @param object the new content
     * @param mimes  the MIME types wanted
     */
    public static void updateDisplay(String id, Object object, String... mimes) {
        update(id, render(object, mimes));
    }

    private static String show(DisplayData rendered) {
        DisplayData data = new DisplayData(rendered);
        String id = rendered.hasDisplayId() ? rendered.getDisplayId() : UUID.randomUUID().toString();
        data.setDisplayId(id);
        CellContext cell = CellContext.current();
        if (cell == null) {
            System.out.println(data.getData(io.github.spencerpark.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN));
        } else {
            cell.display(data);
        }
        return id;
    }

    private static void update(String id, DisplayData rendered) {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("updateDisplay needs the id that display(...) returned, not " + id);
        }
        DisplayData data = new DisplayData(rendered);
        data.setDisplayId(id);
        CellContext cell = CellContext.current();
        if (cell != null) {
            cell.updateDisplay(data);
        }
    }
}
