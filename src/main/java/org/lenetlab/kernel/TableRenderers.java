package org.lenetlab.kernel;

import org.lenetlab.plot.Tables;

import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import tech.tablesaw.api.Table;

/** Tablesaw tables as HTML and aligned text; long tables show their first and last rows. */
final class TableRenderers {
    /** Tables with more rows than this are shortened. */
    static final int MAX_ROWS = 40;
    private static final int HEAD = 15;
    private static final int TAIL = 5;

    private TableRenderers() {
    }

    static void register(Renderer r) {
        r.createRegistration(Table.class).preferring(Renderers.HTML).supporting(Renderers.HTML)
                .register((table, context) -> {
                    context.renderIfRequested(MIMEType.TEXT_HTML, () -> html(table));
                    context.getOutputContainer().putText(text(table));
                });
    }

    static String html(Table table) {
        if (table.rowCount() <= MAX_ROWS) {
            return Tables.toHtml(table);
        }
        return Tables.toHtml(shortened(table)) + "<p>" + shape(table) + ", rows " + (HEAD + 1) + "–"
                + (table.rowCount() - TAIL) + " not shown</p>\n";
    }

    static String text(Table table) {
        if (table.rowCount() <= MAX_ROWS) {
            return Tables.toText(table);
        }
        return Tables.toText(shortened(table)) + "… " + shape(table) + ", rows " + (HEAD + 1) + "–"
                + (table.rowCount() - TAIL) + " not shown\n";
    }

    /** The first and last rows, copied row by row (Tablesaw's row selections are avoided: with the RoaringBitmap
     * release DL4J brings, {@code first(n)} fails with an AbstractMethodError). */
    private static Table shortened(Table table) {
        Table shown = table.emptyCopy();
        for (int r = 0; r < HEAD; r++) {
            shown.addRow(r, table);
        }
        for (int r = table.rowCount() - TAIL; r < table.rowCount(); r++) {
            shown.addRow(r, table);
        }
        return shown;
    }

    private static String shape(Table table) {
        return String.format("%,d rows × %d columns", table.rowCount(), table.columnCount());
    }
}
