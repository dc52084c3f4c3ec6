package io.vectrade.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The options several commands share have one definition: the same defaults and help everywhere. */
class SharedOptionsTest {

    private static OptionSpec option(String command, String name) {
        return VectradeCli.commandLine().getSubcommands().get(command).getCommandSpec().findOption(name);
    }

    @Test
    void backendModelPolicyAndDataAreTheSameInEveryCommand() {
        for (String c : List.of("features", "run", "live", "profile")) {
            assertThat(option(c, "--backend").defaultValue()).as(c).isEqualTo("auto");
            assertThat(option(c, "--synthetic").description()).as(c)
                    .isEqualTo(option("run", "--synthetic").description());
        }
        for (String c : List.of("run", "live", "profile")) {
            assertThat(option(c, "--model").defaultValue()).as(c).isEqualTo("default");
            assertThat(option(c, "--policy").description()).as(c).isEqualTo(option("run", "--policy").description());
        }
    }

    /** picocli formats descriptions with String.format: a bare '%' prints a warning (three times) above the help. */
    @Test
    void everyCommandsHelpFormatsWithoutWarnings() {
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream caught = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(caught, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            CommandLine root = VectradeCli.commandLine();
            assertThat(root.getUsageMessage()).isNotEmpty();
            for (var e : root.getSubcommands().entrySet()) {
                assertThat(e.getValue().getUsageMessage()).as(e.getKey()).contains("Usage: vectrade " + e.getKey());
            }
        } finally {
            System.setErr(err);
        }
        assertThat(caught.toString(java.nio.charset.StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void theDefaultPolicyIsTheBenchsForAPanelAndThresholdForAFewInstruments() {
        assertThat(PolicyOption.defaultPolicy(100)).isEqualTo(io.vectrade.bench.BenchModel.DEFAULT_POLICY);
        assertThat(PolicyOption.defaultPolicy(3)).isEqualTo("threshold");
        assertThat(new CommandLine(new RunCommand()).getCommandSpec().findOption("--policy").description()[0])
                .contains(io.vectrade.bench.BenchModel.DEFAULT_POLICY);
    }
}
