package io.vectrade.cli;

/**
 * The jar's entry point ({@code java -jar vectrade.jar}): checks that the JVM was started with the
 * Vector API module before any class that needs it is loaded, and otherwise says in one line which
 * flags to add (exit code 2) instead of failing with a {@code NoClassDefFoundError}. The flags are
 * those of {@code scripts/jvm.properties}; the {@code ./vectrade} launcher passes them.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            System.err.println("vectrade: the JVM needs the Vector API module: run java " + flags()
                    + " -jar vectrade.jar ... (or ./vectrade, which adds them)");
            System.exit(VectradeCli.EXIT_USAGE);
        }
        VectradeCli.main(args);
    }

    /** The flags of scripts/jvm.properties, copied into the jar by the build. */
    static String flags() {
        java.util.Properties p = new java.util.Properties();
        try (java.io.InputStream in = Main.class.getResourceAsStream("jvm.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (java.io.IOException e) {
            // the fallback below names the one flag the check is about
        }
        return p.getProperty("vectrade.jvm.flags", "--add-modules=jdk.incubator.vector");
    }
}
