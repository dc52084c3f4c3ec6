package io.vectrade.profile;

import java.util.Locale;

/** What a profile reports: top methods, allocation and memory, or the stage timeline. */
public enum ProfileType {
    CPU, MEMORY, TIMELINE;

    public static ProfileType parse(String s) {
        try {
            return valueOf(s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown profile type, type=" + s + "; valid: cpu, memory, timeline");
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
