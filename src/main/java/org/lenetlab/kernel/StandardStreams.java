package org.lenetlab.kernel;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * {@code System.out} and {@code System.err} of a JVM that runs notebook cells: text goes to the {@link CellContext}
 * of the writing thread as it is written; text written outside any cell goes to the streams that were in place
 * before (the terminal, or the kernel's log). Installed once per JVM; later calls keep the installed streams.
 */
final class StandardStreams {
    private static boolean installed;

    private StandardStreams() {
    }

    /** Routes {@code System.out}/{@code System.err} through the cells, if not done already. */
    static synchronized void install() {
        if (installed) {
            return;
        }
        PrintStream out = System.out;
        PrintStream err = System.err;
        System.setOut(new PrintStream(new Routing(OutputSink.Stream.STDOUT, out), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Routing(OutputSink.Stream.STDERR, err), true, StandardCharsets.UTF_8));
        installed = true;
    }

    /** Decodes each thread's bytes (a UTF-8 sequence may be split across writes) and hands the text to its cell. */
    private static final class Routing extends OutputStream {
        private final OutputSink.Stream stream;
        private final PrintStream fallback;
        private final ThreadLocal<Decoder> decoders = ThreadLocal.withInitial(Decoder::new);

        Routing(OutputSink.Stream stream, PrintStream fallback) {
            this.stream = stream;
            this.fallback = fallback;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            CellContext cell = CellContext.current();
            if (cell == null) {
                fallback.write(b, off, len);
                return;
            }
            String text = decoders.get().decode(b, off, len);
            cell.output().write(stream, text);
        }

        @Override
        public void flush() {
            CellContext cell = CellContext.current();
            if (cell == null) {
                fallback.flush();
            }
        }
    }

    private static final class Decoder {
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        private ByteBuffer leftover = ByteBuffer.allocate(0);

        String decode(byte[] b, int off, int len) {
            ByteBuffer in;
            if (leftover.hasRemaining()) {
                in = ByteBuffer.allocate(leftover.remaining() + len);
                in.put(leftover).put(b, off, len).flip();
            } else {
                in = ByteBuffer.wrap(b, off, len);
            }
            CharBuffer out = CharBuffer.allocate(len + 4);
            decoder.decode(in, out, false);
            leftover = in.hasRemaining() ? ByteBuffer.allocate(in.remaining()).put(in).flip() : ByteBuffer.allocate(0);
            out.flip();
            return out.toString();
        }
    }
}
