package org.lenetlab.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;

import org.lenetlab.io.AtomicFiles;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.node.ArrayNode;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * The per-epoch record of a training run: training loss and accuracy, validation loss and accuracy, learning rate
 * and time of every epoch, the epoch whose weights were restored (early stopping) and the epochs where the
 * learning rate dropped. Immutable; each finished epoch yields a new history ({@link #append(EpochRecord)}).
 *
 * <p>For plotting, every column is available as a plain array ({@link #epochs()}, {@link #losses()}, ...,
 * {@link #values(Metric)}). Histories round-trip through CSV ({@link #toCsv()}, {@link #fromCsv(String, String)})
 * and JSON ({@link #toJson()}, {@link #fromJson(String, String)}); files are written atomically.
 * {@link #toString()} renders an aligned table.
 */
public final class History {
    /** Header of the CSV form; NaN (no validation set) is written as an empty cell. */
    public static final String CSV_HEADER =
            "epoch,loss,accuracy,val_loss,val_accuracy,learning_rate,seconds,lr_reduced,restored";
    private static final String JSON_FORMAT = "lenetlab-history";
    private static final int JSON_VERSION = 1;
    private static final History EMPTY = new History(List.of(), 0);

    private final List<EpochRecord> records;
    private final int restoredEpoch;

    private History(List<EpochRecord> records, int restoredEpoch) {
        this.records = List.copyOf(records);
        this.restoredEpoch = restoredEpoch;
    }

    /** @return a history without epochs */
    public static History empty() {
        return EMPTY;
    }

    /**
     * @param records epochs in order, numbered 1, 2, 3, ...
     * @return a history of these epochs
     * @throws IllegalArgumentException if the epochs are not numbered consecutively from 1
     */
    public static History of(List<EpochRecord> records) {
        History h = EMPTY;
        for (EpochRecord r : records) {
            h = h.append(r);
        }
        return h;
    }

    /**
     * @param record the next epoch
     * @return this history with one more epoch
     * @throws IllegalArgumentException if {@code record.epoch()} is not the next epoch number
     */
    public History append(EpochRecord record) {
        Objects.requireNonNull(record, "record");
        if (record.epoch() != records.size() + 1) {
            throw new IllegalArgumentException("the history holds " + records.size()
                    + " epochs, so the next one is epoch " + (records.size() + 1) + ", not " + record.epoch());
        }
        List<EpochRecord> more = new ArrayList<>(records);
        more.add(record);
        return new History(more, restoredEpoch);
    }

    /**
     * @param epoch the epoch whose weights were restored at the end of training, or 0 for none
     * @return this history marked accordingly
     */
    public History withRestoredEpoch(int epoch) {
        if (epoch < 0 || epoch > records.size()) {
            throw new IllegalArgumentException("restored epoch " + epoch + " is not in this history of "
                    + records.size() + " epochs");
        }
        return new History(records, epoch);
    }

    /** @return the epochs, in order (unmodifiable) */
    public List<EpochRecord> records() {
        return records;
    }

    /** @return number of epochs recorded */
    public int size() {
        return records.size();
    }

    /** @return whether no epoch is recorded */
    public boolean isEmpty() {
        return records.isEmpty();
    }

    /**
     * @param epoch epoch number, starting at 1
     * @return that epoch's record
     */
    public EpochRecord epoch(int epoch) {
        if (epoch < 1 || epoch > records.size()) {
            throw new IndexOutOfBoundsException("epoch " + epoch + " is not in this history of " + records.size()
                    + " epochs");
        }
        return records.get(epoch - 1);
    }

    /** @return the last epoch's record */
    public EpochRecord last() {
        if (records.isEmpty()) {
            throw new IllegalStateException("the history is empty");
        }
        return records.get(records.size() - 1);
    }

    /** @return whether the epochs carry validation metrics */
    public boolean hasValidation() {
        return records.stream().anyMatch(EpochRecord::hasValidation);
    }

    /** @return epoch numbers 1..n, for the x axis of plots */
    public int[] epochs() {
        return records.stream().mapToInt(EpochRecord::epoch).toArray();
    }

    /**
     * @param metric which quantity
     * @return its value per epoch (NaN where absent)
     */
    public double[] values(Metric metric) {
        return records.stream().mapToDouble(r -> r.value(metric)).toArray();
    }

    /** @return training loss per epoch */
    public double[] losses() {
        return values(Metric.LOSS);
    }

    /** @return training accuracy per epoch, in [0, 1] */
    public double[] accuracies() {
        return values(Metric.ACCURACY);
    }

    /** @return validation loss per epoch (NaN without validation) */
    public double[] valLosses() {
        return values(Metric.VAL_LOSS);
    }

    /** @return validation accuracy per epoch, in [0, 1] (NaN without validation) */
    public double[] valAccuracies() {
        return values(Metric.VAL_ACCURACY);
    }

    /** @return learning rate per epoch */
    public double[] learningRates() {
        return records.stream().mapToDouble(EpochRecord::learningRate).toArray();
    }

    /** @return seconds per epoch */
    public double[] seconds() {
        return records.stream().mapToDouble(EpochRecord::seconds).toArray();
    }

    /** @return total seconds over all epochs */
    public double totalSeconds() {
        return records.stream().mapToDouble(EpochRecord::seconds).sum();
    }

    /** @return epochs trained with a lower learning rate than the epoch before (schedule or plateau) */
    public int[] learningRateDrops() {
        return records.stream()
                .filter(r -> r.epoch() > 1 && r.learningRate() < records.get(r.epoch() - 2).learningRate())
                .mapToInt(EpochRecord::epoch).toArray();
    }

    /** @return epochs at whose end reduce-LR-on-plateau lowered the learning rate */
    public int[] plateauReductions() {
        return records.stream().filter(EpochRecord::lrReduced).mapToInt(EpochRecord::epoch).toArray();
    }

    /** @return the epoch whose weights were restored at the end of training (early stopping), if any */
    public OptionalInt restoredEpoch() {
        return restoredEpoch == 0 ? OptionalInt.empty() : OptionalInt.of(restoredEpoch);
    }

    /**
     * @param metric which quantity
     * @return the epoch with its best value (lowest loss, highest accuracy; the first on ties), if any is a number
     */
    public OptionalInt bestEpoch(Metric metric) {
        int best = 0;
        double bestValue = Double.NaN;
        for (EpochRecord r : records) {
            double v = r.value(metric);
            if (Double.isNaN(v)) {
                continue;
            }
            boolean better = Double.isNaN(bestValue)
                    || (metric.defaultMode() == MonitorMode.MIN ? v < bestValue : v > bestValue);
            if (better) {
                best = r.epoch();
                bestValue = v;
            }
        }
        return best == 0 ? OptionalInt.empty() : OptionalInt.of(best);
    }

    /** @return the epoch with the lowest validation loss, or the lowest training loss without validation */
    public OptionalInt bestEpoch() {
        return bestEpoch(hasValidation() ? Metric.VAL_LOSS : Metric.LOSS);
    }

    /**
     * @param other another history
     * @return whether both have the same epochs with the same metrics and restored epoch, ignoring timings
     */
    public boolean sameMetrics(History other) {
        if (other == null || other.size() != size() || other.restoredEpoch != restoredEpoch) {
            return false;
        }
        for (int i = 0; i < records.size(); i++) {
            if (!records.get(i).sameMetrics(other.records.get(i))) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- CSV

    /** @return the history as CSV with header {@value #CSV_HEADER}; numbers keep full precision */
    public String toCsv() {
        StringBuilder sb = new StringBuilder(CSV_HEADER).append('\n');
        for (EpochRecord r : records) {
            sb.append(r.epoch()).append(',').append(csvNumber(r.loss())).append(',').append(csvNumber(r.accuracy()))
                    .append(',').append(csvNumber(r.valLoss())).append(',').append(csvNumber(r.valAccuracy()))
                    .append(',').append(csvNumber(r.learningRate())).append(',').append(csvNumber(r.seconds()))
                    .append(',').append(r.lrReduced()).append(',').append(r.epoch() == restoredEpoch).append('\n');
        }
        return sb.toString();
    }

    private static String csvNumber(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    /**
     * Parses the CSV form.
     *
     * @param csv    text as written by {@link #toCsv()}
     * @param origin where it came from, for error messages (e.g. the file name)
     * @return the history
     * @throws IOException naming {@code origin} and the line if the text is not a history
     */
    public static History fromCsv(String csv, String origin) throws IOException {
        String[] lines = csv.replace("\r", "").split("\n");
        if (lines.length == 0 || !lines[0].trim().equals(CSV_HEADER)) {
            throw new IOException(origin + " is not a training history CSV: its first line should be '" + CSV_HEADER
                    + "', found '" + (lines.length == 0 ? "" : lines[0]) + "'");
        }
        List<EpochRecord> out = new ArrayList<>();
        int restored = 0;
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String where = origin + " line " + (i + 1);
            String[] cells = lines[i].split(",", -1);
            if (cells.length != 9) {
                throw new IOException(where + ": expected 9 comma-separated values, found " + cells.length);
            }
            EpochRecord r;
            try {
                r = new EpochRecord(parseInt(cells[0], "epoch", where), parseDouble(cells[1], "loss", where),
                        parseDouble(cells[2], "accuracy", where), parseDouble(cells[3], "val_loss", where),
                        parseDouble(cells[4], "val_accuracy", where), parseDouble(cells[5], "learning_rate", where),
                        parseDouble(cells[6], "seconds", where), parseBoolean(cells[7], "lr_reduced", where));
            } catch (IllegalArgumentException e) {
                throw new IOException(where + ": " + e.getMessage(), e);
            }
            if (parseBoolean(cells[8], "restored", where)) {
                restored = r.epoch();
            }
            out.add(r);
        }
        try {
            return of(out).withRestoredEpoch(restored);
        } catch (IllegalArgumentException e) {
            throw new IOException(origin + ": " + e.getMessage(), e);
        }
    }

    private static int parseInt(String cell, String column, String where) throws IOException {
        try {
            return Integer.parseInt(cell.trim());
        } catch (NumberFormatException e) {
            throw new IOException(where + ": column " + column + " should be an integer, found '" + cell + "'");
        }
    }

    private static double parseDouble(String cell, String column, String where) throws IOException {
        String c = cell.trim();
        if (c.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(c);
        } catch (NumberFormatException e) {
            throw new IOException(where + ": column " + column + " should be a number, found '" + cell + "'");
        }
    }

    private static boolean parseBoolean(String cell, String column, String where) throws IOException {
        String c = cell.trim().toLowerCase(Locale.ROOT);
        if (c.equals("true") || c.equals("false")) {
            return c.equals("true");
        }
        throw new IOException(where + ": column " + column + " should be true or false, found '" + cell + "'");
    }

    // ---------------------------------------------------------------- JSON

    /** @return the history as a JSON object (NaN as {@code null}); numbers keep full precision */
    public String toJson() {
        return Json.write(toJsonNode());
    }

    ObjectNode toJsonNode() {
        ObjectNode root = Json.object();
        root.put("format", JSON_FORMAT);
        root.put("version", JSON_VERSION);
        if (restoredEpoch == 0) {
            root.putNull("restored_epoch");
        } else {
            root.put("restored_epoch", restoredEpoch);
        }
        ArrayNode epochs = root.putArray("epochs");
        for (EpochRecord r : records) {
            ObjectNode e = epochs.addObject();
            e.put("epoch", r.epoch());
            Json.putDouble(e, "loss", r.loss());
            Json.putDouble(e, "accuracy", r.accuracy());
            Json.putDouble(e, "val_loss", r.valLoss());
            Json.putDouble(e, "val_accuracy", r.valAccuracy());
            Json.putDouble(e, "learning_rate", r.learningRate());
            Json.putDouble(e, "seconds", r.seconds());
            e.put("lr_reduced", r.lrReduced());
        }
        return root;
    }

    /**
     * Parses the JSON form.
     *
     * @param json   text as written by {@link #toJson()}
     * @param origin where it came from, for error messages
     * @return the history
     * @throws IOException naming {@code origin} and the field if the text is not a history
     */
    public static History fromJson(String json, String origin) throws IOException {
        return fromJsonNode(Json.parse(json, origin), origin);
    }

    static History fromJsonNode(JsonNode root, String origin) throws IOException {
        if (!JSON_FORMAT.equals(root.path("format").asText())) {
            throw new IOException(origin + " is not a training history (its \"format\" is not \"" + JSON_FORMAT
                    + "\")");
        }
        int version = Json.getInt(root, "version", origin);
        if (version != JSON_VERSION) {
            throw new IOException(origin + " is a version " + version + " history; this LeNet Lab reads version "
                    + JSON_VERSION + " (update LeNet Lab)");
        }
        JsonNode epochs = Json.required(root, "epochs", origin);
        if (!epochs.isArray()) {
            throw new IOException(origin + ": field 'epochs' should be a list");
        }
        List<EpochRecord> out = new ArrayList<>();
        for (int i = 0; i < epochs.size(); i++) {
            JsonNode e = epochs.get(i);
            String where = origin + " epochs[" + i + "]";
            try {
                out.add(new EpochRecord(Json.getInt(e, "epoch", where), Json.getDouble(e, "loss", where),
                        Json.getDouble(e, "accuracy", where), Json.getDouble(e, "val_loss", where),
                        Json.getDouble(e, "val_accuracy", where), Json.getDouble(e, "learning_rate", where),
                        Json.getDouble(e, "seconds", where), Json.getBoolean(e, "lr_reduced", where)));
            } catch (IllegalArgumentException ex) {
                throw new IOException(where + ": " + ex.getMessage(), ex);
            }
        }
        JsonNode restored = Json.required(root, "restored_epoch", origin);
        try {
            return of(out).withRestoredEpoch(restored.isNull() ? 0 : Json.getInt(root, "restored_epoch", origin));
        } catch (IllegalArgumentException ex) {
            throw new IOException(origin + ": " + ex.getMessage(), ex);
        }
    }

    // ---------------------------------------------------------------- files

    /**
     * Writes {@link #toCsv()} atomically.
     *
     * @param file the target, e.g. {@code runs/lenet5/history.csv}
     * @return {@code file}
     * @throws IOException if writing fails (the previous file, if any, is then unchanged)
     */
    public Path writeCsv(Path file) throws IOException {
        return AtomicFiles.writeString(file, toCsv());
    }

    /**
     * Writes {@link #toJson()} atomically.
     *
     * @param file the target, e.g. {@code runs/lenet5/history.json}
     * @return {@code file}
     * @throws IOException if writing fails (the previous file, if any, is then unchanged)
     */
    public Path writeJson(Path file) throws IOException {
        return AtomicFiles.writeString(file, toJson());
    }

    /**
     * Reads a history file written by {@link #writeCsv(Path)} or {@link #writeJson(Path)}, chosen by the file
     * extension ({@code .csv} or {@code .json}).
     *
     * @param file the file
     * @return the history
     * @throws IOException if the file is missing, has another extension or is not a history
     */
    public static History read(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IOException("history file " + file + " does not exist", e);
        }
        if (name.endsWith(".csv")) {
            return fromCsv(text, file.toString());
        }
        if (name.endsWith(".json")) {
            return fromJson(text, file.toString());
        }
        throw new IOException("cannot tell the format of " + file + ": history files end in .csv or .json");
    }

    // ---------------------------------------------------------------- display

    /**
     * The history as a Tablesaw table with the columns of {@link #CSV_HEADER}: {@code epoch}, {@code loss},
     * {@code accuracy}, {@code val_loss}, {@code val_accuracy} (missing without validation),
     * {@code learning_rate}, {@code seconds}, {@code lr_reduced} and {@code restored}.
     *
     * @return a new table named "training history", one row per epoch
     */
    public Table toTable() {
        DoubleColumn valLoss = DoubleColumn.create("val_loss", records.size());
        DoubleColumn valAccuracy = DoubleColumn.create("val_accuracy", records.size());
        for (int i = 0; i < records.size(); i++) {
            EpochRecord r = records.get(i);
            if (!Double.isNaN(r.valLoss())) {
                valLoss.set(i, r.valLoss());
            }
            if (!Double.isNaN(r.valAccuracy())) {
                valAccuracy.set(i, r.valAccuracy());
            }
        }
        boolean[] restored = new boolean[records.size()];
        boolean[] reduced = new boolean[records.size()];
        for (int i = 0; i < records.size(); i++) {
            restored[i] = records.get(i).epoch() == restoredEpoch;
            reduced[i] = records.get(i).lrReduced();
        }
        return Table.create("training history", IntColumn.create("epoch", epochs()),
                DoubleColumn.create("loss", losses()), DoubleColumn.create("accuracy", accuracies()), valLoss,
                valAccuracy, DoubleColumn.create("learning_rate", learningRates()),
                DoubleColumn.create("seconds", seconds()), BooleanColumn.create("lr_reduced", reduced),
                BooleanColumn.create("restored", restored));
    }

    /**
     * @return an aligned text table, one line per epoch, with notes marking the best epoch (lowest validation
     *     loss, or training loss without validation), the restored epoch and plateau reductions
     */
    @Override
    public String toString() {
        if (records.isEmpty()) {
            return "(no epochs trained)";
        }
        boolean val = hasValidation();
        int best = bestEpoch().orElse(0);
        List<String[]> rows = new ArrayList<>();
        rows.add(val ? new String[] {"epoch", "loss", "accuracy", "val_loss", "val_accuracy", "lr", "seconds", ""}
                : new String[] {"epoch", "loss", "accuracy", "lr", "seconds", ""});
        for (EpochRecord r : records) {
            List<String> notes = new ArrayList<>();
            if (r.epoch() == best) {
                notes.add("best");
            }
            if (r.epoch() == restoredEpoch) {
                notes.add("restored");
            }
            if (r.lrReduced()) {
                notes.add("lr reduced");
            }
            String note = String.join(", ", notes);
            String epoch = Integer.toString(r.epoch());
            rows.add(val ? new String[] {epoch, Format.loss(r.loss()), Format.percent(r.accuracy()),
                    Format.loss(r.valLoss()), Format.percent(r.valAccuracy()), Format.rate(r.learningRate()),
                    Format.seconds(r.seconds()), note}
                    : new String[] {epoch, Format.loss(r.loss()), Format.percent(r.accuracy()),
                            Format.rate(r.learningRate()), Format.seconds(r.seconds()), note});
        }
        int cols = rows.get(0).length;
        int[] width = new int[cols];
        for (String[] row : rows) {
            for (int c = 0; c < cols; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < cols - 1; c++) {
                if (c > 0) {
                    line.append("  ");
                }
                line.append(" ".repeat(width[c] - row[c].length())).append(row[c]);
            }
            if (!row[cols - 1].isEmpty()) {
                line.append("  ").append(row[cols - 1]);
            }
            sb.append(line).append('\n');
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof History other && restoredEpoch == other.restoredEpoch && records.equals(other.records);
    }

    @Override
    public int hashCode() {
        return 31 * records.hashCode() + restoredEpoch;
    }

    /** @return a short summary for logs, e.g. {@code History[5 epochs, best 4, restored 4]} */
    public String summary() {
        return String.format(Locale.ROOT, "History[%d epochs%s%s]", size(),
                bestEpoch().isPresent() ? ", best " + bestEpoch().getAsInt() : "",
                restoredEpoch == 0 ? "" : ", restored " + restoredEpoch);
    }
}
