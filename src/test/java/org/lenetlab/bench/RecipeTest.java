package org.lenetlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.lenetlab.train.LearningRateSchedule;
import org.lenetlab.train.Optimizer;

class RecipeTest {

    @Test
    void nesterovStepIsSgdWithNesterovMomentumHalvedEveryFiveEpochs() {
        Recipe r = Recipe.of("nesterov-step");
        assertEquals(Optimizer.Kind.SGD_MOMENTUM, r.optimizer().kind());
        assertEquals(0.05, r.optimizer().learningRate());
        assertEquals(0.9, r.optimizer().momentum());
        double[] multipliers = {1, 1, 1, 1, 1, 0.5, 0.5, 0.5, 0.5, 0.5, 0.25};
        for (int epoch = 1; epoch <= multipliers.length; epoch++) {
            assertEquals(multipliers[epoch - 1], r.schedule().multiplier(epoch), 1e-12, "epoch " + epoch);
        }
    }

    @Test
    void adamIsTheOneEpochBenchmarksRecipe() {
        Recipe r = Recipe.of("ADAM");
        assertEquals(Recipe.ADAM, r);
        assertEquals(Optimizer.adam(1e-3), r.optimizer());
        assertEquals(LearningRateSchedule.constant(), r.schedule());
    }

    @Test
    void anUnknownRecipeIsNamedWithTheOnesThereAre() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Recipe.of("sgd"));
        assertTrue(e.getMessage().contains("'sgd'") && e.getMessage().contains("adam, nesterov-step"),
                e.getMessage());
    }

    @Test
    void thePeerScriptKnowsTheSameRecipes() throws IOException {
        String script;
        try (InputStream in = Recipe.class.getResourceAsStream("lenet_peer.py")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Matcher m = Pattern.compile("RECIPES = \\{(.*?)}").matcher(script);
        assertTrue(m.find(), "lenet_peer.py has no RECIPES table");
        Set<String> peer = new TreeSet<>();
        Matcher key = Pattern.compile("\"([a-z-]+)\":").matcher(m.group(1));
        while (key.find()) {
            peer.add(key.group(1));
        }
        assertEquals(Arrays.stream(Recipe.values()).map(Recipe::id).collect(Collectors.toCollection(TreeSet::new)),
                peer);
    }
}
