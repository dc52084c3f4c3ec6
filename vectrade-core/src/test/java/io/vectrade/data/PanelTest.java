package io.vectrade.data;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PanelTest {
    /** 3 bars × 4 instruments; close of instrument i at bar t = 100 + 10 t + i, the rest derived. */
    private static Panel panel() {
        int n = 4;
        int bars = 3;
        double[][] c = new double[5][n * bars];
        for (int t = 0; t < bars; t++) {
            for (int i = 0; i < n; i++) {
                double close = 100 + 10 * t + i;
                c[0][t * n + i] = close - 0.5;
                c[1][t * n + i] = close + 1;
                c[2][t * n + i] = close - 1;
                c[3][t * n + i] = close;
                c[4][t * n + i] = 1000 + i;
            }
        }
        return Panel.of(List.of("A", "B", "C", "D"), new long[] {1, 2, 3}, c[0], c[1], c[2], c[3], c[4]);
    }

    @Test
    void viewsShareTheArraysAndIndexTimeMajor() {
        Panel p = panel();
        Panel view = p.instruments(1, 2).bars(1, 2);
        assertThat(view.instruments()).isEqualTo(2);
        assertThat(view.bars()).isEqualTo(2);
        assertThat(view.symbols()).containsExactly("B", "C");
        assertThat(view.timestampsMillis()).containsExactly(2, 3);
        assertThat(view.close(0, 0)).isEqualTo(111);
        assertThat(view.close(1, 1)).isEqualTo(122);
        assertThat(view.closeColumn()).isSameAs(p.closeColumn());
        assertThat(view.isDense()).isFalse();
        Panel compact = view.compact();
        assertThat(compact.isDense()).isTrue();
        assertThat(compact.closeColumn()).containsExactly(111, 112, 121, 122);
    }

    @Test
    void copyBarCopiesOneTickOfAView() {
        Panel view = panel().instruments(2, 2);
        double[][] bar = new double[5][2];
        view.copyBar(2, bar[0], bar[1], bar[2], bar[3], bar[4]);
        assertThat(bar[3]).containsExactly(122, 123);
        assertThat(bar[1]).containsExactly(123, 124);
        assertThat(bar[4]).containsExactly(1002, 1003);
    }

    @Test
    void timestampsMustIncrease() {
        double[] z = new double[2];
        assertThatThrownBy(() -> Panel.of(List.of("A"), new long[] {5, 5}, z, z, z, z, z))
                .hasMessageContaining("strictly increasing, index=1");
    }
}
