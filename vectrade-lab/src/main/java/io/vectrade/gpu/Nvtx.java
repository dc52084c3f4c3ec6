package io.vectrade.gpu;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * NVTX ranges through java.lang.foreign ({@code libnvToolsExt.so.1}): named ranges that Nsight
 * Systems shows on its timeline when a user runs vectrade under {@code nsys profile}. Without the
 * library every call is a no-op. {@link #step(String)} closes the previous range and opens one
 * named {@code label}, so a sequence of benchmark steps becomes a sequence of ranges. Call from one
 * thread (NVTX ranges are per thread).
 */
@SuppressWarnings("restricted")
public final class Nvtx implements AutoCloseable {
    /** The library of the NVTX v2 API (CUDA toolkit, Nsight Systems). */
    public static final String LIBRARY = "libnvToolsExt.so.1";
    private final MethodHandle push;
    private final MethodHandle pop;
    private boolean open;

    private Nvtx(MethodHandle push, MethodHandle pop) {
        this.push = push;
        this.pop = pop;
    }

    /** NVTX from {@code library} (a path or a name), or a no-op when it cannot be loaded. */
    public static Nvtx open(String library) {
        try {
            SymbolLookup lib = library.contains("/") ? SymbolLookup.libraryLookup(Path.of(library), Arena.global())
                    : SymbolLookup.libraryLookup(library, Arena.global());
            Linker l = Linker.nativeLinker();
            MethodHandle push = l.downcallHandle(lib.find("nvtxRangePushA").orElseThrow(),
                    FunctionDescriptor.of(JAVA_INT, ADDRESS));
            MethodHandle pop = l.downcallHandle(lib.find("nvtxRangePop").orElseThrow(), FunctionDescriptor.of(JAVA_INT));
            return new Nvtx(push, pop);
        } catch (IllegalArgumentException | java.util.NoSuchElementException e) {
            return new Nvtx(null, null);
        }
    }

    /** The no-op. */
    public static Nvtx none() {
        return new Nvtx(null, null);
    }

    /** NVTX from the toolkit's library name. */
    public static Nvtx open() {
        return open(LIBRARY);
    }

    /** True when ranges reach a real NVTX library. */
    public boolean active() {
        return push != null;
    }

    /** Closes the open range, if any, and opens one named {@code label}. */
    public void step(String label) {
        if (push == null) {
            return;
        }
        end();
        try (Arena a = Arena.ofConfined()) {
            int depth = (int) push.invokeExact(a.allocateFrom(label));
            open = depth >= 0;
        } catch (Throwable t) {
            open = false; // a failing profiler hook never fails the benchmark
        }
    }

    /** Closes the open range, if any. */
    public void end() {
        if (push == null || !open) {
            return;
        }
        try {
            int ignored = (int) pop.invokeExact();
        } catch (Throwable t) {
            // as in step
        }
        open = false;
    }

    @Override
    public void close() {
        end();
    }
}
