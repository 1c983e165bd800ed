package io.cloudunit.build.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An upload over a plain socket, for what an HTTP client library hides: a body that is never finished (the
 * service must answer while the client is still sending) and a Content-Length that the bytes sent never reach. A
 * thread writes; the caller reads the answer the service sends and then closes the connection.
 */
public final class RawUpload {
    private RawUpload() {
    }

    public record Answer(int status, String contentType, String body) {
        public JsonNode json() {
            return Api.json(body);
        }
    }

    /** Announces {@code contentLength} bytes and sends only {@code sent} of them. */
    public static Answer withContentLength(String tenant, long contentLength, int sent) {
        return exchange(tenant, "Content-Length: " + contentLength, out -> out.write(new byte[sent]));
    }

    /** Sends {@code first} then {@code zeros} bytes in chunks of 64 KiB, and never the last chunk. */
    public static Answer chunkedUnfinished(String tenant, byte[] first, long zeros) {
        return exchange(tenant, "Transfer-Encoding: chunked", out -> {
            chunk(out, first);
            byte[] block = new byte[64 * 1024];
            for (long left = zeros; left > 0; left -= block.length) {
                chunk(out, left >= block.length ? block : new byte[(int) left]);
            }
        });
    }

    private interface Body {
        void write(OutputStream out) throws IOException;
    }

    private static Answer exchange(String tenant, String framing, Body body) {
        URI base = URI.create(ConfigProvider.getConfig().getValue("test.url", String.class));
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/tenants/" + tenant + "/apps/web/builds HTTP/1.1\r\n"
                    + "Host: " + base.getHost() + ":" + base.getPort() + "\r\n"
                    + "Authorization: " + Tokens.bearer("alice") + "\r\n"
                    + "Content-Type: application/java-archive\r\n"
                    + framing + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            Thread writer = new Thread(() -> {
                try {
                    body.write(out);
                    out.flush();
                } catch (IOException e) {
                    // the service closed the connection after its answer: expected
                }
            });
            writer.setDaemon(true);
            writer.start();
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void chunk(OutputStream out, byte[] data) throws IOException {
        out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(data);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** Status line and headers, then a body of Content-Length bytes or chunks. */
    private static Answer read(InputStream in) throws IOException {
        String status = line(in);
        int code = Integer.parseInt(status.split(" ")[1]);
        String contentType = "";
        long length = -1;
        boolean chunked = false;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            String name = header.substring(0, header.indexOf(':')).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(header.indexOf(':') + 1).trim();
            switch (name) {
                case "content-type" -> contentType = value;
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.equalsIgnoreCase("chunked");
                default -> {
                }
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (chunked) {
            for (int size = Integer.parseInt(line(in).trim(), 16); size > 0; size = Integer.parseInt(line(in).trim(), 16)) {
                body.write(in.readNBytes(size));
                line(in);
            }
        } else if (length >= 0) {
            body.write(in.readNBytes((int) length));
        }
        return new Answer(code, contentType, body.toString(StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
