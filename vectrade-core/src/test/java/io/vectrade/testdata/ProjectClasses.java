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
 * Does ahead, for vectrade's classes ({@code io/vectrade/**} in the class folders or jars that hold given
 * classes), what HotSpot does on the thread that makes the first request for a C2 compile of a method
 * ({@code CompileBroker::compile_method}): it interns every string constant of the method's class
 * ({@code resolve_string_constants}) and loads the classes of the method's signature
 * ({@code load_signature_classes}). That thread is one of the component's, thousands of calls into a hot path,
 * and both allocate there once: 408 B of {@code SignalChain}'s messages around its 4,000th-9,500th call;
 * 4,184 B for loading {@code ChunkSink}, a parameter type of {@code SimdFeatureEngine.computeInto} that the
 * plain call passes as null, around its 5,600th-8,700th. A string already interned is found, not made again,
 * and a loaded class is not loaded again: after {@link #prepare} those requests allocate nothing. The strings
 * are held strongly (the JVM's string table lets an interned string nobody references be collected); the
 * classes are loaded, not initialised. Thread-safe (runs once).
 */
final class ProjectClasses {
    private static List<String> held;

    private ProjectClasses() {
    }

    /**
     * Interns the string constants of every vectrade class in the class folders and jars of {@code anchors} and
     * loads those classes (once per JVM); returns how many string constants there were.
     */
    static synchronized int prepare(Class<?>... anchors) {
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
        List<String> names = new ArrayList<>();
        try {
            for (Path root : roots) {
                if (Files.isDirectory(root)) {
                    Path top = root.resolve("io/vectrade");
                    if (Files.isDirectory(top)) {
                        try (Stream<Path> files = Files.walk(top)) {
                            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                                add(Files.readAllBytes(f), strings, names);
                            }
                        }
                    }
                } else {
                    try (JarFile jar = new JarFile(root.toFile())) {
                        for (JarEntry e : (Iterable<JarEntry>) jar.stream()::iterator) {
                            if (e.getName().startsWith("io/vectrade/") && e.getName().endsWith(".class")) {
                                try (var in = jar.getInputStream(e)) {
                                    add(in.readAllBytes(), strings, names);
                                }
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ClassLoader loader = anchors[0].getClassLoader();
        for (String name : names) {
            try {
                Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                // a class this class path cannot load is not one the component runs
            }
        }
        held = List.copyOf(strings);
        return held.size();
    }

    private static void add(byte[] classFile, List<String> strings, List<String> names) {
        var model = ClassFile.of().parse(classFile);
        if (!model.isModuleInfo()) {
            names.add(model.thisClass().asInternalName().replace('/', '.'));
        }
        for (PoolEntry p : model.constantPool()) {
            if (p instanceof StringEntry s) {
                strings.add(s.stringValue().intern());
            }
        }
    }
}
