package io.vectrade.feature.stream;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes and reads the state of a streaming kernel: every instance field of the kernel and of the
 * helpers it holds (rings, windows, compensated sums: classes of this package), walked in a fixed
 * order (superclass first, then declaration order). Arrays and mutable scalars are written and
 * read back in place; final scalars (periods, sizes) are written and checked on reading, so a
 * snapshot only goes into a kernel of the same kind and shape. {@code transient} fields (scratch
 * for one tick, the {@link VectorLog}) are not state and are skipped, so a cpu snapshot restores
 * into a simd engine and back. Not for hot paths (reflection).
 */
final class StateCodec {
    private StateCodec() {
    }

    static void write(Object kernel, DataOutput out) throws IOException {
        for (Field f : fields(kernel.getClass())) {
            Object v = get(f, kernel);
            Class<?> t = f.getType();
            if (t == double[].class) {
                double[] a = (double[]) v;
                out.writeInt(a.length);
                for (double d : a) {
                    out.writeLong(Double.doubleToRawLongBits(d));
                }
            } else if (t == int[].class) {
                int[] a = (int[]) v;
                out.writeInt(a.length);
                for (int x : a) {
                    out.writeInt(x);
                }
            } else if (t == long[].class) {
                long[] a = (long[]) v;
                out.writeInt(a.length);
                for (long x : a) {
                    out.writeLong(x);
                }
            } else if (t == boolean[].class) {
                boolean[] a = (boolean[]) v;
                out.writeInt(a.length);
                for (boolean x : a) {
                    out.writeBoolean(x);
                }
            } else if (t == byte[].class) {
                byte[] a = (byte[]) v;
                out.writeInt(a.length);
                out.write(a);
            } else if (t == int.class) {
                out.writeInt((Integer) v);
            } else if (t == long.class) {
                out.writeLong((Long) v);
            } else if (t == double.class) {
                out.writeLong(Double.doubleToRawLongBits((Double) v));
            } else if (t == boolean.class) {
                out.writeBoolean((Boolean) v);
            } else if (t.isEnum()) {
                out.writeInt(((Enum<?>) v).ordinal());
            } else if (t.getPackage() == StateCodec.class.getPackage()) {
                write(v, out);
            } else {
                throw new IllegalStateException("no snapshot for field " + f);
            }
        }
    }

    static void read(Object kernel, DataInput in) throws IOException {
        for (Field f : fields(kernel.getClass())) {
            Object v = get(f, kernel);
            Class<?> t = f.getType();
            boolean fin = Modifier.isFinal(f.getModifiers());
            if (t.isArray()) {
                int len = in.readInt();
                if (len != java.lang.reflect.Array.getLength(v)) {
                    throw mismatch(f, java.lang.reflect.Array.getLength(v), len);
                }
                if (t == double[].class) {
                    double[] a = (double[]) v;
                    for (int k = 0; k < len; k++) {
                        a[k] = Double.longBitsToDouble(in.readLong());
                    }
                } else if (t == int[].class) {
                    int[] a = (int[]) v;
                    for (int k = 0; k < len; k++) {
                        a[k] = in.readInt();
                    }
                } else if (t == long[].class) {
                    long[] a = (long[]) v;
                    for (int k = 0; k < len; k++) {
                        a[k] = in.readLong();
                    }
                } else if (t == boolean[].class) {
                    boolean[] a = (boolean[]) v;
                    for (int k = 0; k < len; k++) {
                        a[k] = in.readBoolean();
                    }
                } else {
                    in.readFully((byte[]) v);
                }
            } else if (t.isPrimitive() || t.isEnum()) {
                Object read = t == int.class ? (Object) in.readInt()
                        : t == long.class ? (Object) in.readLong()
                        : t == double.class ? (Object) Double.longBitsToDouble(in.readLong())
                        : t == boolean.class ? (Object) in.readBoolean()
                        : t.getEnumConstants()[in.readInt()];
                if (fin) {
                    if (!read.equals(v)) {
                        throw mismatch(f, v, read);
                    }
                } else {
                    set(f, kernel, read);
                }
            } else {
                read(v, in);
            }
        }
    }

    private static IllegalArgumentException mismatch(Field f, Object expected, Object found) {
        return new IllegalArgumentException("snapshot does not fit this engine: " + f.getDeclaringClass().getSimpleName()
                + "." + f.getName() + "=" + expected + " in the engine, " + found + " in the snapshot");
    }

    private static List<Field> fields(Class<?> c) {
        List<Field> out = new ArrayList<>();
        if (c.getSuperclass() != null && c.getSuperclass() != Object.class) {
            out.addAll(fields(c.getSuperclass()));
        }
        for (Field f : c.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers()) && !Modifier.isTransient(f.getModifiers()) && !f.isSynthetic()) {
                f.setAccessible(true);
                out.add(f);
            }
        }
        return out;
    }

    private static Object get(Field f, Object o) {
        try {
            return f.get(o);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void set(Field f, Object o, Object v) {
        try {
            f.set(o, v);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
