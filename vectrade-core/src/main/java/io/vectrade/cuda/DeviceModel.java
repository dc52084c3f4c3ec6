package io.vectrade.cuda;

import io.vectrade.model.DenseLayer;
import io.vectrade.model.Model;

import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * A {@link Model} on the device: its parameters (mean, std, then each layer's weights and bias,
 * in the engine precision) and layer table ({inputs, outputs, activation} per layer), uploaded
 * once, and the model kernel that runs it: {@code vt_predict<W>_<precision>} with the smallest
 * W of 16, 64, 256 that holds the widest layer (the kernel keeps W activations per thread).
 * Owner thread only.
 */
final class DeviceModel {
    private static final int[] WIDTHS = {16, 64, 256};

    private final DeviceMemory memory;
    /** The kernel's name. */
    final String kernel;
    /** Device pointers of the parameters and the layer table. */
    final long params;
    final long layerTable;
    final int layers;
    final int inputs;

    /**
     * Uploads {@code model} on {@code stream} and waits for the copies.
     *
     * @throws IllegalArgumentException when a layer is wider than 256
     */
    DeviceModel(DeviceMemory memory, CudaFeatureEngine.Precision precision, Model model, long stream) {
        this.memory = memory;
        int width = Math.max(model.maxWidth(), model.inputs());
        int w = 0;
        for (int candidate : WIDTHS) {
            if (width <= candidate) {
                w = candidate;
                break;
            }
        }
        if (w == 0) {
            throw new IllegalArgumentException("the cuda model supports layers up to " + WIDTHS[WIDTHS.length - 1]
                    + " wide, width=" + width);
        }
        this.kernel = "vt_predict" + w + "_" + precision.suffix;
        this.layers = model.layers().size();
        this.inputs = model.inputs();
        long count = 2L * inputs;
        for (DenseLayer d : model.layers()) {
            count += (long) d.inputs() * d.outputs() + d.outputs();
        }
        long paramBytes = count * precision.bytes;
        MemorySegment host = memory.allocHost(paramBytes + 12L * layers);
        long k = 0;
        k = put(host, k, model.mean(), precision);
        k = put(host, k, model.std(), precision);
        for (DenseLayer d : model.layers()) {
            k = put(host, k, d.weights(), precision);
            k = put(host, k, d.bias(), precision);
        }
        for (int l = 0; l < layers; l++) {
            DenseLayer d = model.layers().get(l);
            host.set(JAVA_INT, paramBytes + 12L * l, d.inputs());
            host.set(JAVA_INT, paramBytes + 12L * l + 4, d.outputs());
            host.set(JAVA_INT, paramBytes + 12L * l + 8, d.activation().ordinal());
        }
        long p = 0;
        long t = 0;
        try {
            p = memory.alloc(paramBytes);
            t = memory.alloc(12L * layers);
            DeviceApi device = memory.device();
            device.copyToDevice(p, host, paramBytes, stream);
            device.copyToDevice(t, host.asSlice(paramBytes), 12L * layers, stream);
            device.synchronize(stream);
        } catch (RuntimeException | Error e) {
            memory.free(p);
            memory.free(t);
            throw e;
        } finally {
            memory.freeHost(host);
        }
        this.params = p;
        this.layerTable = t;
    }

    /**
     * The column of {@code features} each model input reads; checks that every input is there and
     * that {@code volatilityColumn} is -1 or a column of the set (before anything is allocated).
     *
     * @throws IllegalArgumentException naming the missing input or the bad column
     */
    static int[] inputColumns(Model model, io.vectrade.feature.FeatureSet features, int volatilityColumn) {
        int[] columns = new int[model.inputs()];
        for (int f = 0; f < columns.length; f++) {
            String name = model.featureColumns().get(f);
            columns[f] = features.columnIndex(name);
            if (columns[f] < 0) {
                throw new IllegalArgumentException("the feature set lacks a model input, input=" + name
                        + " features=" + features.columnNames());
            }
        }
        if (volatilityColumn < -1 || volatilityColumn >= features.columns()) {
            throw new IllegalArgumentException("volatility column out of range, volatilityColumn=" + volatilityColumn
                    + " columns=" + features.columns());
        }
        return columns;
    }

    private static long put(MemorySegment host, long k, double[] values, CudaFeatureEngine.Precision precision) {
        for (double v : values) {
            if (precision == CudaFeatureEngine.Precision.DOUBLE) {
                host.setAtIndex(JAVA_DOUBLE, k++, v);
            } else {
                host.setAtIndex(JAVA_FLOAT, k++, (float) v);
            }
        }
        return k;
    }

    /**
     * The model kernel's arguments for rows {@code [from, to)}: {@code columnTable} holds the device
     * pointers of the model's input columns, scores go to {@code scores}.
     */
    Object[] arguments(long columnTable, long scores, long from, long to) {
        return new Object[] {columnTable, inputs, params, layerTable, layers, scores, from, to};
    }

    void free() {
        memory.free(params);
        memory.free(layerTable);
    }
}
