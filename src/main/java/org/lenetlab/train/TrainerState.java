package org.lenetlab.train;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

/**
 * What a checkpoint remembers besides the network: where the run stands and everything needed to continue it
 * exactly.
 *
 * @param epochsCompleted  last epoch whose model is saved
 * @param seed             the run's seed
 * @param finished         {@code "early stopping"} when early stopping ended the run, else {@code null}
 * @param plateauRate      the rate reduce-LR-on-plateau manages (the base rate until it first reduces); the
 *                         rate of epoch {@code e} is {@code plateauRate × schedule.multiplier(e)}
 * @param referenceLoss    the divergence guard's loss reference (first batch loss)
 * @param referenceWeight  the divergence guard's weight reference (largest |w| before training)
 * @param modelFile        file name of the model with updater state, inside the checkpoint directory
 * @param bestWeightsFile  file name of the best weights (restore-best-weights), or {@code null}
 * @param bestWeightsEpoch epoch of those weights, or 0
 * @param earlyStopping    early-stopping state, or {@code null} when off
 * @param plateau          reduce-LR-on-plateau state, or {@code null} when off
 * @param fingerprint      the settings, data and network the run was started with
 * @param history          epochs so far
 */
record TrainerState(int epochsCompleted, long seed, String finished, double plateauRate, double referenceLoss,
                    double referenceWeight, String modelFile, String bestWeightsFile, int bestWeightsEpoch,
                    EarlyStopping.State earlyStopping, ReduceLrOnPlateau.State plateau,
                    Map<String, String> fingerprint, History history) {
    static final String FORMAT = "lenetlab-trainer-state";
    static final int VERSION = 1;

    TrainerState withFiles(String model, String bestWeights) {
        return new TrainerState(epochsCompleted, seed, finished, plateauRate, referenceLoss, referenceWeight, model,
                bestWeights,
                bestWeightsEpoch, earlyStopping, plateau, fingerprint, history);
    }

    String toJson() {
        ObjectNode root = Json.object();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("epochs_completed", epochsCompleted);
        root.put("seed", seed);
        root.put("finished", finished);
        Json.putDouble(root, "plateau_rate", plateauRate);
        Json.putDouble(root, "reference_loss", referenceLoss);
        Json.putDouble(root, "reference_weight", referenceWeight);
        root.put("model_file", modelFile);
        root.put("best_weights_file", bestWeightsFile);
        root.put("best_weights_epoch", bestWeightsEpoch);
        if (earlyStopping == null) {
            root.putNull("early_stopping");
        } else {
            ObjectNode es = root.putObject("early_stopping");
            Json.putDouble(es, "best", earlyStopping.best());
            es.put("best_epoch", earlyStopping.bestEpoch());
            es.put("wait", earlyStopping.waitCount());
            es.put("stopped_epoch", earlyStopping.stoppedEpoch());
        }
        if (plateau == null) {
            root.putNull("reduce_lr_on_plateau");
        } else {
            ObjectNode p = root.putObject("reduce_lr_on_plateau");
            Json.putDouble(p, "best", plateau.best());
            p.put("wait", plateau.waitCount());
            p.put("cooldown_counter", plateau.cooldownCounter());
        }
        ObjectNode f = root.putObject("fingerprint");
        fingerprint.forEach(f::put);
        root.set("history", history.toJsonNode());
        return Json.write(root);
    }

    static TrainerState fromJson(String text, String origin) throws IOException {
        JsonNode root = Json.parse(text, origin);
        if (!FORMAT.equals(root.path("format").asText())) {
            throw new IOException(origin + " is not a LeNet Lab trainer state (its \"format\" is not \"" + FORMAT
                    + "\")");
        }
        int version = Json.getInt(root, "version", origin);
        if (version != VERSION) {
            throw new IOException(origin + " is a version " + version + " trainer state; this LeNet Lab reads version "
                    + VERSION + " (update LeNet Lab)");
        }
        EarlyStopping.State es = null;
        JsonNode esNode = Json.required(root, "early_stopping", origin);
        if (!esNode.isNull()) {
            String where = origin + " early_stopping";
            es = new EarlyStopping.State(Json.getDouble(esNode, "best", where),
                    Json.getInt(esNode, "best_epoch", where), Json.getInt(esNode, "wait", where),
                    Json.getInt(esNode, "stopped_epoch", where));
        }
        ReduceLrOnPlateau.State plateau = null;
        JsonNode pNode = Json.required(root, "reduce_lr_on_plateau", origin);
        if (!pNode.isNull()) {
            String where = origin + " reduce_lr_on_plateau";
            plateau = new ReduceLrOnPlateau.State(Json.getDouble(pNode, "best", where),
                    Json.getInt(pNode, "wait", where), Json.getInt(pNode, "cooldown_counter", where));
        }
        Map<String, String> fingerprint = new LinkedHashMap<>();
        JsonNode fNode = Json.required(root, "fingerprint", origin);
        var fields = fNode.fields();
        while (fields.hasNext()) {
            var e = fields.next();
            fingerprint.put(e.getKey(), e.getValue().asText());
        }
        return new TrainerState(Json.getInt(root, "epochs_completed", origin), Json.getLong(root, "seed", origin),
                Json.getText(root, "finished", origin), Json.getDouble(root, "plateau_rate", origin),
                Json.getDouble(root, "reference_loss", origin), Json.getDouble(root, "reference_weight", origin),
                Json.getText(root, "model_file", origin),
                Json.getText(root, "best_weights_file", origin), Json.getInt(root, "best_weights_epoch", origin), es,
                plateau, fingerprint,
                History.fromJsonNode(Json.required(root, "history", origin), origin + " history"));
    }
}
