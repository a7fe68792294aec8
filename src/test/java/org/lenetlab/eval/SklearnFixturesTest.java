package org.lenetlab.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Our evaluation against scikit-learn 1.2.1 on the committed fixtures: report text character for character, every
 * number bit for bit (which implies within 1e-12), confusion matrices, accuracy and top-k accuracy.
 */
class SklearnFixturesTest {

    private static ClassificationEvaluation evaluation(JsonObject fixture) {
        int[] actual = Fixtures.ints(fixture.get("y_true"));
        List<String> names = Fixtures.strings(fixture.get("class_names"));
        if (fixture.has("probabilities")) {
            return ClassificationEvaluation.of(actual, Fixtures.floatMatrix(fixture.get("probabilities")), names);
        }
        return ClassificationEvaluation.of(actual, Fixtures.ints(fixture.get("y_pred")), names);
    }

    private static ZeroDivision zeroDivision(JsonElement value) {
        return switch (value.getAsString()) {
            case "warn", "0" -> ZeroDivision.ZERO;
            case "1" -> ZeroDivision.ONE;
            default -> throw new IllegalArgumentException("zero_division " + value);
        };
    }

    @ParameterizedTest
    @MethodSource("org.lenetlab.eval.Fixtures#sklearnNames")
    void reportTextIsScikitLearnsCharacterForCharacter(String name) {
        JsonObject fixture = Fixtures.sklearn(name);
        ClassificationEvaluation evaluation = evaluation(fixture);
        int compared = 0;
        for (JsonElement element : fixture.getAsJsonArray("reports")) {
            JsonObject report = element.getAsJsonObject();
            int digits = report.get("digits").getAsInt();
            ZeroDivision zeroDivision = zeroDivision(report.get("zero_division"));
            String expected = report.get("text").getAsString();
            String actual = evaluation.classificationReport(digits, zeroDivision).toString();
            assertEquals(expected, actual, name + ", digits=" + digits + ", zero_division=" + zeroDivision);
            if (digits == ClassificationReport.DEFAULT_DIGITS && zeroDivision == ZeroDivision.ZERO) {
                assertEquals(expected, evaluation.classificationReport().toString(), name + " default report");
            }
            compared++;
        }
        assertTrue(compared >= 2, name + " has reports for at least two digit settings");
    }

    @ParameterizedTest
    @MethodSource("org.lenetlab.eval.Fixtures#sklearnNames")
    void numbersAreScikitLearnsBitForBit(String name) {
        JsonObject fixture = Fixtures.sklearn(name);
        ClassificationEvaluation evaluation = evaluation(fixture);
        assertArrayEquals(Fixtures.ints(fixture.get("y_pred")), evaluation.predicted(), name + " predictions");
        assertEquals(fixture.get("accuracy").getAsDouble(), evaluation.accuracy(), 0.0, name + " accuracy");
        for (Map.Entry<String, JsonElement> entry : fixture.getAsJsonObject("metrics").entrySet()) {
            JsonObject expected = entry.getValue().getAsJsonObject();
            ClassificationReport report = evaluation.classificationReport(2, zeroDivision(
                    new com.google.gson.JsonPrimitive(entry.getKey())));
            String context = name + ", zero_division=" + entry.getKey();
            double[] precision = Fixtures.doubles(expected.get("precision"));
            double[] recall = Fixtures.doubles(expected.get("recall"));
            double[] f1 = Fixtures.doubles(expected.get("f1"));
            int[] support = Fixtures.ints(expected.get("support"));
            for (int c = 0; c < evaluation.numClasses(); c++) {
                ClassMetrics row = report.classMetrics(c);
                assertEquals(precision[c], row.precision(), 0.0, context + " precision of class " + c);
                assertEquals(recall[c], row.recall(), 0.0, context + " recall of class " + c);
                assertEquals(f1[c], row.f1(), 0.0, context + " F1 of class " + c);
                assertEquals(support[c], row.support(), context + " support of class " + c);
            }
            assertAverage(expected.getAsJsonObject("micro"), report.microAverage(), context + " micro");
            assertAverage(expected.getAsJsonObject("macro"), report.macroAverage(), context + " macro");
            assertAverage(expected.getAsJsonObject("weighted"), report.weightedAverage(), context + " weighted");
        }
    }

    private static void assertAverage(JsonObject expected, ClassMetrics actual, String context) {
        assertEquals(expected.get("precision").getAsDouble(), actual.precision(), 0.0, context + " precision");
        assertEquals(expected.get("recall").getAsDouble(), actual.recall(), 0.0, context + " recall");
        assertEquals(expected.get("f1").getAsDouble(), actual.f1(), 0.0, context + " F1");
    }

    @ParameterizedTest
    @MethodSource("org.lenetlab.eval.Fixtures#sklearnNames")
    void confusionMatricesAreScikitLearns(String name) {
        JsonObject fixture = Fixtures.sklearn(name);
        ConfusionMatrix matrix = evaluation(fixture).confusionMatrix();
        double[][] expectedCounts = Fixtures.doubleMatrix(fixture.get("confusion_matrix"));
        int[][] counts = matrix.counts();
        for (int t = 0; t < counts.length; t++) {
            for (int p = 0; p < counts.length; p++) {
                assertEquals((int) expectedCounts[t][p], counts[t][p], name + " count [" + t + "][" + p + "]");
            }
        }
        JsonObject normalized = fixture.getAsJsonObject("confusion_matrix_normalized");
        assertMatrix(Fixtures.doubleMatrix(normalized.get("true")), matrix.rowNormalized(), name + " normalize=true");
        assertMatrix(Fixtures.doubleMatrix(normalized.get("pred")), matrix.columnNormalized(),
                name + " normalize=pred");
        assertMatrix(Fixtures.doubleMatrix(normalized.get("all")), matrix.totalNormalized(), name + " normalize=all");
    }

    private static void assertMatrix(double[][] expected, double[][] actual, String context) {
        assertEquals(expected.length, actual.length, context);
        for (int t = 0; t < expected.length; t++) {
            assertArrayEquals(expected[t], actual[t], 0.0, context + " row " + t);
        }
    }

    @ParameterizedTest
    @MethodSource("org.lenetlab.eval.Fixtures#sklearnNames")
    void topKAccuracyIsScikitLearns(String name) {
        JsonObject fixture = Fixtures.sklearn(name);
        if (!fixture.has("top_k_accuracy")) {
            return;
        }
        ClassificationEvaluation evaluation = evaluation(fixture);
        JsonObject topK = fixture.getAsJsonObject("top_k_accuracy");
        assertTrue(topK.size() >= 2, name + " has top-k values");
        for (Map.Entry<String, JsonElement> entry : topK.entrySet()) {
            int k = Integer.parseInt(entry.getKey());
            assertEquals(entry.getValue().getAsDouble(), evaluation.topKAccuracy(k), 0.0, name + " top-" + k);
        }
    }
}
