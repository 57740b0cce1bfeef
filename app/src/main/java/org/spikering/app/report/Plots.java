package org.spikering.app.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PNG plots (XChart), written atomically. Runs headless.
 */
public final class Plots {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 520;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Plots() {
    }

    /** One named line of a line chart. */
    public record Series(String name, double[] x, double[] y) {
        /** Validates that x and y have the same length. */
        public Series {
            if (x.length != y.length) {
                throw new IllegalArgumentException("series '" + name + "': x has " + x.length
                        + " points, y has " + y.length);
            }
        }
    }

    /**
     * @param title  chart title.
     * @param xLabel x axis title (with unit).
     * @param yLabel y axis title (with unit).
     * @param series the lines.
     * @return a line chart, ready to be customised or saved with {@link #savePng}.
     */
    public static XYChart lineChart(final String title, final String xLabel, final String yLabel,
                                    final Series... series) {
        final XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setLegendVisible(series.length > 1);
        chart.getStyler().setMarkerSize(0);
        for (Series s : series) {
            final XYSeries xy = chart.addSeries(s.name(), s.x(), s.y());
            xy.setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }

    /**
     * A spike raster: one dot per spike.
     *
     * @param title   chart title.
     * @param timesMs spike times in ms.
     * @param neurons neuron ids of the spikes.
     * @param count   number of spikes to draw (a prefix of the arrays).
     * @return a scatter chart.
     */
    public static XYChart raster(final String title, final double[] timesMs, final double[] neurons, final int count) {
        final XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(title).xAxisTitle("time (ms)").yAxisTitle("neuron").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setMarkerSize(2);
        final double[] x = java.util.Arrays.copyOf(timesMs, Math.max(count, 1));
        final double[] y = java.util.Arrays.copyOf(neurons, Math.max(count, 1));
        if (count == 0) {
            x[0] = Double.NaN;
            y[0] = Double.NaN;
        }
        final XYSeries s = chart.addSeries("spikes", x, y);
        s.setMarker(SeriesMarkers.CIRCLE);
        return chart;
    }

    /**
     * Saves a chart as PNG, atomically.
     *
     * @param chart  the chart.
     * @param target the file (should end in {@code .png}).
     */
    public static void savePng(final XYChart chart, final Path target) {
        try {
            AtomicFiles.writeBytes(target, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render " + target + ": " + e.getMessage(), e);
        }
    }
}
