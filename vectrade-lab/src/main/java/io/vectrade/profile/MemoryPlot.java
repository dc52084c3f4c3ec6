package io.vectrade.profile;

import io.vectrade.io.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Heap, off-heap and device memory over time as a PNG. */
public final class MemoryPlot {
    private MemoryPlot() {
    }

    public static void write(ProfileAnalysis a, Path png) throws IOException {
        List<ProfileAnalysis.MemoryPoint> pts = a.memory();
        if (pts.isEmpty()) {
            throw new IOException("the recording has no memory samples, file=" + png);
        }
        int n = pts.size();
        double[] x = new double[n];
        double[] heap = new double[n];
        double[] off = new double[n];
        double[] dev = new double[n];
        for (int k = 0; k < n; k++) {
            ProfileAnalysis.MemoryPoint p = pts.get(k);
            x[k] = p.nanos() / 1e6;
            heap[k] = p.heap() / 1048576.0;
            off[k] = p.offHeap() / 1048576.0;
            dev[k] = p.device() / 1048576.0;
        }
        XYChart chart = new XYChartBuilder().width(900).height(500).title("Memory over time")
                .xAxisTitle("time (ms)").yAxisTitle("MiB").build();
        chart.getStyler().setMarkerSize(0);
        chart.addSeries("heap used", x, heap);
        chart.addSeries("off-heap (NIO buffers)", x, off);
        chart.addSeries("device (vectrade allocations)", x, dev);
        AtomicFiles.writeBytes(png, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }
}
