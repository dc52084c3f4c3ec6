package io.vectrade.parquet.jmh;

import io.vectrade.data.Panel;
import io.vectrade.data.SyntheticMarket;
import io.vectrade.data.csv.BarCsvReader;
import io.vectrade.data.csv.BarReadOptions;
import io.vectrade.data.csv.PanelCsvWriter;
import io.vectrade.parquet.ParquetBarReader;
import io.vectrade.parquet.PanelParquetWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Reading panel-daily (1,000 instruments × 2,520 daily bars, 2.52 million bars, the long layout
 * symbol,timestamp,OHLCV) into a {@link Panel}: from the CSV that {@link PanelCsvWriter} writes
 * (148 MB) and from the same bars as Parquet (snappy; {@link PanelParquetWriter}). Both produce
 * the identical panel (checked in setup); the file is in the page cache after the first read.
 *
 * <pre>scripts/jmh-parquet --name panel-read PanelReadBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 8)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
public class PanelReadBenchmark {
    private Path dir;
    private Path csv;
    private Path parquet;

    @Setup(Level.Trial)
    public void write() throws IOException {
        Panel market = SyntheticMarket.generate(SyntheticMarket.Shape.parse("1000x2520"), 77);
        dir = Files.createTempDirectory("vectrade-panel-read");
        csv = dir.resolve("panel-daily.csv");
        parquet = dir.resolve("panel-daily.parquet");
        PanelCsvWriter.write(market, csv);
        PanelParquetWriter.write(market, parquet);
        Panel a = BarCsvReader.read(csv);
        Panel b = ParquetBarReader.read(parquet, BarReadOptions.DEFAULTS);
        if (!java.util.Arrays.equals(a.timestampsMillis(), b.timestampsMillis()) || !a.symbols().equals(b.symbols())
                || a.close(2519, 999) != b.close(2519, 999)) {
            throw new IllegalStateException("the CSV and Parquet panels differ");
        }
        System.out.printf("%ncsv %d bytes, parquet %d bytes%n", Files.size(csv), Files.size(parquet));
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Benchmark
    public Panel csv() throws IOException {
        return BarCsvReader.read(csv);
    }

    @Benchmark
    public Panel parquet() throws IOException {
        return ParquetBarReader.read(parquet, BarReadOptions.DEFAULTS);
    }
}
