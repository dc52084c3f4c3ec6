package io.vectrade.onnx.trees;

import java.nio.charset.StandardCharsets;

/**
 * A forward-only reader of the protobuf wire format over one message's bytes, just enough for the
 * ONNX fields the tree fast path reads: varints, fixed 32/64-bit values and length-delimited fields
 * (strings, sub-messages, packed arrays). Malformed input throws {@link IllegalArgumentException}.
 * Not thread-safe; does not copy the bytes.
 */
final class Protobuf {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH = 2;
    static final int FIXED32 = 5;

    private final byte[] bytes;
    private int pos;
    private final int limit;
    private int tag;

    Protobuf(byte[] bytes, int from, int limit) {
        if (from < 0 || limit > bytes.length || from > limit) {
            throw new IllegalArgumentException("protobuf: bad range [" + from + ", " + limit + ") of " + bytes.length);
        }
        this.bytes = bytes;
        this.pos = from;
        this.limit = limit;
    }

    Protobuf(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    /** Advances to the next field; false at the end of the message. */
    boolean next() {
        if (pos >= limit) {
            return false;
        }
        long t = varint();
        if (t >>> 32 != 0 || (t >>> 3) == 0) {
            throw new IllegalArgumentException("protobuf: bad tag " + t + " at byte " + pos);
        }
        tag = (int) t;
        return true;
    }

    int field() {
        return tag >>> 3;
    }

    int wireType() {
        return tag & 7;
    }

    long varint() {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= limit) {
                throw new IllegalArgumentException("protobuf: truncated varint at byte " + pos);
            }
            byte b = bytes[pos++];
            v |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return v;
            }
        }
        throw new IllegalArgumentException("protobuf: varint longer than 10 bytes at byte " + pos);
    }

    int fixed32() {
        need(4);
        int v = (bytes[pos] & 0xff) | (bytes[pos + 1] & 0xff) << 8 | (bytes[pos + 2] & 0xff) << 16 | (bytes[pos + 3] & 0xff) << 24;
        pos += 4;
        return v;
    }

    long fixed64() {
        long lo = fixed32() & 0xffffffffL;
        long hi = fixed32() & 0xffffffffL;
        return lo | hi << 32;
    }

    /** The current length-delimited field as a reader over its bytes (a sub-message or a packed array). */
    Protobuf message() {
        int n = length();
        Protobuf m = new Protobuf(bytes, pos, pos + n);
        pos += n;
        return m;
    }

    /** The current length-delimited field as UTF-8 text. */
    String string() {
        int n = length();
        String s = new String(bytes, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    /** Skips the current field's value. */
    void skip() {
        switch (wireType()) {
            case VARINT -> varint();
            case FIXED64 -> {
                need(8);
                pos += 8;
            }
            case LENGTH -> {
                int n = length();   // not "pos += length()": that would read pos before length() moves it
                pos += n;
            }
            case FIXED32 -> {
                need(4);
                pos += 4;
            }
            default -> throw new IllegalArgumentException("protobuf: unsupported wire type " + wireType() + " at byte " + pos);
        }
    }

    boolean atEnd() {
        return pos >= limit;
    }

    /** The unread bytes (a copy), leaving the reader at the end. */
    byte[] rest() {
        byte[] b = java.util.Arrays.copyOfRange(bytes, pos, limit);
        pos = limit;
        return b;
    }

    private int length() {
        if (wireType() != LENGTH) {
            throw new IllegalArgumentException("protobuf: field " + field() + " is not length-delimited");
        }
        long n = varint();
        if (n < 0 || n > limit - pos) {
            throw new IllegalArgumentException("protobuf: length " + n + " past the end at byte " + pos);
        }
        return (int) n;
    }

    private void need(int n) {
        if (limit - pos < n) {
            throw new IllegalArgumentException("protobuf: truncated at byte " + pos);
        }
    }
}
