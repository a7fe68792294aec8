/**
 * Figures and report tables: training histories, confusion matrix heat maps, F1 against support, sample grids,
 * feature maps and learned filters, class distributions and parallel coordinates for sweeps, and a
 * {@link org.lenetlab.plot.ModelReport} that writes all of them for a trained model.
 *
 * <p>Every figure is a {@link org.lenetlab.plot.Figure}: one call builds it from library objects
 * ({@code HistoryChart.of(history)}, {@code ConfusionMatrixChart.of(evaluation)}, ...), and it exports itself to
 * PNG and SVG at any size ({@code toPng(path, width, height)}, {@code toSvg(...)}) or renders to a
 * {@link java.awt.image.BufferedImage} for a notebook. Charts are drawn with XChart; image grids (samples, feature
 * maps, filters) and the confusion matrix are drawn with Java2D, because they need per-cell text and layouts
 * XChart has no chart type for. Everything renders without a display ({@code java.awt.headless}) in DejaVu Sans
 * when installed (Debian {@code fonts-dejavu-core}), else in the JVM's logical {@code SansSerif} font
 * ({@link org.lenetlab.plot.FigureStyle}).
 *
 * <p>{@link org.lenetlab.plot.Tables} renders any Tablesaw table as aligned terminal text, as HTML and as CSV;
 * the evaluation, history, model summary and dataset statistics all provide theirs via {@code toTable()}.
 */
package org.lenetlab.plot;
