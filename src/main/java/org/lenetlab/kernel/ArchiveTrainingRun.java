package org.lenetlab.kernel;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The short kernel session whose loaded classes become the {@link ClassDataArchive}: it starts the real kernel
 * ({@code KernelLauncher}) on a private connection file in this JVM, plays a front end over ZeroMQ (kernel info,
 * a few cells of the kinds a notebook starts with, completion, inspection), asks the kernel to shut down and exits,
 * at which point the JVM ({@code -XX:ArchiveClassesAtExit}) writes the archive.
 *
 * <p>It runs from the bootstrap jar, whose class path holds only jars; the library's class directories come as
 * the argument and are loaded through a class loader of their own, as the JVM refuses to archive with class
 * directories on the class path. It uses nothing of the library directly.
 */
public final class ArchiveTrainingRun {
    private static final String DELIMITER = "<IDS|MSG>";
    private static final long STEP_TIMEOUT_MILLIS = 120_000;
    private static final List<String> CELLS = List.of(
            "1 + 1",
            "System.out.println(\"warming up\");",
            "String greeting = \"hello\";\ngreeting.length()",
            "int square(int x) {\n    return x * x;\n}",
            "square(12)",
            "new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB)",
            "int broken = \"not an int\";",
            "Integer.parseInt(\"x\")");

    private final ZMQ.Socket shell;
    private final ZMQ.Socket control;
    private final byte[] key;
    private final String session = UUID.randomUUID().toString();
    private final Gson gson = new Gson();

    private ArchiveTrainingRun(ZMQ.Socket shell, ZMQ.Socket control, byte[] key) {
        this.shell = shell;
        this.control = control;
        this.key = key;
    }

