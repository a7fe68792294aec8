package org.lenetlab.kernel;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * A Jupyter front end for tests, speaking the wire protocol (version 5.3) over ZeroMQ itself rather than through
 * the kernel library, so that it checks a kernel independently: it signs what it sends with HMAC-SHA256 over
 * header, parent header, metadata and content, verifies every signature it receives, and files the IOPub
 * broadcasts under the request that caused them until that request's {@code status: idle}.
 *
 * <p>Shell, control and stdin are DEALER sockets sharing one identity (so a kernel can route input requests to
 * the client that executes), IOPub is a SUB socket read by a background thread, heartbeat a REQ socket. Methods
 * are synchronized; one test thread drives the client, typically {@code send} on shell, then a control request,
 * then {@code awaitReply}.
 */
final class JupyterTestClient implements AutoCloseable {
    /** The wire protocol's delimiter between routing identities and the signed message. */
    static final String DELIMITER = "<IDS|MSG>";
    /** Protocol version put in every header. */
    static final String PROTOCOL_VERSION = "5.3";

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();
    private static final int POLL_MILLIS = 50;

    /** The request/reply channels. */
    enum Channel {
        /** Execute, complete, inspect, kernel info, ... */
        SHELL,
        /** Interrupt and shutdown: served even while shell is busy. */
        CONTROL,
        /** Replies to the kernel's input requests. */
        STDIN
    }

    /**
     * One deserialised Jupyter message.
     *
     * @param identities   ZeroMQ routing prefix (empty for what a DEALER receives)
     * @param header       msg_id, msg_type, session, ...
     * @param parentHeader the header of the request this answers, or empty
     * @param metadata     metadata
     * @param content      content
     * @param buffers      extra binary frames
     */
    record Message(List<byte[]> identities, JsonObject header, JsonObject parentHeader, JsonObject metadata,
            JsonObject content, List<byte[]> buffers) {

        /** @return {@code msg_type} */
        String type() {
            return header.get("msg_type").getAsString();
        }

        /** @return {@code msg_id} */
        String id() {
            return header.get("msg_id").getAsString();
        }

        /** @return the parent's {@code msg_id}, or {@code null} */
        String parentId() {
            JsonElement id = parentHeader.get("msg_id");
            return id == null || id.isJsonNull() ? null : id.getAsString();
        }

        /**
         * @param field a content field holding a string
         * @return its value, or {@code null} if absent
         */
        String text(String field) {
            JsonElement value = content.get(field);
            return value == null || value.isJsonNull() ? null : value.getAsString();
        }

        @Override
        public String toString() {
            return type() + " " + GSON.toJson(content);
        }
    }

    /**
     * A request, its reply, and the IOPub messages it caused, up to and including {@code status: idle}.
     *
     * @param request the request as sent
     * @param reply   the reply
     * @param iopub   broadcasts with the request as parent, in order
     */
    record Exchange(Message request, Message reply, List<Message> iopub) {

        /** @return the reply's {@code status}: ok, error or abort */
        String status() {
            return reply.text("status");
        }

        /**
         * @param type an IOPub message type, e.g. {@code stream}
         * @return the broadcasts of that type, in order
         */
        List<Message> iopub(String type) {
            return iopub.stream().filter(m -> m.type().equals(type)).toList();
        }

        /**
         * @param name {@code stdout} or {@code stderr}
         * @return everything the request printed to that stream
         */
        String stream(String name) {
            return iopub("stream").stream().filter(m -> name.equals(m.text("name")))
                    .map(m -> m.text("text")).collect(Collectors.joining());
        }

        /** @return the {@code text/plain} of the execute_result, or {@code null} if there is none */
        String resultText() {
            List<Message> results = iopub("execute_result");
            return results.isEmpty() ? null : results.get(0).content().getAsJsonObject("data").get("text/plain")
                    .getAsString();
        }

