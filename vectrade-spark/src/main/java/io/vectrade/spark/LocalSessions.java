package io.vectrade.spark;

import org.apache.spark.sql.SparkSession;

import java.util.Map;

/**
 * Spark sessions the way vectrade runs them: UTC session time zone (dates of the output partitions are
 * UTC days), Parquet timestamps as INT64 microseconds (readable by every Parquet reader), java.time values in
 * collected rows (Instant, LocalDate), {@code file:} paths through {@link NioLocalFileSystem} (no process
 * forked per file written), no web UI, the
 * driver on the loopback interface in local mode. The JVM needs the flags of {@code scripts/jvm.properties}
 * and {@code scripts/spark-jvm.properties} (the launcher adds them).
 */
public final class LocalSessions {
    private LocalSessions() {
    }

    /** {@code option} when given, else the master spark-submit set ({@code spark.master}), else {@code local[*]}. */
    public static String master(String option) {
        return option != null ? option : System.getProperty("spark.master", "local[*]");
    }

    /** A session on {@code master} (e.g. {@code local[2]}), with extra settings (may be empty). */
    public static SparkSession start(String master, Map<String, String> settings) {
        SparkSession.Builder b = SparkSession.builder().appName("vectrade").master(master)
                .config("spark.ui.enabled", "false")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS")
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.sql.datetime.java8API.enabled", "true")
                .config("spark.hadoop.fs.file.impl", NioLocalFileSystem.class.getName());
        if (master.startsWith("local")) {
            b.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
        }
        settings.forEach(b::config);
        return b.getOrCreate();
    }
}
