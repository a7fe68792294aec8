package org.lenetlab.notebook;

import java.util.Locale;

/** The three kinds of notebook cell. */
public enum CellType {
    /** Code the kernel runs; has outputs and an execution count. */
    CODE,
    /** Prose in Markdown (with LaTeX math between dollar signs). */
    MARKDOWN,
    /** Text passed through untouched by every tool. */
    RAW;

    /** @return the {@code cell_type} string in the notebook file: {@code code}, {@code markdown} or {@code raw} */
    public String jupyterName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param name a {@code cell_type} value
     * @return the cell type, or {@code null} if {@code name} is none of the three
     */
    static CellType fromJupyterName(String name) {
        for (CellType type : values()) {
            if (type.jupyterName().equals(name)) {
                return type;
            }
        }
        return null;
    }
}
