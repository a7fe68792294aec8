package org.lenetlab.kernel;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;

/**
 * A Jupyter connection file's content: where the kernel's five sockets listen and the key that signs messages.
 *
 * @param ip          the address every socket binds to
 * @param shellPort   requests and replies
 * @param controlPort interrupt and shutdown requests
 * @param iopubPort   broadcast output
 * @param stdinPort   input requests from the kernel
 * @param hbPort      heartbeat echo
 * @param key         HMAC key; empty disables signing
 */
record ConnectionInfo(String ip, int shellPort, int controlPort, int iopubPort, int stdinPort, int hbPort,
        String key) {

    /** The only signature scheme Jupyter uses in practice, and the only one this client speaks. */
    static final String SIGNATURE_SCHEME = "hmac-sha256";

    /**
     * Five ports that are free right now on {@code ip} and a random 256-bit key, as a front end would choose them.
     *
     * @param ip a local address, normally {@code 127.0.0.1}
     * @return the connection
     * @throws IOException if no port can be reserved
     */
    static ConnectionInfo random(String ip) throws IOException {
        Set<Integer> ports = new HashSet<>();
        InetAddress address = InetAddress.getByName(ip);
        while (ports.size() < 5) {
            try (ServerSocket probe = new ServerSocket(0, 1, address)) {
                ports.add(probe.getLocalPort());
            }
        }
        int[] p = ports.stream().mapToInt(Integer::intValue).toArray();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new ConnectionInfo(ip, p[0], p[1], p[2], p[3], p[4], HexFormat.of().formatHex(key));
    }

    /**
     * @param port one of the five ports
     * @return the ZeroMQ endpoint, {@code tcp://ip:port}
     */
    String endpoint(int port) {
        return "tcp://" + ip + ":" + port;
    }

    /** @return the key's bytes as the HMAC uses them */
    byte[] keyBytes() {
        return key.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Writes the connection file a kernel is started with.
     *
     * @param file where
     * @return {@code file}
     * @throws IOException if it cannot be written
     */
    Path write(Path file) throws IOException {
        JsonObject json = new JsonObject();
        json.addProperty("ip", ip);
        json.addProperty("transport", "tcp");
        json.addProperty("shell_port", shellPort);
        json.addProperty("control_port", controlPort);
        json.addProperty("iopub_port", iopubPort);
        json.addProperty("stdin_port", stdinPort);
        json.addProperty("hb_port", hbPort);
        json.addProperty("signature_scheme", SIGNATURE_SCHEME);
        json.addProperty("key", key);
        json.addProperty("kernel_name", "");
        Files.writeString(file, new GsonBuilder().setPrettyPrinting().create().toJson(json), StandardCharsets.UTF_8);
        return file;
    }

    /** @return the five ports */
    int[] ports() {
        return new int[] {shellPort, controlPort, iopubPort, stdinPort, hbPort};
    }
}
