package io.vectrade.signal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SignalWriterTest {
    @TempDir
    Path dir;

    @Test
    void csvAndJsonLinesMatchGoldenText() throws IOException {
        SignalFrame f = SignalFrame.allocate(2, 2);
        SignalChain.parse("rank(top=1,bottom=1)").apply(new double[] {0.2, 0.8, 0.9, Double.NaN}, null, f);
        long[] ts = {1704153600000L, 1704240000000L};
        List<Signal> all = SignalWriter.signals(f, ts, List.of("AAA", "B,B"), 0, 2, false);
        assertThat(all).hasSize(4);
        List<Signal> nonFlat = SignalWriter.signals(f, ts, List.of("AAA", "B,B"), 0, 2, true);
        // bar 1 has one finite score: it goes long (short gets min(bottom, m / 2) = 0)
        assertThat(nonFlat).hasSize(3);

        Path csv = dir.resolve("out/signals.csv");
        SignalWriter.write(csv, SignalWriter.Format.forPath(csv), all);
        assertThat(Files.readString(csv)).isEqualTo("""
                timestamp,symbol,side,strength,weight
                2024-01-02,AAA,short,1.0,-1.0
                2024-01-02,"B,B",long,1.0,1.0
                2024-01-03,AAA,long,1.0,1.0
                2024-01-03,"B,B",flat,0.0,0.0
                """);
        Path jsonl = dir.resolve("signals.jsonl");
        SignalWriter.write(jsonl, SignalWriter.Format.forPath(jsonl), nonFlat);
        assertThat(Files.readString(jsonl)).isEqualTo("""
                {"timestamp":"2024-01-02","timestamp_ms":1704153600000,"symbol":"AAA","side":"short","strength":1.0,"weight":-1.0}
                {"timestamp":"2024-01-02","timestamp_ms":1704153600000,"symbol":"B,B","side":"long","strength":1.0,"weight":1.0}
                {"timestamp":"2024-01-03","timestamp_ms":1704240000000,"symbol":"AAA","side":"long","strength":1.0,"weight":1.0}
                """);
        // no temporary files left behind
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("out", "signals.jsonl");
        }
        assertThat(Signal.parseSide("LONG")).isEqualTo(SignalFrame.LONG);
    }
}
