package io.vectrade.testdata;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;

/**
 * The package dependencies of compiled classes as the JDK's {@code jdeps} sees them (bytecode, so
 * fully qualified names count too), restricted to {@code io.vectrade.*}; for the layering tests.
 */
public final class PackageGraph {
    private static final Pattern EDGE = Pattern.compile("^\\s+(io\\.vectrade[\\w.]*)\\s+->\\s+(io\\.vectrade[\\w.]*)\\s");

    private PackageGraph() {
    }

    /**
     * package → the vectrade packages it uses (itself excluded).
     *
     * @param classes    a classes directory
     * @param modulePath jars for a modular directory's requires, or empty
     */
    public static Map<String, Set<String>> of(Path classes, List<Path> modulePath) {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        List<String> args = new ArrayList<>(List.of("--multi-release", "25", "-verbose:package", "-e", "io\\.vectrade\\..*"));
        if (modulePath.isEmpty()) {
            args.add("--ignore-missing-deps");
        } else {
            args.add("--module-path");
            args.add(String.join(java.io.File.pathSeparator, modulePath.stream().map(Path::toString).toList()));
        }
        args.add(classes.toString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = jdeps.run(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
        if (rc != 0) {
            throw new IllegalStateException("jdeps failed (" + rc + "): " + err + out);
        }
        Map<String, Set<String>> g = new TreeMap<>();
        for (String line : out.toString().lines().toList()) {
            Matcher m = EDGE.matcher(line);
            if (m.find() && !m.group(1).equals(m.group(2))) {
                g.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(m.group(2));
            }
        }
        return g;
    }

    /** The jars on this JVM's class path whose file names contain one of {@code names}. */
    public static List<Path> classPathJars(String... names) {
        List<Path> jars = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            String file = Path.of(e).getFileName().toString();
            for (String n : names) {
                if (file.endsWith(".jar") && file.contains(n)) {
                    jars.add(Path.of(e));
                    break;
                }
            }
        }
        return jars;
    }

    /**
     * Edges {@code from -> to} where {@code to}'s layer is not below {@code from}'s, and packages that
     * import without having a layer; targets outside {@code layers} (another module's) are allowed.
     */
    public static List<String> layerViolations(Map<String, Set<String>> graph, Map<String, Integer> layers) {
        List<String> bad = new ArrayList<>();
        for (var e : graph.entrySet()) {
            Integer from = layers.get(e.getKey());
            if (from == null) {
                bad.add(e.getKey() + " has no layer");
                continue;
            }
            for (String to : e.getValue()) {
                Integer l = layers.get(to);
                if (l != null && l >= from) {
                    bad.add(e.getKey() + " (layer " + from + ") -> " + to + " (layer " + l + ")");
                }
            }
        }
        return bad;
    }
}
