package io.vectrade.bench;

import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

class MachineProbeTest {
    @Test
    void parsesNvidiaSmiOutput() {
        MachineInfo.Gpu g = MachineProbe.parseNvidiaSmi("NVIDIA H100 80GB HBM3, 550.54.15, 81559\nNVIDIA H100 80GB HBM3, 550.54.15, 81559\n");
        assertThat(g).isEqualTo(new MachineInfo.Gpu("NVIDIA H100 80GB HBM3", "550.54.15", 81559L * 1024 * 1024));
        assertThat(MachineProbe.parseNvidiaSmi("Tesla T4, 535.1, [N/A]").memoryBytes()).isEqualTo(-1);
        assertThat(MachineProbe.parseNvidiaSmi("")).isNull();
        assertThat(MachineProbe.parseNvidiaSmi("No devices were found")).isNull();
    }

    @Test
    void probeFillsTheBasics() {
        MachineInfo m = MachineProbe.probe();
        assertThat(m.cores()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(m.cpuModel()).isNotBlank();
        assertThat(m.simdBits()).isPositive();
        assertThat(m.jvmVersion()).contains(Runtime.version().toString());
        assertThat(m.time()).endsWith("Z");
    }
}
