package io.vectrade.parquet;

import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A local file for parquet-java read through a {@link FileChannel} at positions: a row group's
 * bytes go from the file straight into the reader's buffer in 1 MiB windows. parquet-java's
 * {@code LocalInputFile} reads a whole row group into a fresh byte array through
 * {@code RandomAccessFile} and then copies it into the buffer (two more copies and a second
 * allocation of the row group's size), which the profile of a 95 MB read showed. Not thread-safe:
 * one stream per reader.
 */
final class ChannelInputFile implements InputFile {
    private static final int WINDOW = 1 << 20;

    private final Path path;

    ChannelInputFile(Path path) {
        this.path = path;
    }

    @Override
    public long getLength() throws IOException {
        return java.nio.file.Files.size(path);
    }

    @Override
    public SeekableInputStream newStream() throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        return new SeekableInputStream() {
            private long pos;

            @Override
            public long getPos() {
                return pos;
            }

            @Override
            public void seek(long newPos) {
                pos = newPos;
            }

            @Override
            public int read() throws IOException {
                ByteBuffer one = ByteBuffer.allocate(1);
                int n = channel.read(one, pos);
                if (n <= 0) {
                    return -1;
                }
                pos++;
                return one.get(0) & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                int n = channel.read(ByteBuffer.wrap(b, off, len), pos);
                if (n > 0) {
                    pos += n;
                }
                return n;
            }

            @Override
            public void readFully(byte[] bytes) throws IOException {
                readFully(ByteBuffer.wrap(bytes));
            }

            @Override
            public void readFully(byte[] bytes, int start, int len) throws IOException {
                readFully(ByteBuffer.wrap(bytes, start, len));
            }

            @Override
            public int read(ByteBuffer buf) throws IOException {
                if (!buf.hasRemaining()) {
                    return 0;
                }
                int n = channel.read(window(buf), pos);
                if (n > 0) {
                    buf.position(buf.position() + n);
                    pos += n;
                }
                return n;
            }

            @Override
            public void readFully(ByteBuffer buf) throws IOException {
                while (buf.hasRemaining()) {
                    if (read(buf) < 0) {
                        throw new EOFException("end of " + path + " at byte " + pos + ", " + buf.remaining() + " bytes short");
                    }
                }
            }

            /** At most {@link #WINDOW} bytes of {@code buf} from its position (the JDK stages heap reads through a direct buffer of the size asked). */
            private ByteBuffer window(ByteBuffer buf) {
                return buf.remaining() <= WINDOW ? buf.duplicate() : buf.slice(buf.position(), WINDOW);
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
