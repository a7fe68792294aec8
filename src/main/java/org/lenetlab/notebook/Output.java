package org.lenetlab.notebook;

import com.google.gson.JsonObject;

/**
 * One output of a code cell, as nbformat 4 defines them: {@link StreamOutput}, {@link DisplayOutput},
 * {@link ExecuteResultOutput} and {@link ErrorOutput}.
 */
public sealed interface Output permits StreamOutput, DisplayOutput, ExecuteResultOutput, ErrorOutput {

    /** @return the {@code output_type} in the notebook file */
    String outputType();

    /** @return the output as written to the notebook file */
    JsonObject toJson();
}