    /**
     * @param args the library's class directories, joined with the path separator (may be empty)
     * @throws Exception if the session fails; the JVM then exits non-zero and no archive is used
     */
    public static void main(String[] args) throws Exception {
        List<URL> urls = new ArrayList<>();
        if (args.length > 0) {
            for (String entry : args[0].split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    urls.add(Path.of(entry).toUri().toURL());
                }
            }
        }
        // the kernel compiles cells against java.class.path: give it the kernel's full class path
        System.setProperty("java.class.path", System.getProperty("java.class.path")
                + (args.length > 0 && !args[0].isBlank() ? File.pathSeparator + args[0] : ""));
        ClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ArchiveTrainingRun.class.getClassLoader());
        Path connectionFile = Files.createTempFile("lenetlab-cds-connection", ".json");
        try {
            int[] ports = freePorts(5);
            byte[] keyBytes = new byte[32];
            new SecureRandom().nextBytes(keyBytes);
            String key = HexFormat.of().formatHex(keyBytes);
            JsonObject connection = new JsonObject();
            connection.addProperty("ip", "127.0.0.1");
            connection.addProperty("transport", "tcp");
            connection.addProperty("shell_port", ports[0]);
            connection.addProperty("control_port", ports[1]);
            connection.addProperty("iopub_port", ports[2]);
            connection.addProperty("stdin_port", ports[3]);
            connection.addProperty("hb_port", ports[4]);
            connection.addProperty("signature_scheme", "hmac-sha256");
            connection.addProperty("key", key);
            Files.writeString(connectionFile, connection.toString(), StandardCharsets.UTF_8);

            Thread kernel = new Thread(() -> runKernel(loader, connectionFile), "kernel");
            kernel.setContextClassLoader(loader);
            kernel.setDaemon(true);
            kernel.start();
            try (ZContext context = new ZContext()) {
                ZMQ.Socket shell = dealer(context, ports[0]);
                ZMQ.Socket control = dealer(context, ports[1]);
                new ArchiveTrainingRun(shell, control, key.getBytes(StandardCharsets.UTF_8)).session();
            }
        } finally {
            Files.deleteIfExists(connectionFile);
        }
        System.exit(0); // the archive is written now, at exit
    }

    private static void runKernel(ClassLoader loader, Path connectionFile) {
        try {
            loader.loadClass(KernelSpecInstaller.LAUNCHER_CLASS).getMethod("main", String[].class)
                    .invoke(null, (Object) new String[] {connectionFile.toString()});
        } catch (InvocationTargetException e) {
            e.getCause().printStackTrace();
        } catch (ReflectiveOperationException e) {
            e.printStackTrace();
        }
    }

    private void session() throws IOException {
        long deadline = System.currentTimeMillis() + STEP_TIMEOUT_MILLIS;
        String info = send(shell, "kernel_info_request", new JsonObject());
        while (!awaitReply(shell, info, Math.min(deadline, System.currentTimeMillis() + 2_000))) {
            if (System.currentTimeMillis() > deadline) {
                throw new IOException("the kernel did not answer kernel_info within " + STEP_TIMEOUT_MILLIS + " ms");
            }
            info = send(shell, "kernel_info_request", new JsonObject());
        }
        for (String cell : CELLS) {
            JsonObject content = new JsonObject();
            content.addProperty("code", cell);
            content.addProperty("silent", false);
            content.addProperty("store_history", true);
            content.add("user_expressions", new JsonObject());
            content.addProperty("allow_stdin", false);
            content.addProperty("stop_on_error", false);
            expectReply(shell, send(shell, "execute_request", content), cell);
        }
        for (String type : List.of("complete_request", "inspect_request", "is_complete_request")) {
            JsonObject content = new JsonObject();
            content.addProperty("code", "greeting.subs");
            content.addProperty("cursor_pos", "greeting.subs".length());
            content.addProperty("detail_level", 0);
            expectReply(shell, send(shell, type, content), type);
        }
        JsonObject shutdown = new JsonObject();
        shutdown.addProperty("restart", false);
        expectReply(control, send(control, "shutdown_request", shutdown), "shutdown");
    }

    private void expectReply(ZMQ.Socket socket, String id, String what) throws IOException {
        if (!awaitReply(socket, id, System.currentTimeMillis() + STEP_TIMEOUT_MILLIS)) {
            throw new IOException("no reply from the kernel to: " + what);
        }
    }

    private String send(ZMQ.Socket socket, String type, JsonObject content) {
        JsonObject header = new JsonObject();
        String id = UUID.randomUUID().toString();
        header.addProperty("msg_id", id);
        header.addProperty("session", session);
        header.addProperty("username", "lenetlab-cds");
        header.addProperty("date", Instant.now().toString());
        header.addProperty("msg_type", type);
        header.addProperty("version", "5.3");
        byte[][] signed = {bytes(header), bytes(new JsonObject()), bytes(new JsonObject()), bytes(content)};
        socket.sendMore(DELIMITER);
        socket.sendMore(sign(signed));
        for (int i = 0; i < signed.length; i++) {
            socket.send(signed[i], i < signed.length - 1 ? ZMQ.SNDMORE : 0);
        }
        return id;
    }

    /** Reads until the reply to {@code id} arrives (true) or the deadline passes (false). */
    private boolean awaitReply(ZMQ.Socket socket, String id, long deadline) {
        while (System.currentTimeMillis() < deadline) {
            List<byte[]> frames = new ArrayList<>();
            byte[] frame = socket.recv(0);
            if (frame == null) {
                continue;
            }
            frames.add(frame);
            while (socket.hasReceiveMore()) {
                frames.add(socket.recv(0));
            }
            for (int i = 0; i + 3 < frames.size(); i++) {
                if (DELIMITER.equals(new String(frames.get(i), StandardCharsets.UTF_8))) {
                    JsonObject parent = JsonParser.parseString(new String(frames.get(i + 3), StandardCharsets.UTF_8))
                            .getAsJsonObject();
                    if (parent.has("msg_id") && id.equals(parent.get("msg_id").getAsString())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private String sign(byte[][] parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    private byte[] bytes(JsonObject json) {
        return gson.toJson(json).getBytes(StandardCharsets.UTF_8);
    }

    private static ZMQ.Socket dealer(ZContext context, int port) {
        ZMQ.Socket socket = context.createSocket(SocketType.DEALER);
        socket.setLinger(0);
        socket.setReceiveTimeOut(200);
        socket.connect("tcp://127.0.0.1:" + port);
        return socket;
    }

    private static int[] freePorts(int count) throws IOException {
        Set<Integer> ports = new LinkedHashSet<>();
        while (ports.size() < count) {
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                ports.add(probe.getLocalPort());
            }
        }
        return ports.stream().mapToInt(Integer::intValue).toArray();
    }
}
