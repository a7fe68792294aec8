package org.lenetlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HexFormat;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;

/**
 * The launcher's security duties: signatures are checked (a forged or unsigned request is dropped and nothing runs,
 * and the kernel keeps serving), and the sockets listen on the connection file's address only.
 */
class KernelLauncherTest {
    private static final String KEY = UUID.randomUUID().toString();
    @TempDir
    static Path dir;
    private static KernelSession session;
    private static JupyterConnection connection;
    private static KernelConnectionProperties properties;
    private static ZContext zmq;

    @BeforeAll
    static void start() throws Exception {
        int[] ports = freePorts(5);
        properties = new KernelConnectionProperties("127.0.0.1", ports[0], ports[1], ports[2], ports[3], ports[4],
                "tcp", "hmac-sha256", KEY);
        session = KernelSession.start();
        connection = KernelLauncher.connect(new LenetKernel(session, null), properties);
        zmq = new ZContext();
    }

    @AfterAll
    static void stop() {
        zmq.close();
        connection.close();
        session.close();
    }

    /** Distinct free ports: all held open at once, so the system cannot hand out one twice. */
    private static int[] freePorts(int n) throws IOException {
        ServerSocket[] sockets = new ServerSocket[n];
        int[] ports = new int[n];
        try {
            for (int i = 0; i < n; i++) {
                sockets[i] = new ServerSocket(0);
                ports[i] = sockets[i].getLocalPort();
            }
        } finally {
            for (ServerSocket s : sockets) {
                if (s != null) {
                    s.close();
                }
            }
        }
        return ports;
    }

    /** Sends a request on the shell channel, signed with {@code key} ({@code null}: unsigned). */
    private static void send(ZMQ.Socket shell, String type, String content, String key) {
        String header = "{\"msg_id\":\"" + UUID.randomUUID() + "\",\"username\":\"test\",\"session\":\"s1\","
                + "\"date\":\"2024-01-01T00:00:00.000Z\",\"msg_type\":\"" + type + "\",\"version\":\"5.3\"}";
        String signature = key == null ? "" : sign(key, header, "{}", "{}", content);
        shell.sendMore("<IDS|MSG>");
        shell.sendMore(signature);
        shell.sendMore(header);
        shell.sendMore("{}");
        shell.sendMore("{}");
        shell.send(content);
    }

    /** @return the content of the next reply, or {@code null} if none comes within {@code millis} */
    private static String receive(ZMQ.Socket shell, int millis) {
        shell.setReceiveTimeOut(millis);
        String frame = shell.recvStr();
        if (frame == null) {
            return null;
        }
        while (!frame.equals("<IDS|MSG>")) {
            frame = shell.recvStr();
        }
        for (int i = 0; i < 4; i++) {
            shell.recvStr(); // signature, header, parent header, metadata
        }
        String content = shell.recvStr();
        while (shell.hasReceiveMore()) {
            shell.recv();
        }
        return content;
    }

    private static String sign(String key, String... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            for (String p : parts) {
                mac.update(p.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void forgedAndUnsignedRequestsAreDroppedAndTheKernelKeepsServing() throws Exception {
        Path marker = dir.resolve("pwned");
        String attack = "{\"code\":\"java.nio.file.Files.createFile(java.nio.file.Path.of(\\\"" + marker
                + "\\\"));\",\"silent\":false,\"store_history\":true,\"user_expressions\":{},"
                + "\"allow_stdin\":false,\"stop_on_error\":true}";
        try (ZMQ.Socket shell = zmq.createSocket(SocketType.DEALER)) {
            shell.connect("tcp://127.0.0.1:" + properties.getShellPort());
            send(shell, "execute_request", attack, "not-the-key");
            assertNull(receive(shell, 1500), "a forged request gets no reply");
            send(shell, "execute_request", attack, null);
            assertNull(receive(shell, 1500), "an unsigned request gets no reply");
            send(shell, "kernel_info_request", "{}", KEY);
            String info = receive(shell, 30_000);
            assertNotNull(info, "a signed request after the forged ones is answered");
            assertTrue(info.contains("\"language_info\""), info);
            send(shell, "execute_request", attack.replace("createFile", "exists"), KEY);
            String ran = receive(shell, 120_000);
            assertTrue(ran.contains("\"status\":\"ok\""), ran);
        }
        assertFalse(Files.exists(marker), "the forged code must not have run");
    }

    @Test
    void socketsListenOnTheConnectionFilesAddressOnly() throws Exception {
        InetAddress other = null;
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                if (!a.isLoopbackAddress() && a instanceof java.net.Inet4Address) {
                    other = a;
                }
            }
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(other != null, "this machine has no non-loopback address");
        for (int port : new int[] {properties.getShellPort(), properties.getControlPort(), properties.getIopubPort(),
                properties.getStdinPort(), properties.getHbPort()}) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            }
            InetAddress target = other;
            assertThrows(IOException.class, () -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(target, port), 2000);
                }
            }, "port " + port + " must not be reachable on " + other);
        }
    }

    @Test
    void connectionFilesAreChecked() throws Exception {
        Path file = dir.resolve("kernel.json");
        Files.writeString(file, properties.toJsonString());
        assertEquals(properties.getShellPort(), KernelLauncher.readConnectionFile(file).getShellPort());
        Path md5 = dir.resolve("md5.json");
        Files.writeString(md5, properties.toJsonString().replace("hmac-sha256", "hmac-md5"));
        IOException e = assertThrows(IOException.class, () -> KernelLauncher.readConnectionFile(md5));
        assertTrue(e.getMessage().contains("hmac-md5"), e.getMessage());
        Path junk = dir.resolve("junk.json");
        Files.writeString(junk, "not json");
        assertThrows(IOException.class, () -> KernelLauncher.readConnectionFile(junk));
    }
}
