package io.vectrade.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vectrade.io.AtomicFiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reader and writer for the safetensors format, F32 and F64 tensors.
 *
 * <pre>
 *   | u64 little-endian N | N bytes JSON header (UTF-8, may end in spaces) | data bytes ...
 *   header: { "name": {"dtype": "F32"|"F64", "shape": [d0, d1, ...], "data_offsets": [begin, end]}, ...,
 *             "__metadata__": {"key": "value", ...} }      (optional)
 *   offsets are relative to the start of the data; values are little-endian, row-major (C order)
 * </pre>
 *
 * <p>Reading checks everything that can be wrong in a file: a header length beyond the file, a header
 * that is not a JSON object, a missing or malformed dtype/shape/data_offsets, an unsupported dtype,
 * offsets out of range or not matching the shape, tensors that overlap. Each failure is a
 * {@link ModelFormatException} naming the file and the tensor. Values are returned as double (F32 is
 * widened exactly). Stateless and thread-safe.
 */
public final class SafeTensors {
    /** Name of the optional string-to-string metadata entry. */
    public static final String METADATA = "__metadata__";
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private SafeTensors() {
    }

    /** Element types this reader supports. */
    public enum DType {
        F32(4), F64(8);

        private final int bytes;

        DType(int bytes) {
            this.bytes = bytes;
        }

        /** Bytes per element. */
        public int bytes() {
            return bytes;
        }
    }

    /**
     * One tensor: shape and row-major values.
     *
     * @throws IllegalArgumentException if the number of values does not match the shape
     */
    public record Tensor(DType dtype, long[] shape, double[] data) {
        public Tensor {
            shape = shape.clone();
            long n = 1;
            for (long d : shape) {
                if (d < 0) {
                    throw new IllegalArgumentException("negative dimension, shape=" + Arrays.toString(shape));
                }
                n *= d;
            }
            if (n != data.length) {
                throw new IllegalArgumentException("data length does not match shape, length=" + data.length
                        + " shape=" + Arrays.toString(shape));
            }
        }

        /** A copy of the shape. */
        @Override
        public long[] shape() {
            return shape.clone();
        }

        /** The shape as text, e.g. {@code [64, 3]}. */
        public String shapeText() {
            return Arrays.toString(shape);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Tensor t && t.dtype == dtype && Arrays.equals(t.shape, shape)
                    && Arrays.equals(t.data, data);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(shape) * 31 + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Tensor[" + dtype + " " + shapeText() + "]";
        }
    }

    /** A file's tensors (in header order) and its metadata. */
    public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {
        public Contents {
            tensors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
            metadata = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        }
    }

    /** Largest weights file accepted (one mapped buffer). */
    public static final long MAX_FILE_BYTES = Integer.MAX_VALUE;

    /** Largest header accepted (the safetensors format's own limit is 100 MB). */
    public static final long MAX_HEADER_BYTES = 100_000_000L;

