package io.vectrade.onnx.trees;

import io.vectrade.onnx.OnnxTestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Repeated numbers in an ONNX file may be written one field per value (what the committed models,
 * written by Python's onnx package, hold) or packed into one length-delimited field (what a writer
 * using ONNX's proto3 schema emits). The same ensemble re-encoded packed reads into the same ensemble:
 * same scores, raw bits. Also: a truncated file is Unsupported with the reason, not an exception.
 */
class PackedAttributesTest {
    @TempDir
    static Path dir;

    @Test
    void packedRepeatedFieldsReadLikeUnpackedOnes() throws Exception {
        for (String name : new String[] {"trees", "trees-unbalanced"}) {
            byte[] plain = Files.readAllBytes(OnnxTestModels.copy(name, dir).resolve("model.onnx"));
            byte[] packed = repack(plain, 0);
            assertThat(packed.length).as("packing makes the file smaller").isLessThan(plain.length);
            int f = name.equals("trees") ? 3 : 6;
            TreeEnsemble a = ((TreeEnsembleReader.Supported) TreeEnsembleReader.read(plain, "input", true, "variable", f))
                    .ensemble();
            TreeEnsembleReader.Result r = TreeEnsembleReader.read(packed, "input", true, "variable", f);
            assertThat(r).as(name).isInstanceOf(TreeEnsembleReader.Supported.class);
            TreeEnsemble b = ((TreeEnsembleReader.Supported) r).ensemble();
            assertThat(b.describe()).isEqualTo(a.describe());
            int rows = 500;
            float[] x = new float[rows * f];
            SplittableRandom rnd = new SplittableRandom(3);
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (rnd.nextGaussian() * (i % f == 0 && name.equals("trees") ? 40 : 1.5));
            }
            float[] ya = new float[rows];
            float[] yb = new float[rows];
            a.score(x, rows, 1, a.scratch(1), ya);
            b.score(x, rows, 1, b.scratch(1), yb);
            for (int k = 0; k < rows; k++) {
                assertThat(Float.floatToRawIntBits(yb[k])).isEqualTo(Float.floatToRawIntBits(ya[k]));
            }
        }
    }

    @Test
    void aTruncatedFileIsUnsupportedWithTheReason() throws Exception {
        byte[] plain = Files.readAllBytes(OnnxTestModels.copy("trees", dir).resolve("model.onnx"));
        byte[] cut = java.util.Arrays.copyOf(plain, plain.length / 2);
        TreeEnsembleReader.Result r = TreeEnsembleReader.read(cut, "input", true, "variable", 3);
        assertThat(r).isInstanceOf(TreeEnsembleReader.Unsupported.class);
        assertThat(((TreeEnsembleReader.Unsupported) r).reason()).startsWith("cannot read the graph's attributes: protobuf:");
    }

    /**
     * Re-encodes a message: ModelProto (depth 0) field 7 = GraphProto, GraphProto field 1 = NodeProto,
     * NodeProto field 5 = AttributeProto; in an AttributeProto the unpacked floats (field 7) and ints
     * (field 8) become one packed field each. Everything else is copied as it is.
     */
    static byte[] repack(byte[] message, int depth) {
        Protobuf p = new Protobuf(message);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream floats = new ByteArrayOutputStream();
        ByteArrayOutputStream ints = new ByteArrayOutputStream();
        int sub = depth == 0 ? 7 : depth == 1 ? 1 : depth == 2 ? 5 : -1;
        while (p.next()) {
            int field = p.field();
            int wire = p.wireType();
            if (depth == 3 && field == 7 && wire == Protobuf.FIXED32) {
                int bits = p.fixed32();
                for (int k = 0; k < 4; k++) {
                    floats.write(bits >>> (8 * k));
                }
            } else if (depth == 3 && field == 8 && wire == Protobuf.VARINT) {
                varint(ints, p.varint());
            } else if (field == sub && wire == Protobuf.LENGTH) {
                byte[] inner = bytes(p.message());
                lengthField(out, field, repack(inner, depth + 1));
            } else {
                varint(out, (long) field << 3 | wire);
                switch (wire) {
                    case Protobuf.VARINT -> varint(out, p.varint());
                    case Protobuf.FIXED32 -> {
                        int v = p.fixed32();
                        for (int k = 0; k < 4; k++) {
                            out.write(v >>> (8 * k));
                        }
                    }
                    case Protobuf.FIXED64 -> {
                        long v = p.fixed64();
                        for (int k = 0; k < 8; k++) {
                            out.write((int) (v >>> (8 * k)));
                        }
                    }
                    default -> {
                        byte[] b = bytes(p.message());
                        varint(out, b.length);
                        out.writeBytes(b);
                    }
                }
            }
        }
        if (floats.size() > 0) {
            lengthField(out, 7, floats.toByteArray());
        }
        if (ints.size() > 0) {
            lengthField(out, 8, ints.toByteArray());
        }
        return out.toByteArray();
    }

    private static byte[] bytes(Protobuf m) {
        return m.rest();
    }

    private static void lengthField(ByteArrayOutputStream out, int field, byte[] b) {
        varint(out, (long) field << 3 | Protobuf.LENGTH);
        varint(out, b.length);
        out.writeBytes(b);
    }

    private static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7fL) != 0) {
            out.write((int) (v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }
}
