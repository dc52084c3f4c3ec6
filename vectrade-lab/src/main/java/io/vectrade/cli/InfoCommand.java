package io.vectrade.cli;

import io.vectrade.backend.Backend;
import io.vectrade.bench.BuildInfo;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import picocli.CommandLine.Command;

import java.io.PrintStream;

/** {@code vectrade info}: Java version, SIMD width, cores and the backends this machine can run. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show the Java version, SIMD width, cores, GPU and the backends available.")
final class InfoCommand implements Runnable {
    @Override
    public void run() {
        PrintStream out = System.out;
        Runtime rt = Runtime.getRuntime();
        out.printf("vectrade      %s%n", new VersionProvider().getVersion()[0]);
        out.printf("build         commit %s%n", BuildInfo.current().describe());
        out.printf("java          %s (%s %s)%n", Runtime.version(),
                System.getProperty("java.vm.vendor"), System.getProperty("java.vm.name"));
        out.printf("os            %s %s %s%n", System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("os.arch"));
        out.printf("cores         %d%n", rt.availableProcessors());
        out.printf("max heap      %d MiB%n", rt.maxMemory() >> 20);
        out.printf("simd          %d-bit vectors: %d doubles, %d floats per vector%n",
                DoubleVector.SPECIES_PREFERRED.vectorBitSize(),
                DoubleVector.SPECIES_PREFERRED.length(), FloatVector.SPECIES_PREFERRED.length());
        out.printf("backends      %s (reference), %s (vector API x %d threads)%n",
                Backend.CPU.id(), Backend.SIMD.id(), rt.availableProcessors());
        out.printf("gpu           %s%n", io.vectrade.pipeline.Backends.status(Backend.CUDA).describe());
        out.printf("nvml          %s%n", io.vectrade.gpu.GpuSampler.probe().line());
    }
}
