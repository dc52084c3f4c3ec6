package io.vectrade.bench;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The build of vectrade that is running: the commit its jar was built from and whether the working
 * tree had uncommitted changes then, embedded at build time (git-commit-id-maven-plugin writes
 * {@code io/vectrade/build.properties}), so it is right wherever the command runs from. Fields are
 * null when the build had no git repository. Immutable.
 *
 * @param commit     full commit id, or null
 * @param dirty      true when the tree had uncommitted changes at build time, or null when unknown
 * @param commitTime the commit's time, ISO-8601, or null
 * @param version    the Maven version, or null
 */
public record BuildInfo(String commit, Boolean dirty, String commitTime, String version) {
    static final String RESOURCE = "/io/vectrade/build.properties";
    private static final BuildInfo CURRENT = load();

    /** The running build's information (read once). */
    public static BuildInfo current() {
        return CURRENT;
    }

    /** {@code 0123456789ab (dirty)}, {@code 0123456789ab}, or {@code unknown}. */
    public String describe() {
        if (commit == null) {
            return "unknown";
        }
        String shortId = commit.length() > 12 ? commit.substring(0, 12) : commit;
        return Boolean.TRUE.equals(dirty) ? shortId + " (dirty: uncommitted changes)" : shortId;
    }

    static BuildInfo load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // an unreadable resource is an unknown build, never a failed run
        }
        return of(p);
    }

    /** From git-commit-id-maven-plugin's properties; missing or blank ones are unknown. */
    static BuildInfo of(Properties p) {
        String commit = blankToNull(p.getProperty("git.commit.id.full"));
        String dirty = blankToNull(p.getProperty("git.dirty"));
        return new BuildInfo(commit, dirty == null ? null : Boolean.valueOf(dirty),
                blankToNull(p.getProperty("git.commit.time")), blankToNull(p.getProperty("git.build.version")));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
