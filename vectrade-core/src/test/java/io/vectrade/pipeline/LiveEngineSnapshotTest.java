package io.vectrade.pipeline;

import io.vectrade.backend.Backend;
import io.vectrade.data.Panel;
import io.vectrade.feature.FeatureSet;
import io.vectrade.model.Model;
import io.vectrade.model.Models;
import io.vectrade.signal.SignalChain;
import io.vectrade.signal.SignalFrame;
import io.vectrade.testdata.RandomMarket;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A restored engine gives the same features, scores and signals, bit for bit, as one that never stopped. */
class LiveEngineSnapshotTest {
    static final String THRESHOLD = "threshold(long=0.502,exit=0.5,short=0.498,cover=0.5) | voltarget(target=0.1) | caps(max=0.5)";
    static final String RANK = "rank(top=5,bottom=5) | voltarget(target=0.1) | caps(max=0.1,gross=1,net=0.3)";

    static Stream<Arguments> cases() {
        Model standard = Models.benchmarkMlp(FeatureSet.standard().columnNames(), 1);
        return Stream.of(
                Arguments.of("default model, threshold, cpu", Models.defaultModel(), THRESHOLD, Backend.CPU, Backend.CPU, 137),
                Arguments.of("default model, rank, simd", Models.defaultModel(), RANK, Backend.SIMD, Backend.SIMD, 61),
                Arguments.of("mlp on every standard feature, threshold, simd", standard, THRESHOLD, Backend.SIMD,
                        Backend.SIMD, 250),
                Arguments.of("mlp on every standard feature, rank, during warm-up", standard, RANK, Backend.CPU, Backend.CPU, 9));
    }

    @ParameterizedTest(name = "{0} at tick {5}")
    @MethodSource("cases")
    void restoredEngineContinuesBitForBit(String name, Model model, String policy, Backend first, Backend second, int stopAt)
            throws Exception {
        Panel panel = RandomMarket.panel(23, 30, 400, 0.03);
        int n = panel.instruments();
        double[][] bar = new double[5][n];
        byte[] snapshot;
        try (LiveEngine never = LiveEngine.create(model, SignalChain.parse(policy), second, n);
             LiveEngine stopped = LiveEngine.create(model, SignalChain.parse(policy), first, n)) {
            for (int t = 0; t < stopAt; t++) {
                PipelineTestSupport.bar(panel, t, bar);
                never.onTick(bar[0], bar[1], bar[2], bar[3], bar[4]);
                stopped.onTick(bar[0], bar[1], bar[2], bar[3], bar[4]);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            stopped.snapshot(bytes);
            snapshot = bytes.toByteArray();
            try (LiveEngine restarted = LiveEngine.create(model, SignalChain.parse(policy), second, n)) {
                restarted.restore(new ByteArrayInputStream(snapshot));
                assertThat(restarted.ticks()).isEqualTo(stopAt);
                long nonFlat = 0;
                for (int t = stopAt; t < panel.bars(); t++) {
                    PipelineTestSupport.bar(panel, t, bar);
                    SignalFrame a = never.onTick(bar[0], bar[1], bar[2], bar[3], bar[4]);
                    SignalFrame b = restarted.onTick(bar[0], bar[1], bar[2], bar[3], bar[4]);
                    nonFlat += PipelineTestSupport.assertSameTickBitForBit(name + " t=" + t, never, a, restarted, b);
                }
                assertThat(nonFlat).as("the comparison means something only with positions").isPositive();
            }
            // a fresh engine that did not restore differs (the snapshot carries real state)
            if (stopAt > 60) {
                try (LiveEngine fresh = LiveEngine.create(model, SignalChain.parse(policy), second, n)) {
                    PipelineTestSupport.bar(panel, stopAt, bar);
                    fresh.onTick(bar[0], bar[1], bar[2], bar[3], bar[4]);
                    assertThat(Double.isNaN(fresh.scores()[0])).isTrue();
                }
            }
        }
    }

    /**
     * A cpu snapshot restores into a simd engine (same format); from then on the simd engine takes its
     * log returns with the vector LOG, so it agrees with a never-stopped simd engine within the simd
     * tolerance (ulps of a log return), not bit for bit.
     */
    @Test
    void aCpuSnapshotContinuesOnSimdWithinTheSimdTolerance() throws Exception {
        Model model = Models.defaultModel();
        Panel panel = RandomMarket.panel(29, 30, 300, 0.03);
        int n = panel.instruments();
        int stopAt = 137;
        double[][] bar = new double[5][n];
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (LiveEngine cpu = LiveEngine.create(model, SignalChain.parse(THRESHOLD), Backend.CPU, n);
             LiveEngine never = LiveEngine.create(model, SignalChain.parse(THRESHOLD), Backend.SIMD, n)) {
            for (int t = 0; t < stopAt; t++) {
                PipelineTestSupport.bar(panel, t, bar);
                cpu.onTick(bar[0], bar[1], bar[2], bar[3], bar[4]);
                never.onTick(bar[0], bar[1], bar[2], bar[3], bar[4]);
            }
            cpu.snapshot(bytes);
            try (LiveEngine restarted = LiveEngine.create(model, SignalChain.parse(THRESHOLD), Backend.SIMD, n)) {
                restarted.restore(new ByteArrayInputStream(bytes.toByteArray()));
                int finite = 0;
                for (int t = stopAt; t < panel.bars(); t++) {
                    PipelineTestSupport.bar(panel, t, bar);
                    never.onTick(bar[0], bar[1], bar[2], bar[3], bar[4]);
                    restarted.onTick(bar[0], bar[1], bar[2], bar[3], bar[4]);
                    for (int i = 0; i < n; i++) {
                        double want = never.scores()[i];
                        double got = restarted.scores()[i];
                        if (Double.isNaN(want)) {
                            assertThat(got).as("t=%d i=%d score", t, i).isNaN();
                            continue;
                        }
                        finite++;
                        assertThat(got).as("t=%d i=%d score", t, i)
                                .isCloseTo(want, org.assertj.core.data.Offset.offset(1e-9 * Math.max(1, Math.abs(want))));
                        for (int c = 0; c < never.featureSet().columns(); c++) {
                            double w = never.features().value(c, 0, i);
                            assertThat(restarted.features().value(c, 0, i)).as("t=%d i=%d feature %d", t, i, c)
                                    .isCloseTo(w, org.assertj.core.data.Offset.offset(1e-9 * Math.max(1, Math.abs(w))));
                        }
                    }
                }
                assertThat(finite).as("scores compared").isGreaterThan(1000);
            }
        }
    }

    @Test
    void aSnapshotOfOtherInstrumentsOrPolicyIsRefused() throws Exception {
        Model model = Models.defaultModel();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (LiveEngine a = LiveEngine.create(model, SignalChain.parse(THRESHOLD), Backend.CPU, 10)) {
            a.snapshot(bytes);
        }
        try (LiveEngine b = LiveEngine.create(model, SignalChain.parse(THRESHOLD), Backend.CPU, 11)) {
            assertThatThrownBy(() -> b.restore(new ByteArrayInputStream(bytes.toByteArray())))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("instruments=10");
        }
        try (LiveEngine c = LiveEngine.create(model, SignalChain.parse(RANK), Backend.CPU, 10)) {
            assertThatThrownBy(() -> c.restore(new ByteArrayInputStream(bytes.toByteArray())))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("snapshot of another policy");
            assertThatThrownBy(() -> c.restore(new ByteArrayInputStream(new byte[] {1, 2, 3, 4, 5, 6, 7, 8})))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a live engine snapshot");
        }
    }
}
