/**
 * Jupyter notebooks without Python: the nbformat 4 model ({@link org.lenetlab.notebook.Notebook}, read and written
 * as Jupyter writes it), the headless {@link org.lenetlab.notebook.NotebookRunner} that executes a notebook's code
 * cells on a {@link org.lenetlab.kernel.CellExecutor} and saves the executed notebook, and the self-contained HTML
 * export ({@link org.lenetlab.notebook.NotebookHtml}, {@link org.lenetlab.notebook.RunIndex}) behind
 * {@code ./lenet run}.
 */
package org.lenetlab.notebook;