    /**
     * Reads a file by mapping it: the 8-byte length and the header are read and checked against the
     * file's size before any tensor data is touched, so a large or corrupt file costs only the pages
     * read. {@code IOException} if it cannot be read or is not a regular file,
     * {@link ModelFormatException} if it is not valid.
     */
    public static Contents read(Path file) throws IOException {
        requireRegularFile(file, MAX_FILE_BYTES, "safetensors");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size == 0) {
                return decode(ByteBuffer.allocate(0), file.toString());
            }
            return decode(ch.map(FileChannel.MapMode.READ_ONLY, 0, size), file.toString());
        }
    }

    /**
     * Refuses anything but a regular file of at most {@code maxBytes} (a FIFO would block, a device
     * never end), before opening it.
     */
    static void requireRegularFile(Path file, long maxBytes, String what) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new java.nio.file.FileSystemException(file.toString(), null, what + " is not a regular file ("
                    + (Files.isDirectory(file) ? "a directory" : "a FIFO, device or socket") + ")");
        }
        long size = Files.size(file);
        if (size > maxBytes) {
            throw new ModelFormatException(file.toString(), null, what + " file too large, size=" + size
                    + " bytes (at most " + maxBytes + ")");
        }
    }

    /**
     * Decodes a safetensors image.
     *
     * @param source the file name used in error messages
     * @throws ModelFormatException naming {@code source} and the tensor at fault
     */
    public static Contents decode(byte[] bytes, String source) {
        return decode(ByteBuffer.wrap(bytes), source);
    }

    private static Contents decode(ByteBuffer image, String source) {
        int fileSize = image.limit();
        if (fileSize < 8) {
            throw new ModelFormatException(source, null, "truncated: shorter than the 8-byte header length, size=" + fileSize);
        }
        ByteBuffer buf = image.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = buf.getLong(0);
        if (headerLength < 2 || headerLength > fileSize - 8L) {
            throw new ModelFormatException(source, null, "header length beyond end of file (truncated or corrupt), headerLength="
                    + Long.toUnsignedString(headerLength) + " fileSize=" + fileSize);
        }
        if (headerLength > MAX_HEADER_BYTES) {
            throw new ModelFormatException(source, null, "header too large, headerLength=" + headerLength
                    + " (at most " + MAX_HEADER_BYTES + ")");
        }
        int dataStart = 8 + (int) headerLength;
        long dataSize = fileSize - (long) dataStart;
        byte[] headerBytes = new byte[(int) headerLength];
        buf.get(8, headerBytes);
        JsonNode header;
        try {
            header = JSON.readTree(new String(headerBytes, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new ModelFormatException(source, null, "header is not valid json: " + clip(e.getOriginalMessage()), e);
        }
        if (header == null || !header.isObject()) {
            throw new ModelFormatException(source, null, "header is not a json object");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        record Entry(String name, DType dtype, long[] shape, long begin, long end) {
        }
        List<Entry> entries = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            JsonNode v = e.getValue();
            if (name.equals(METADATA)) {
                if (!v.isObject()) {
                    throw new ModelFormatException(source, METADATA, "must be an object of strings");
                }
                for (Map.Entry<String, JsonNode> m : v.properties()) {
                    if (!m.getValue().isTextual()) {
                        throw new ModelFormatException(source, METADATA, "value must be a string, key=" + m.getKey());
                    }
                    metadata.put(m.getKey(), m.getValue().asText());
                }
                continue;
            }
            String where = "tensor '" + clip(name) + "'";
            if (!v.isObject()) {
                throw new ModelFormatException(source, where, "entry must be an object with dtype, shape, data_offsets");
            }
            JsonNode dt = v.get("dtype");
            if (dt == null || !dt.isTextual()) {
                throw new ModelFormatException(source, where, "missing dtype");
            }
            DType dtype;
            try {
                dtype = DType.valueOf(dt.asText());
            } catch (IllegalArgumentException ex) {
                throw new ModelFormatException(source, where, "unsupported dtype, dtype=" + clip(dt.asText())
                        + "; supported: F32, F64");
            }
            JsonNode sh = v.get("shape");
            if (sh == null || !sh.isArray()) {
                throw new ModelFormatException(source, where, "missing shape");
            }
            long[] shape = new long[sh.size()];
            long count = 1;
            for (int k = 0; k < shape.length; k++) {
                JsonNode d = sh.get(k);
                if (!d.canConvertToLong() || !d.isIntegralNumber() || d.asLong() < 0) {
                    throw new ModelFormatException(source, where, "shape must hold non-negative integers, shape="
                            + clip(sh.toString()));
                }
                shape[k] = d.asLong();
                try {
                    count = Math.multiplyExact(count, shape[k]);
                } catch (ArithmeticException ex) {
                    throw new ModelFormatException(source, where, "shape too large, shape=" + clip(sh.toString()));
                }
            }
            JsonNode off = v.get("data_offsets");
            if (off == null || !off.isArray() || off.size() != 2 || !off.get(0).isIntegralNumber()
                    || !off.get(1).isIntegralNumber()) {
                throw new ModelFormatException(source, where, "data_offsets must be [begin, end]");
            }
            if (!off.get(0).canConvertToLong() || !off.get(1).canConvertToLong()) {
                // asLong() would keep the low 64 bits of an offset beyond 2^63
                throw new ModelFormatException(source, where, "data_offsets beyond the end of data, offsets="
                        + clip(off.toString()) + " dataSize=" + dataSize);
            }
            long begin = off.get(0).asLong();
            long end = off.get(1).asLong();
            if (begin < 0 || end < begin) {
                throw new ModelFormatException(source, where, "bad data_offsets, begin=" + begin + " end=" + end);
            }
            if (end > dataSize) {
                throw new ModelFormatException(source, where, "data_offsets beyond end of data (truncated file?), end="
                        + end + " dataSize=" + dataSize);
            }
            if (end - begin != count * dtype.bytes()) {
                throw new ModelFormatException(source, where, "data_offsets span " + (end - begin) + " bytes but shape "
                        + Arrays.toString(shape) + " of " + dtype + " needs " + (count * dtype.bytes()));
            }
            entries.add(new Entry(name, dtype, shape, begin, end));
        }
        List<Entry> byOffset = new ArrayList<>(entries);
        byOffset.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        for (int k = 1; k < byOffset.size(); k++) {
            Entry prev = byOffset.get(k - 1);
            Entry cur = byOffset.get(k);
            if (cur.begin() < prev.end()) {
                throw new ModelFormatException(source, "tensor '" + cur.name() + "'", "data overlaps tensor '"
                        + prev.name() + "', offsets=[" + cur.begin() + ", " + cur.end() + "] and ["
                        + prev.begin() + ", " + prev.end() + "]");
            }
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Entry e : entries) {
            int n = (int) ((e.end() - e.begin()) / e.dtype().bytes());
            double[] data = new double[n];
            int p = dataStart + (int) e.begin();
            if (e.dtype() == DType.F64) {
                for (int k = 0; k < n; k++) {
                    data[k] = buf.getDouble(p + 8 * k);
                }
            } else {
                for (int k = 0; k < n; k++) {
                    data[k] = buf.getFloat(p + 4 * k);
                }
            }
            tensors.put(e.name(), new Tensor(e.dtype(), e.shape(), data));
        }
        return new Contents(tensors, metadata);
    }

    /** {@code s} cut to 120 characters for a message. */
    static String clip(String s) {
        if (s == null) {
            return "";
        }
        return io.vectrade.io.Messages.cut(s.replace('\n', ' ').replace('\r', ' '), 120);
    }

    /**
     * Encodes tensors (each in its own dtype; F32 rounds to nearest) and metadata. Tensors are laid out in
     * map order, contiguous; the header is padded with spaces so the data starts 8-byte aligned.
     */
    public static byte[] encode(Map<String, Tensor> tensors, Map<String, String> metadata) {
        ObjectNode header = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode m = header.putObject(METADATA);
            metadata.forEach(m::put);
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            if (e.getKey().equals(METADATA)) {
                throw new IllegalArgumentException("tensor name is reserved, name=" + METADATA);
            }
            Tensor t = e.getValue();
            ObjectNode o = header.putObject(e.getKey());
            o.put("dtype", t.dtype().name());
            ArrayNode shape = o.putArray("shape");
            for (long d : t.shape()) {
                shape.add(d);
            }
            long size = (long) t.data().length * t.dtype().bytes();
            o.putArray("data_offsets").add(offset).add(offset + size);
            offset += size;
        }
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(header);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode safetensors header", e);
        }
        int padded = (json.length + 7) / 8 * 8;
        long total = 8L + padded + offset;
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("tensors too large for one file, bytes=" + total);
        }
        ByteBuffer out = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded);
        out.put(json);
        for (int k = json.length; k < padded; k++) {
            out.put((byte) ' ');
        }
        for (Tensor t : tensors.values()) {
            double[] d = t.data;
            if (t.dtype() == DType.F64) {
                for (double v : d) {
                    out.putDouble(v);
                }
            } else {
                for (double v : d) {
                    out.putFloat((float) v);
                }
            }
        }
        return out.array();
    }

    /** Encodes and writes atomically (temporary file in the same directory, then a move). */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        byte[] img = encode(tensors, metadata);
        AtomicFiles.writeBytes(file, out -> out.write(img));
    }
}
