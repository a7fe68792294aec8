package org.lenetlab.eval;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** Loads the JSON fixtures written by {@code make_sklearn_fixtures.py} from the test class path. */
final class Fixtures {
    /** The scikit-learn fixtures, one per scenario. */
    static final List<String> SKLEARN = List.of("balanced10", "imbalanced51", "zero_division", "absent_class", "toy3",
            "rounding_ties", "unicode_names", "single_class");

    private Fixtures() {
    }

    static Stream<String> sklearnNames() {
        return SKLEARN.stream();
    }

    static JsonObject load(String file) {
        InputStream in = Fixtures.class.getResourceAsStream(file);
        if (in == null) {
            throw new IllegalStateException("fixture " + file + " is missing next to make_sklearn_fixtures.py; run "
                    + "/usr/bin/python3 src/test/resources/org/lenetlab/eval/make_sklearn_fixtures.py");
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return new Gson().fromJson(reader, JsonObject.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonObject sklearn(String name) {
        return load("sklearn-" + name + ".json");
    }

    static int[] ints(JsonElement array) {
        JsonArray a = array.getAsJsonArray();
        int[] values = new int[a.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = a.get(i).getAsInt();
        }
        return values;
    }

    static double[] doubles(JsonElement array) {
        JsonArray a = array.getAsJsonArray();
        double[] values = new double[a.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = a.get(i).getAsDouble();
        }
        return values;
    }

    /** Float32 values are stored in their shortest decimal form; parsing that as a float restores them exactly. */
    static float[][] floatMatrix(JsonElement matrix) {
        JsonArray rows = matrix.getAsJsonArray();
        float[][] values = new float[rows.size()][];
        for (int i = 0; i < values.length; i++) {
            JsonArray row = rows.get(i).getAsJsonArray();
            values[i] = new float[row.size()];
            for (int j = 0; j < row.size(); j++) {
                values[i][j] = Float.parseFloat(row.get(j).getAsString());
            }
        }
        return values;
    }

    static double[][] doubleMatrix(JsonElement matrix) {
        JsonArray rows = matrix.getAsJsonArray();
        double[][] values = new double[rows.size()][];
        for (int i = 0; i < values.length; i++) {
            values[i] = doubles(rows.get(i));
        }
        return values;
    }

    static List<String> strings(JsonElement array) {
        List<String> values = new ArrayList<>();
        array.getAsJsonArray().forEach(e -> values.add(e.getAsString()));
        return values;
    }
}
