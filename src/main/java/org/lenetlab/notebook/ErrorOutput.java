package org.lenetlab.notebook;

import java.util.List;
import java.util.Objects;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * Why a cell failed.
 *
 * @param ename     the error's name (the exception class)
 * @param evalue    its message
 * @param traceback the lines to show
 */
public record ErrorOutput(String ename, String evalue, List<String> traceback) implements Output {

    /** Copies the traceback. */
    public ErrorOutput {
        Objects.requireNonNull(ename, "ename");
        evalue = evalue == null ? "" : evalue;
        traceback = List.copyOf(traceback);
    }

    @Override
    public String outputType() {
        return "error";
    }

    @Override
    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("output_type", outputType());
        json.addProperty("ename", ename);
        json.addProperty("evalue", evalue);
        JsonArray lines = new JsonArray();
        traceback.forEach(lines::add);
        json.add("traceback", lines);
        return json;
    }
}
