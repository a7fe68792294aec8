package org.lenetlab.kernel;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * How an interrupted cell is stopped on Java 20 and later, where {@code Thread.stop} is gone. There, JShell's local
 * engine instruments every snippet class with a call to {@code REPL.$Cancel$.stopCheck()} at each method start and
 * backward branch. The kernel supplies that class itself: its {@code stopCheck()} calls {@link #check()}, which
 * throws only in the one thread whose cell is being stopped, so a notebook's background threads keep running.
 *
 * <p>Not for notebook code: it is public only because the instrumented snippet classes live in another package.
 */
public final class StopSignal {
    /** Binary name of the class JShell's instrumentation calls. */
    static final String CANCEL_CLASS = "REPL.$Cancel$";

    private static volatile Thread target;

    private StopSignal() {
    }

    /** Called by instrumented snippet code: stops the calling thread if its cell is being interrupted. */
    public static void check() {
        if (target == Thread.currentThread()) {
            throw new CellStoppedError();
        }
    }

    static void request(Thread thread) {
        target = thread;
    }

    static void clear(Thread thread) {
        if (target == thread) {
            target = null;
        }
    }

    /** Whether this JDK's JShell instruments snippet classes with stop checks (Java 20+). */
    static boolean jshellInstrumentsSnippets() {
        try {
            jdk.jshell.execution.LocalExecutionControl.class.getDeclaredField("allStop");
            return true;
        } catch (NoSuchFieldException e) {
            return false;
        }
    }

    /**
     * The class file of {@code public class REPL.$Cancel$ { public static void stopCheck() { StopSignal.check(); } }}:
     * written out byte by byte because the kernel is compiled for Java 17 (no class-file API) and a class in package
     * {@code REPL} cannot live in the library's source tree. It has no branch, so it needs no stack map frames.
     */
    static byte[] cancelClassBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(0xCAFEBABE);
            out.writeShort(0);  // minor version
            out.writeShort(52); // Java 8 class file
            out.writeShort(13); // constant pool count (entries 1..12)
            utf8(out, CANCEL_CLASS.replace('.', '/'));                 // #1
            classRef(out, 1);                                          // #2
            utf8(out, "java/lang/Object");                             // #3
            classRef(out, 3);                                          // #4
            utf8(out, "stopCheck");                                    // #5
            utf8(out, "()V");                                          // #6
            utf8(out, "Code");                                         // #7
            utf8(out, StopSignal.class.getName().replace('.', '/'));   // #8
            classRef(out, 8);                                          // #9
            utf8(out, "check");                                        // #10
            out.writeByte(12); out.writeShort(10); out.writeShort(6);  // #11 NameAndType check:()V
            out.writeByte(10); out.writeShort(9); out.writeShort(11);  // #12 Methodref StopSignal.check
            out.writeShort(0x0021); // public super
            out.writeShort(2);      // this class
            out.writeShort(4);      // super class
            out.writeShort(0);      // interfaces
            out.writeShort(0);      // fields
            out.writeShort(1);      // methods
            out.writeShort(0x0009); // public static
            out.writeShort(5);
            out.writeShort(6);
            out.writeShort(1);      // one attribute: Code
            out.writeShort(7);
            out.writeInt(16);       // attribute length
            out.writeShort(0);      // max stack
            out.writeShort(0);      // max locals
            out.writeInt(4);        // code length
            out.writeByte(0xB8); out.writeShort(12); // invokestatic #12
            out.writeByte(0xB1);                     // return
            out.writeShort(0);      // exception table
            out.writeShort(0);      // code attributes
            out.writeShort(0);      // class attributes
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void utf8(DataOutputStream out, String value) throws IOException {
        out.writeByte(1);
        out.writeUTF(value);
    }

    private static void classRef(DataOutputStream out, int nameIndex) throws IOException {
        out.writeByte(7);
        out.writeShort(nameIndex);
    }
}
