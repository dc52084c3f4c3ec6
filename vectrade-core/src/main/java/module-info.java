/**
 * vectrade-core: the library a trading system embeds. Market data ({@code data}) becomes features
 * ({@code feature}, batch and {@code feature.stream}), model scores ({@code model}) and trading
 * signals ({@code signal}), in batch or live ({@code pipeline}), on the backend chosen in one place
 * ({@code pipeline.Backends}: cpu, simd, cuda, auto).
 *
 * <p>The exported packages are the API; the backends' implementations ({@code feature.cpu},
 * {@code feature.simd}, {@code cuda}), the thread pools ({@code parallel}), the kernels' exact
 * arithmetic shortcuts ({@code numeric}), the file helpers ({@code io}) and the JFR events
 * ({@code events}, read by name by a recording) stay inside.
 */
module io.vectrade.core {
    requires jdk.incubator.vector;
    requires jdk.jfr;
    requires jdk.management;
    requires com.fasterxml.jackson.databind;
    requires ejml.ddense;
    requires ejml.core;

    exports io.vectrade.backend;
    exports io.vectrade.backtest;
    exports io.vectrade.evaluation;
    exports io.vectrade.data;
    exports io.vectrade.data.csv;
    exports io.vectrade.feature;
    exports io.vectrade.feature.stream;
    exports io.vectrade.model;
    exports io.vectrade.model.train;
    exports io.vectrade.signal;
    exports io.vectrade.pipeline;
    exports io.vectrade.live;

    // model types from other modules (vectrade-onnx: onnx), found by ModelIO
    uses io.vectrade.model.ModelTypeProvider;
    // live sources and sinks from other modules (vectrade-connectors: kafka), found by LiveConnectors
    uses io.vectrade.live.LiveConnector;

    // JFR instantiates and reads the event classes reflectively
    opens io.vectrade.events to jdk.jfr;
}
