package io.vectrade.testdata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.constantpool.PoolEntry;
import java.lang.classfile.constantpool.StringEntry;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The string constants of vectrade's classes ({@code io/vectrade/**} in the class folders or jars that hold
 * given classes), interned and held. HotSpot interns a class's string constants itself, all at once, on the
 * thread that makes the first request for a C2 compile of one of the class's methods
 * ({@code CompileBroker::compile_method}, {@code resolve_string_constants}): a few hundred bytes to a few KB
 * once per class, on a thread of the component, thousands of calls into a hot path (408 B of
 * {@code SignalChain}'s messages around its 4,000th-6,500th call). A string already interned is found, not
 * made again, so after {@link #intern} those requests allocate nothing. Held strongly: the JVM's string table
 * lets an interned string nobody references be collected. Thread-safe (runs once).
 */
final class ProjectStrings {
    private static List<String> held;

    private ProjectStrings() {
    }

    /**
     * Interns (once per JVM) the string constants of every vectrade class in the class folders and jars of
     * {@code anchors}; returns how many constants there were.
     */
    static synchronized int intern(Class<?>... anchors) {
        if (held != null) {
            return held.size();
        }
        Set<Path> roots = new LinkedHashSet<>();
        for (Class<?> c : anchors) {
            try {
                roots.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()));
            } catch (URISyntaxException e) {
                throw new IllegalStateException("class location, class=" + c.getName(), e);
            }
        }
        List<String> strings = new ArrayList<>();
        try {
            for (Path root : roots) {
                if (Files.isDirectory(root)) {
                    Path top = root.resolve("io/vectrade");
                    if (Files.isDirectory(top)) {
                        try (Stream<Path> files = Files.walk(top)) {
                            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                                add(Files.readAllBytes(f), strings);
                            }
                        }
                    }
                } else {
                    try (JarFile jar = new JarFile(root.toFile())) {
                        for (JarEntry e : (Iterable<JarEntry>) jar.stream()::iterator) {
                            if (e.getName().startsWith("io/vectrade/") && e.getName().endsWith(".class")) {
                                try (var in = jar.getInputStream(e)) {
                                    add(in.readAllBytes(), strings);
                                }
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        held = List.copyOf(strings);
        return held.size();
    }

    private static void add(byte[] classFile, List<String> strings) {
        for (PoolEntry p : ClassFile.of().parse(classFile).constantPool()) {
            if (p instanceof StringEntry s) {
                strings.add(s.stringValue().intern());
            }
        }
    }
}
