package io.cloudunit.gateway.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * HTTP/1.1 over a plain blocking socket, for an upload whose pace the test controls exactly: the body is
 * written from the calling thread only, so pausing it pauses nothing else.
 */
public final class RawHttp {
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "raw-http-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    public record Answer(int status, String text) {
    }

    private RawHttp() {
    }

    public static Answer post(String host, int port, String path, Map<String, String> headers, long length,
            InputStream body) throws IOException {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(60_000);
            // A stalled upload blocks in write(), which no socket timeout interrupts: close the socket instead.
            ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> close(socket), 120, TimeUnit.SECONDS);
            OutputStream out = socket.getOutputStream();
            StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
                    + "\r\nContent-Length: " + length + "\r\nConnection: close\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            body.transferTo(out);
            out.flush();
            String answer = readAll(socket.getInputStream());
            watchdog.cancel(false);
            int status = Integer.parseInt(answer.substring(answer.indexOf(' ') + 1, answer.indexOf(' ') + 4));
            return new Answer(status, answer);
        }
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closed already
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        return all.toString(StandardCharsets.UTF_8);
    }
}
