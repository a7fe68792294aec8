package org.lenetlab.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lenetlab.eval.ConfusionMatrixTest.assertMessage;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lenetlab.backend.Backend;
import org.lenetlab.data.ImageDataset;
import org.nd4j.linalg.factory.Nd4j;

import tech.tablesaw.api.Table;

class ClassificationEvaluationTest {
    private static final List<String> NAMES = List.of("cat", "dog", "bird");
    private static final int[] ACTUAL = {0, 1, 2, 2, 1, 0};
    private static final float[][] PROBABILITIES = {
        {0.7f, 0.2f, 0.1f},   // cat, right
        {0.6f, 0.3f, 0.1f},   // dog taken for cat, confidence 0.6, dog 2nd
        {0.1f, 0.1f, 0.8f},   // bird, right
        {0.05f, 0.9f, 0.05f}, // bird taken for dog, confidence 0.9, bird tied 2nd with cat: cat ranks first
        {0.2f, 0.2f, 0.6f},   // dog taken for bird, confidence 0.6, dog tied with cat: cat ranks first
        {0.5f, 0.1f, 0.4f},   // cat, right
    };

    @BeforeAll
    static void backend() {
        Backend.configure();
    }

    @Test
    void probabilitiesGivePredictionsAccuracyAndTopK() {
        ClassificationEvaluation e = ClassificationEvaluation.of(ACTUAL, PROBABILITIES, NAMES);
        assertArrayEquals(new int[] {0, 0, 2, 1, 2, 0}, e.predicted());
        assertEquals(3, e.correctCount());
        assertEquals(0.5, e.accuracy());
        assertEquals(0.5, e.errorRate());
        assertEquals(e.accuracy(), e.topKAccuracy(1));
        assertEquals(4.0 / 6, e.topKAccuracy(2), 1e-15, "example 1 joins; 3 and 4 lose their ties to cat");
        assertEquals(1.0, e.topKAccuracy(3));
        assertEquals(1.0, e.topKAccuracy(10), "k beyond the number of classes counts everything");
        assertTrue(e.hasProbabilities());
        assertEquals(0.9f, e.probabilities()[3][1]);
    }

    @Test
    void scikitLearnsTopKExample() {
        // top_k_accuracy_score documentation: 0.75 for k=2
        ClassificationEvaluation e = ClassificationEvaluation.of(new int[] {0, 1, 2, 2}, new float[][] {
            {0.5f, 0.2f, 0.2f}, {0.3f, 0.4f, 0.2f}, {0.2f, 0.4f, 0.3f}, {0.7f, 0.2f, 0.1f}}, NAMES);
        assertEquals(0.75, e.topKAccuracy(2));
    }

    @Test
    void exactTiesGoToTheLowerClassSoTopOneIsAccuracy() {
        float third = 1f / 3;
        ClassificationEvaluation e = ClassificationEvaluation.of(new int[] {0, 1, 2},
                new float[][] {{third, third, third}, {third, third, third}, {third, third, third}}, NAMES);
        assertArrayEquals(new int[] {0, 0, 0}, e.predicted(), "an untrained network's uniform output picks class 0");
        assertEquals(1.0 / 3, e.accuracy(), 1e-15);
        assertEquals(e.accuracy(), e.topKAccuracy(1));
        assertEquals(2.0 / 3, e.topKAccuracy(2), 1e-15);
    }

