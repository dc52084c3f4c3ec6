package io.vectrade.bench;

/**
 * A curve recorded during a benchmark (e.g. heap used over time), for plots. Immutable.
 *
 * @param key     unique id, {@code type/workload/backend/name}
 * @param type    benchmark type id
 * @param backend backend id
 * @param name    what the curve shows, e.g. {@code heap_used}
 * @param xUnit   unit of x, e.g. {@code ms}
 * @param yUnit   unit of y, e.g. {@code bytes}
 * @param x       x values
 * @param y       y values, same length as x
 */
public record Series(String key, String type, String backend, String name, String xUnit, String yUnit,
                     double[] x, double[] y) {
    public Series {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y must have the same length, x=" + x.length + " y=" + y.length);
        }
        x = x.clone();
        y = y.clone();
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] y() {
        return y.clone();
    }
}
