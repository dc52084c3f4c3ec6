package io.vectrade.model.train;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Metrics against hand-worked values. */
class MetricsTest {

    @Test
    void aucOfPerfectReversedAndTiedScores() {
        boolean[] up = {false, false, true, true};
        assertThat(Metrics.auc(new double[] {0.1, 0.2, 0.8, 0.9}, up, 4)).isEqualTo(1.0);
        assertThat(Metrics.auc(new double[] {0.9, 0.8, 0.2, 0.1}, up, 4)).isEqualTo(0.0);
        assertThat(Metrics.auc(new double[] {0.5, 0.5, 0.5, 0.5}, up, 4)).isEqualTo(0.5);
        // pairs (pos, neg): (0.35,0.1) win, (0.35,0.4) lose, (0.8,0.1) win, (0.8,0.4) win → 3/4
        assertThat(Metrics.auc(new double[] {0.1, 0.4, 0.35, 0.8}, up, 4)).isEqualTo(0.75);
        // one tie between classes counts 1/2: (0.4 vs 0.4) = 0.5, others win → 3.5/4
        assertThat(Metrics.auc(new double[] {0.1, 0.4, 0.4, 0.8}, up, 4)).isEqualTo(0.875);
        assertThat(Metrics.auc(new double[] {1, 2}, new boolean[] {true, true}, 2)).isNaN();
    }

    @Test
    void spearmanIsHandWorked() {
        // y ranks with a tie: [1, 2, 3.5, 5, 3.5]; dx = [-2,-1,0,1,2], dy = [-2,-1,0.5,2,0.5]
        // sxy = 8, sxx = 10, syy = 9.5 → 8 / sqrt(95)
        double rho = Metrics.spearman(new double[] {1, 2, 3, 4, 5}, new double[] {5, 6, 7, 8, 7}, 5);
        assertThat(rho).isCloseTo(8 / Math.sqrt(95), within(1e-15));
        assertThat(Metrics.ranks(new double[] {10, 30, 20, 20}, 4)).containsExactly(1, 4, 2.5, 2.5);
        assertThat(Metrics.spearman(new double[] {1, 2, 3}, new double[] {9, 4, 1}, 3)).isEqualTo(-1.0);
        assertThat(Metrics.spearman(new double[] {1, 1, 1}, new double[] {1, 2, 3}, 3)).isNaN();
    }

    @Test
    void crossSectionalAndPooledIcDiffer() {
        // 2 bars × 3 instruments. Bar 0: scores order = labels order (IC +1). Bar 1: reversed (IC -1).
        double[] scores = {1, 2, 3, 1, 2, 3};
        double[] labels = {0.1, 0.2, 0.3, 0.6, 0.5, 0.4};
        assertThat(Metrics.crossSectionalIc(scores, labels, 3, 0, 2)).isEqualTo(0.0);
        // pooled: score ranks [1.5,3.5,5.5,1.5,3.5,5.5], label ranks [1,2,3,6,5,4]
        // dx = [-2,0,2,-2,0,2], dy = [-2.5,-1.5,-0.5,2.5,1.5,0.5]: sxy = 5-1-5+1 = 0 → 0
        assertThat(Metrics.pooledIc(scores, labels, 3, 0, 2)).isCloseTo(0.0, within(1e-15));
        assertThat(Metrics.crossSectionalIc(scores, labels, 3, 0, 1)).isEqualTo(1.0);
        // labels rising through both bars: score ranks [1.5,3.5,5.5,1.5,3.5,5.5], label ranks [1..6]
        // dx = [-2,0,2,-2,0,2], dy = [-2.5,-1.5,-0.5,0.5,1.5,2.5]: sxy = 5-1-1+5 = 8, sxx = 16, syy = 17.5
        double[] l2 = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6};
        assertThat(Metrics.pooledIc(scores, l2, 3, 0, 2)).isCloseTo(8.0 / Math.sqrt(16 * 17.5), within(1e-15));
        assertThat(Metrics.crossSectionalIc(scores, l2, 3, 0, 2)).isEqualTo(1.0);
        // NaN pairs are skipped; bars with fewer than 3 pairs are skipped
        double[] withNaN = {1, Double.NaN, 3, 1, 2, 3};
        assertThat(Metrics.crossSectionalIc(withNaN, labels, 3, 0, 2)).isEqualTo(-1.0);
        assertThat(Metrics.accuracy(new double[] {0.6, 0.4, 0.7}, new boolean[] {true, true, false}, 3, 0.5))
                .isCloseTo(1.0 / 3, within(1e-15));
    }
}