        @Override
        public String toString() {
            return "request " + request + "\nreply " + reply + "\niopub " + iopub;
        }
    }

    private final ConnectionInfo connection;
    private final String session = UUID.randomUUID().toString();
    private final ZContext context = new ZContext();
    private final Map<Channel, ZMQ.Socket> sockets = new EnumMap<>(Channel.class);
    private final Map<Channel, List<Message>> unclaimed = new EnumMap<>(Channel.class);
    private final List<Message> iopubLog = new ArrayList<>();
    private final List<String> protocolErrors = Collections.synchronizedList(new ArrayList<>());
    private final Thread iopubReader;
    private ZMQ.Socket heartbeat;
    private volatile boolean closed;

    private JupyterTestClient(ConnectionInfo connection) {
        this.connection = connection;
        byte[] identity = session.getBytes(StandardCharsets.UTF_8);
        for (Channel channel : Channel.values()) {
            ZMQ.Socket socket = context.createSocket(SocketType.DEALER);
            socket.setLinger(0);
            socket.setIdentity(identity);
            socket.setReceiveTimeOut(POLL_MILLIS);
            socket.connect(connection.endpoint(switch (channel) {
                case SHELL -> connection.shellPort();
                case CONTROL -> connection.controlPort();
                case STDIN -> connection.stdinPort();
            }));
            sockets.put(channel, socket);
            unclaimed.put(channel, new ArrayList<>());
        }
        ZMQ.Socket iopub = context.createSocket(SocketType.SUB);
        iopub.setLinger(0);
        iopub.setReceiveTimeOut(POLL_MILLIS);
        iopub.subscribe(new byte[0]);
        iopub.connect(connection.endpoint(connection.iopubPort()));
        heartbeat = newHeartbeatSocket();
        iopubReader = new Thread(() -> readIopub(iopub), "jupyter-test-client-iopub");
        iopubReader.setDaemon(true);
        iopubReader.start();
    }

    /**
     * Connects to a kernel's sockets (ZeroMQ connects lazily, so the kernel may still be starting).
     *
     * @param connection the kernel's connection file content
     * @return the client; close it
     */
    static JupyterTestClient connect(ConnectionInfo connection) {
        return new JupyterTestClient(connection);
    }

