package org.lenetlab.data;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/** A local HTTP server on 127.0.0.1 (ephemeral port) that misbehaves on purpose, for downloader tests. */
final class TestMirror implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    /** One line per request: {@code "/prefix/file Range=bytes=10-"} or {@code "/prefix/file Range=none"}. */
    final List<String> requests = Collections.synchronizedList(new ArrayList<>());

    TestMirror() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.start();
    }

    /** @return base URL of a mirror served under {@code /prefix/} */
    URI base(String prefix) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + prefix + "/");
    }

    /** Serves {@code body} for every file under {@code /prefix/}. */
    FileHandler serve(String prefix, byte[] body) {
        FileHandler handler = new FileHandler(body);
        server.createContext("/" + prefix + "/", logging(handler));
        return handler;
    }

    /** Answers every request under {@code /prefix/} with an HTTP status and no body. */
    void status(String prefix, int code) {
        server.createContext("/" + prefix + "/", logging(ex -> {
            ex.sendResponseHeaders(code, -1);
            ex.close();
        }));
    }

    /** @return the requests whose path starts with {@code /prefix/} */
    List<String> requestsTo(String prefix) {
        synchronized (requests) {
            return requests.stream().filter(r -> r.startsWith("/" + prefix + "/")).toList();
        }
    }

    private HttpHandler logging(HttpHandler inner) {
        return ex -> {
            String range = ex.getRequestHeaders().getFirst("Range");
            requests.add(ex.getRequestURI().getPath() + " Range=" + (range == null ? "none" : range));
            inner.handle(ex);
        };
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** Serves a byte array, optionally honouring Range, cutting the first responses short, or stalling. */
    static final class FileHandler implements HttpHandler {
        private final byte[] body;
        private volatile boolean honourRange = true;
        private final AtomicInteger cutsLeft = new AtomicInteger();
        private volatile int cutAfter;
        private final AtomicInteger stallsLeft = new AtomicInteger();
        private volatile long stallMillis;

        FileHandler(byte[] body) {
            this.body = body;
        }

        /** The next {@code times} responses send only {@code bytes} bytes of the body, then drop the connection. */
        FileHandler cutAfter(int bytes, int times) {
            cutAfter = bytes;
            cutsLeft.set(times);
            return this;
        }

        /** Answer Range requests with the whole file (200), as some servers do. */
        FileHandler ignoreRange() {
            honourRange = false;
            return this;
        }

        /** The next {@code times} requests wait {@code millis} before answering. */
        FileHandler stall(long millis, int times) {
            stallMillis = millis;
            stallsLeft.set(times);
            return this;
        }

        @Override
        public void handle(HttpExchange ex) throws IOException {
            if (stallsLeft.getAndDecrement() > 0) {
                try {
                    Thread.sleep(stallMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            String range = ex.getRequestHeaders().getFirst("Range");
            int start = 0;
            if (honourRange && range != null && range.startsWith("bytes=") && range.endsWith("-")) {
                start = Integer.parseInt(range.substring(6, range.length() - 1));
            }
            int length = body.length - start;
            if (start > 0) {
                ex.getResponseHeaders().add("Content-Range", "bytes " + start + "-" + (body.length - 1) + "/"
                        + body.length);
                ex.sendResponseHeaders(206, length);
            } else {
                ex.sendResponseHeaders(200, length);
            }
            OutputStream out = ex.getResponseBody();
            try {
                if (cutsLeft.getAndDecrement() > 0) {
                    out.write(body, start, Math.min(cutAfter, length));
                    out.flush();
                    // closing with bytes missing makes the server drop the connection mid-body
                } else {
                    out.write(body, start, length);
                }
                ex.close();
            } catch (IOException e) {
                ex.close();
            }
        }
    }
}