    @Test
    void topKNeedsProbabilitiesAndPositiveK() {
        ClassificationEvaluation labelsOnly = ClassificationEvaluation.of(ACTUAL, new int[] {0, 0, 2, 1, 2, 0}, NAMES);
        assertFalse(labelsOnly.hasProbabilities());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> labelsOnly.topKAccuracy(2));
        assertTrue(e.getMessage().startsWith("top-k accuracy needs the model's per-class probabilities"),
                e.getMessage());
        assertThrows(IllegalStateException.class, () -> labelsOnly.mostConfidentMistakes(3));
        assertThrows(IllegalStateException.class, labelsOnly::probabilities);
        ClassificationEvaluation withProbabilities = ClassificationEvaluation.of(ACTUAL, PROBABILITIES, NAMES);
        assertMessage("k must be at least 1, got 0", () -> withProbabilities.topKAccuracy(0));
    }

    @Test
    void mistakesListedInExampleOrderAndByConfidence() {
        ClassificationEvaluation e = ClassificationEvaluation.of(ACTUAL, PROBABILITIES, NAMES);
        assertEquals(List.of(1, 3, 4), e.misclassifications().stream().map(Misclassification::index).toList());
        List<Misclassification> confident = e.mostConfidentMistakes(10);
        assertEquals(List.of(3, 1, 4), confident.stream().map(Misclassification::index).toList(),
                "0.9 first, then the two 0.6 in example order");
        Misclassification top = confident.get(0);
        assertEquals(new Misclassification(3, 2, "bird", 1, "dog", 0.9f, 0.05f), top);
        assertEquals("#3: true bird, predicted dog (confidence 0.900, true class 0.050)", top.toString());
        assertEquals(2, e.mostConfidentMistakes(2).size());
        assertEquals(List.of(4), e.misclassifications(1, 2).stream().map(Misclassification::index).toList());
        assertTrue(e.misclassifications(0, 0).isEmpty(), "the diagonal holds no mistakes");
        assertMessage("predicted class 3 is outside 0..2", () -> e.misclassifications(0, 3));
        assertMessage("limit must be 0 or more", () -> e.mostConfidentMistakes(-1));
    }

    @Test
    void labelOnlyMistakesHaveNoConfidence() {
        ClassificationEvaluation e = ClassificationEvaluation.of(ACTUAL, new int[] {0, 0, 2, 1, 2, 0}, NAMES);
        Misclassification m = e.misclassifications().get(0);
        assertFalse(m.hasProbabilities());
        assertEquals("#1: true dog, predicted cat", m.toString());
        assertEquals(List.of("index", "true", "predicted"), Misclassification.toTable(e.misclassifications())
                .columnNames());
    }

    @Test
    void perClassNumbersComeFromTheReport() {
        ClassificationEvaluation e = ClassificationEvaluation.of(ACTUAL, PROBABILITIES, NAMES);
        // predicted cat 3 times (2 right), dog once (0 right), bird twice (1 right)
        assertEquals(2.0 / 3, e.precision(0), 1e-15);
        assertEquals(1.0, e.recall(0));
        assertEquals(0.0, e.precision(1));
        assertEquals(0.5, e.f1(2), 1e-15);
        assertEquals(2, e.support(2));
        assertEquals((2.0 / 3 + 0 + 0.5) / 3, e.macroAverage().precision(), 1e-15);
        assertEquals(e.classificationReport().weightedAverage(), e.weightedAverage());
        assertEquals(4, e.classificationReport(4).digits());
    }

    @Test
    void predictionsTableHasOneRowPerExample() {
        ClassificationEvaluation e = ClassificationEvaluation.of(ACTUAL, PROBABILITIES, NAMES);
        Table table = e.predictionsTable();
        assertEquals(List.of("index", "true", "predicted", "correct", "confidence", "true class probability"),
                table.columnNames());
        assertEquals(6, table.rowCount());
        assertEquals("bird", table.stringColumn("true").get(3));
        assertEquals("dog", table.stringColumn("predicted").get(3));
        assertFalse(table.booleanColumn("correct").get(3));
        assertTrue(table.booleanColumn("correct").get(0));
        assertEquals(0.9f, table.doubleColumn("confidence").getDouble(3), 0.0);
        assertEquals(0.05f, table.doubleColumn("true class probability").getDouble(3), 0.0);
        Table mistakes = Misclassification.toTable(e.mostConfidentMistakes(3));
        assertEquals(List.of(3, 1, 4), mistakes.intColumn("index").asList());
        assertEquals(0.9f, mistakes.doubleColumn("confidence").getDouble(0), 0.0);
        assertEquals(e.classificationReport().toTable().columnNames(), e.toTable().columnNames());
    }

    @Test
    void textSummaryShowsEverySection() {
        String text = ClassificationEvaluation.of(ACTUAL, PROBABILITIES, NAMES).withDescription("toy model").toString();
        assertTrue(text.startsWith("toy model: 6 examples, 3 classes\naccuracy 0.5000 (3 of 6 correct)\n\n"), text);
        assertTrue(text.contains(ClassificationReport.of(ConfusionMatrix.of(ACTUAL, new int[] {0, 0, 2, 1, 2, 0},
                NAMES)).toString()), "contains the classification report:\n" + text);
        assertTrue(text.contains("true \\ predicted  cat  dog bird\n"), text);
        assertTrue(text.contains("Most confused (true -> predicted):\n  dog -> cat: 1 (50.0% of dog)\n"), text);
        assertTrue(text.contains("Most confident mistakes:\n  #3: true bird, predicted dog (confidence 0.900"), text);
    }

    @Test
    void textSummaryOfManyClassesLeavesOutTheMatrixAndMentionsTopFive() {
        int n = 21;
        int[] actual = new int[n];
        float[][] probabilities = new float[n][n];
        for (int i = 0; i < n; i++) {
            actual[i] = i;
            java.util.Arrays.fill(probabilities[i], 0.001f);
            probabilities[i][(i + 1) % n] = 0.9f;
            probabilities[i][i] = 0f;
        }
        String text = ClassificationEvaluation.of(actual, probabilities, ImageDataset.numberedClasses(n)).toString();
        assertTrue(text.contains("accuracy 0.0000 (0 of 21 correct), top-3 0.0000, top-5 0.0000"), text);
        assertTrue(text.contains("The confusion matrix of 21 classes is too wide for text"), text);
        assertFalse(text.contains("true \\ predicted"), text);
    }

    @Test
    void htmlEscapesDescriptionAndClassNames() {
        String html = ClassificationEvaluation.of(new int[] {0, 1}, new float[][] {{0.4f, 0.6f}, {0.1f, 0.9f}},
                List.of("<i>cat</i>", "dog & \"fox\"")).withDescription("<script>x</script>").toHtml();
        assertFalse(html.contains("<script>"), html);
        assertFalse(html.contains("<i>"), html);
        assertTrue(html.contains("&lt;script&gt;x&lt;/script&gt;: 2 examples, 2 classes"), html);
        assertTrue(html.contains("<li>&lt;i&gt;cat&lt;/i&gt; &rarr; dog &amp; &quot;fox&quot;: 1 (100.0%)</li>"), html);
        assertTrue(html.contains("<td>&lt;i&gt;cat&lt;/i&gt;</td><td>dog &amp; &quot;fox&quot;</td>"), html);
        assertTrue(html.startsWith("<div class=\"lenetlab-evaluation\">") && html.endsWith("</div>\n"), html);
    }

    @Test
    void indArrayAndFloatArraysGiveTheSameEvaluation() {
        ClassificationEvaluation fromArray = ClassificationEvaluation.of(ACTUAL, Nd4j.create(PROBABILITIES), NAMES);
        ClassificationEvaluation fromFloats = ClassificationEvaluation.of(ACTUAL, PROBABILITIES, NAMES);
        assertArrayEquals(fromFloats.predicted(), fromArray.predicted());
        assertEquals(fromFloats.topKAccuracy(2), fromArray.topKAccuracy(2));
        assertEquals(fromFloats.classificationReport().toString(), fromArray.classificationReport().toString());
        assertMessage("probabilities have shape [6, 3, 1] but must be a matrix [examples, classes]",
                () -> ClassificationEvaluation.of(ACTUAL, Nd4j.create(PROBABILITIES).reshape(6, 3, 1), NAMES));
    }

    @Test
    void inputsAreCopied() {
        int[] actual = ACTUAL.clone();
        float[][] probabilities = {PROBABILITIES[0].clone(), PROBABILITIES[1].clone()};
        ClassificationEvaluation e = ClassificationEvaluation.of(new int[] {actual[0], actual[1]}, probabilities,
                NAMES);
        probabilities[0][0] = 0f;
        assertEquals(0.7f, e.probabilities()[0][0]);
        e.actual()[0] = 2;
        assertEquals(0, e.actual()[0]);
    }

    @Test
    void badInputIsRefusedWithClearMessages() {
        assertMessage("6 actual labels but 2 rows of probabilities",
                () -> ClassificationEvaluation.of(ACTUAL, new float[][] {{1, 0, 0}, {1, 0, 0}}, NAMES));
        assertMessage("probabilities of example 1 have 2 values but there are 3 class names",
                () -> ClassificationEvaluation.of(new int[] {0, 1}, new float[][] {{1, 0, 0}, {1, 0}}, NAMES));
        assertMessage("probability of class 2 for example 0 is NaN",
                () -> ClassificationEvaluation.of(new int[] {0}, new float[][] {{0.5f, 0.5f, Float.NaN}}, NAMES));
        assertMessage("is 3.2, outside [0, 1]: pass probabilities (a softmax output), not raw scores",
                () -> ClassificationEvaluation.of(new int[] {0}, new float[][] {{3.2f, -1f, 0f}}, NAMES));
        assertMessage("actual label 5 of example 0 is outside 0..2",
                () -> ClassificationEvaluation.of(new int[] {5}, new float[][] {{1, 0, 0}}, NAMES));
        assertMessage("no examples to evaluate",
                () -> ClassificationEvaluation.of(new int[0], new float[0][], NAMES));
        assertMessage("2 actual labels but 1 predicted labels",
                () -> ClassificationEvaluation.of(new int[] {0, 1}, new int[] {0}, NAMES));
        assertMessage("probabilities are null",
                () -> ClassificationEvaluation.of(new int[] {0}, (float[][]) null, NAMES));
        assertMessage("class name 1 is null",
                () -> ClassificationEvaluation.of(new int[] {0}, new int[] {0}, java.util.Arrays.asList("a", null)));
    }
}