    /**
     * Waits until the kernel answers {@code kernel_info_request} on shell and its IOPub broadcasts reach this
     * client (a SUB socket misses what is published before its subscription arrives, so a request's
     * {@code status} messages are the proof that IOPub is live).
     *
     * @param timeout how long the kernel may take to start
     * @return the kernel_info exchange that got through
     * @throws TimeoutException if it does not get ready in time
     */
    synchronized Exchange waitForReady(Duration timeout) throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Message reply = null;
        Message request = null;
        while (System.nanoTime() < deadline) {
            request = send(Channel.SHELL, "kernel_info_request", new JsonObject());
            try {
                reply = awaitReply(Channel.SHELL, request.id(), remaining(deadline, Duration.ofSeconds(2)));
                List<Message> iopub = awaitIdle(request.id(), remaining(deadline, Duration.ofMillis(500)));
                return new Exchange(request, reply, iopub);
            } catch (TimeoutException notYet) {
                // the kernel is still starting, or IOPub was not yet subscribed: ask again
            }
        }
        throw new TimeoutException("kernel not ready after " + timeout + (reply == null
                ? ": no kernel_info_reply on shell " + connection.endpoint(connection.shellPort())
                : ": kernel_info_reply came but no status on IOPub " + connection.endpoint(connection.iopubPort()))
                + (protocolErrors.isEmpty() ? "" : "; invalid messages from the kernel: " + protocolErrors));
    }

    private static Duration remaining(long deadline, Duration cap) {
        long left = Math.max(1, deadline - System.nanoTime());
        return Duration.ofNanos(Math.min(left, cap.toNanos()));
    }

    /**
     * Sends a correctly signed request.
     *
     * @param channel shell, control or stdin
     * @param msgType e.g. {@code execute_request}
     * @param content the content
     * @return the message as sent (its id identifies the reply and broadcasts)
     */
    synchronized Message send(Channel channel, String msgType, JsonObject content) {
        Message message = newMessage(msgType, content);
        List<byte[]> parts = serialise(message);
        parts.add(1, sign(parts.subList(1, 5)).getBytes(StandardCharsets.US_ASCII));
        sendFrames(channel, parts);
        return message;
    }

    /**
     * Sends a request whose signature frame is {@code signature} instead of the right one, as an attacker without
     * the key would.
     *
     * @param channel   where
     * @param msgType   type
     * @param content   content
     * @param signature the signature frame to send, e.g. {@code ""} (unsigned) or a wrong digest
     * @return the message as sent
     */
    synchronized Message sendWithSignature(Channel channel, String msgType, JsonObject content, String signature) {
        Message message = newMessage(msgType, content);
        List<byte[]> parts = serialise(message);
        parts.add(1, signature.getBytes(StandardCharsets.US_ASCII));
        sendFrames(channel, parts);
        return message;
    }

    /**
     * Sends raw frames (for malformed messages).
     *
     * @param channel where
     * @param frames  the frames, delimiter included if wanted
     */
    synchronized void sendFrames(Channel channel, List<byte[]> frames) {
        ZMQ.Socket socket = sockets.get(channel);
        for (int i = 0; i < frames.size(); i++) {
            if (!socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0)) {
                throw new IllegalStateException("could not send on " + channel + ": " + socket.errno());
            }
        }
    }

    /**
     * Waits for the reply to a request on the channel it was sent on; replies to other requests are kept for
     * their own callers.
     *
     * @param channel  the channel the request went to
     * @param parentId the request's {@code msg_id}
     * @param timeout  how long to wait
     * @return the reply
     * @throws TimeoutException if none comes
     */
    synchronized Message awaitReply(Channel channel, String parentId, Duration timeout) throws TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Message> waiting = unclaimed.get(channel);
        while (true) {
            for (Iterator<Message> it = waiting.iterator(); it.hasNext();) {
                Message m = it.next();
                if (parentId.equals(m.parentId())) {
                    it.remove();
                    return m;
                }
            }
            if (System.nanoTime() >= deadline) {
                throw new TimeoutException("no reply on " + channel + " to " + parentId + " within " + timeout
                        + (protocolErrors.isEmpty() ? "" : "; dropped as invalid: " + protocolErrors));
            }
            Message m = receive(sockets.get(channel));
            if (m != null) {
                waiting.add(m);
            }
        }
    }

    /**
     * Checks that nothing arrives on a channel for a while (e.g. no reply to a forged request).
     *
     * @param channel where to listen
     * @param quiet   how long
     * @return what arrived meanwhile, normally nothing
     */
    synchronized List<Message> drain(Channel channel, Duration quiet) {
        long deadline = System.nanoTime() + quiet.toNanos();
        List<Message> got = new ArrayList<>(unclaimed.get(channel));
        unclaimed.get(channel).clear();
        while (System.nanoTime() < deadline) {
            Message m = receive(sockets.get(channel));
            if (m != null) {
                got.add(m);
            }
        }
        return got;
    }

    /**
     * Waits for a request's {@code status: idle} on IOPub.
     *
     * @param parentId the request's {@code msg_id}
     * @param timeout  how long to wait
     * @return every IOPub message with that parent, in arrival order, ending with the idle status
     * @throws TimeoutException if the kernel does not go idle in time
     */
    List<Message> awaitIdle(String parentId, Duration timeout) throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (iopubLog) {
            while (true) {
                List<Message> mine = new ArrayList<>();
                for (Message m : iopubLog) {
                    if (parentId.equals(m.parentId())) {
                        mine.add(m);
                        if (m.type().equals("status") && "idle".equals(m.text("execution_state"))) {
                            return mine;
                        }
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException("no status idle on IOPub for " + parentId + " within " + timeout
                            + "; got " + mine);
                }
                iopubLog.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /**
     * Waits until IOPub shows a message of the given type for a request (e.g. the first stream output of a
     * running cell).
     *
     * @param parentId the request's {@code msg_id}
     * @param type     the message type
     * @param timeout  how long to wait
     * @return the first such message
     * @throws TimeoutException if none comes
     */
    Message awaitIopub(String parentId, String type, Duration timeout) throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (iopubLog) {
            while (true) {
                for (Message m : iopubLog) {
                    if (parentId.equals(m.parentId()) && m.type().equals(type)) {
                        return m;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException("no " + type + " on IOPub for " + parentId + " within " + timeout);
                }
                iopubLog.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /**
     * @param parentId a request's {@code msg_id}
     * @return the IOPub messages received so far with that parent
     */
    List<Message> iopubFor(String parentId) {
        synchronized (iopubLog) {
            return iopubLog.stream().filter(m -> parentId.equals(m.parentId())).toList();
        }
    }

    /**
     * Sends a request and collects its reply and broadcasts.
     *
     * @param channel shell or control
     * @param msgType the request type
     * @param content its content
     * @param timeout for the reply and for the idle status each
     * @return the exchange
     */
    Exchange request(Channel channel, String msgType, JsonObject content, Duration timeout)
            throws TimeoutException, InterruptedException {
        Message request = send(channel, msgType, content);
        Message reply = awaitReply(channel, request.id(), timeout);
        return new Exchange(request, reply, awaitIdle(request.id(), timeout));
    }

    /**
     * Executes a cell the way a notebook does (silent false, history stored, no stdin).
     *
     * @param code    the cell
     * @param timeout for the reply and for the idle status each
     * @return the exchange
     */
    Exchange execute(String code, Duration timeout) throws TimeoutException, InterruptedException {
        return request(Channel.SHELL, "execute_request", executeContent(code), timeout);
    }

    /**
     * Executes a cell expected to fail, without {@code stop_on_error}: with it, a kernel may abort requests that
     * arrive shortly after the failure (ipykernel does, racing with the client's next request).
     *
     * @param code    the cell
     * @param timeout for the reply and for the idle status each
     * @return the exchange
     */
    Exchange executeFailing(String code, Duration timeout) throws TimeoutException, InterruptedException {
        JsonObject content = executeContent(code);
        content.addProperty("stop_on_error", false);
        return request(Channel.SHELL, "execute_request", content, timeout);
    }

    /**
     * @param code a cell
     * @return the content of an {@code execute_request} for it, with {@code stop_on_error} as a notebook sends it
     */
    static JsonObject executeContent(String code) {
        JsonObject content = new JsonObject();
        content.addProperty("code", code);
        content.addProperty("silent", false);
        content.addProperty("store_history", true);
        content.add("user_expressions", new JsonObject());
        content.addProperty("allow_stdin", false);
        content.addProperty("stop_on_error", true);
        return content;
    }

    /**
     * Sends a heartbeat and waits for its echo.
     *
     * @param timeout how long to wait
     * @return whether the kernel echoed the same bytes in time
     */
    synchronized boolean heartbeat(Duration timeout) {
        byte[] ping = UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);
        heartbeat.setReceiveTimeOut((int) timeout.toMillis());
        heartbeat.send(ping, 0);
        byte[] echo = heartbeat.recv(0);
        if (echo == null) {
            // a REQ socket that got no reply cannot send again; start over
            heartbeat.close();
            heartbeat = newHeartbeatSocket();
            return false;
        }
        return MessageDigest.isEqual(ping, echo);
    }

    /** @return descriptions of messages from the kernel whose signature did not verify (should be none) */
    List<String> protocolErrors() {
        return List.copyOf(protocolErrors);
    }

    /** @return this client's session id, sent in every header */
    String session() {
        return session;
    }

    @Override
    public void close() {
        closed = true;
        try {
            iopubReader.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        context.close();
    }

    private ZMQ.Socket newHeartbeatSocket() {
        ZMQ.Socket socket = context.createSocket(SocketType.REQ);
        socket.setLinger(0);
        socket.connect(connection.endpoint(connection.hbPort()));
        return socket;
    }

    private void readIopub(ZMQ.Socket iopub) {
        try {
            while (!closed) {
                Message m = receive(iopub);
                if (m != null) {
                    synchronized (iopubLog) {
                        iopubLog.add(m);
                        iopubLog.notifyAll();
                    }
                }
            }
        } catch (RuntimeException e) {
            if (!closed) {
                protocolErrors.add("IOPub reader stopped: " + e);
            }
        } finally {
            iopub.close();
        }
    }

    private Message newMessage(String msgType, JsonObject content) {
        JsonObject header = new JsonObject();
        header.addProperty("msg_id", UUID.randomUUID().toString());
        header.addProperty("session", session);
        header.addProperty("username", "lenetlab-test");
        header.addProperty("date", DateTimeFormatter.ISO_INSTANT.format(Instant.now()));
        header.addProperty("msg_type", msgType);
        header.addProperty("version", PROTOCOL_VERSION);
        return new Message(List.of(), header, new JsonObject(), new JsonObject(), content, List.of());
    }

    /** Delimiter, header, parent, metadata, content (the signature goes in at index 1). */
    private static List<byte[]> serialise(Message m) {
        List<byte[]> parts = new ArrayList<>();
        parts.add(DELIMITER.getBytes(StandardCharsets.US_ASCII));
        for (JsonObject json : List.of(m.header(), m.parentHeader(), m.metadata(), m.content())) {
            parts.add(GSON.toJson(json).getBytes(StandardCharsets.UTF_8));
        }
        return parts;
    }

    /**
     * @param signed header, parent header, metadata and content, as sent
     * @return the lower-case hex HMAC-SHA256 of the four frames, or "" when the key is empty (signing off)
     */
    String sign(List<byte[]> signed) {
        if (connection.key().isEmpty()) {
            return "";
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(connection.keyBytes(), "HmacSHA256"));
            for (byte[] frame : signed) {
                mac.update(frame);
            }
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    /** Reads one multipart message, or returns null after the poll interval; drops badly signed ones. */
    private Message receive(ZMQ.Socket socket) {
        byte[] first = socket.recv(0);
        if (first == null) {
            return null;
        }
        List<byte[]> frames = new ArrayList<>();
        frames.add(first);
        while (socket.hasReceiveMore()) {
            frames.add(socket.recv(0));
        }
        int delimiter = -1;
        for (int i = 0; i < frames.size(); i++) {
            if (DELIMITER.equals(new String(frames.get(i), StandardCharsets.US_ASCII))) {
                delimiter = i;
                break;
            }
        }
        if (delimiter < 0 || frames.size() < delimiter + 6) {
            protocolErrors.add("malformed message of " + frames.size() + " frames (delimiter at " + delimiter + ")");
            return null;
        }
        List<byte[]> signed = frames.subList(delimiter + 2, delimiter + 6);
        String signature = new String(frames.get(delimiter + 1), StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(sign(signed).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII))) {
            protocolErrors.add("bad signature on " + new String(signed.get(0), StandardCharsets.UTF_8));
            return null;
        }
        JsonObject[] json = new JsonObject[4];
        for (int i = 0; i < 4; i++) {
            json[i] = JsonParser.parseString(new String(signed.get(i), StandardCharsets.UTF_8)).getAsJsonObject();
        }
        return new Message(List.copyOf(frames.subList(0, delimiter)), json[0], json[1], json[2], json[3],
                List.copyOf(frames.subList(delimiter + 6, frames.size())));
    }
}
