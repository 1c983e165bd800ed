package io.cloudunit.gateway.support;

import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.function.BooleanSupplier;

import org.awaitility.Awaitility;

/**
 * A large request body generated on the fly (never held in memory) and hashed as it is sent. After
 * {@code pauseAfter} bytes it stops until {@code resumeWhen} holds: the receiver must have seen bytes
 * before the sender finished, which fails if anything between them buffers the whole body.
 */
public class GeneratedBody extends InputStream {
    private final long size;
    private final long pauseAfter;
    private final BooleanSupplier resumeWhen;
    private final Random random = new Random(42);
    private final MessageDigest sha;
    private long sent;
    private boolean paused;

    public GeneratedBody(long size, long pauseAfter, BooleanSupplier resumeWhen) {
        this.size = size;
        this.pauseAfter = pauseAfter;
        this.resumeWhen = resumeWhen;
        try {
            this.sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (sent >= size) {
            return -1;
        }
        if (!paused && sent >= pauseAfter) {
            paused = true;
            Awaitility.await("the receiver got bytes while the sender was still sending")
                    .atMost(Duration.ofSeconds(30)).until(resumeWhen::getAsBoolean);
        }
        int n = (int) Math.min(length, size - sent);
        byte[] chunk = new byte[n];
        random.nextBytes(chunk);
        System.arraycopy(chunk, 0, buffer, offset, n);
        sha.update(chunk);
        sent += n;
        return n;
    }

    public String sha256() {
        return HexFormat.of().formatHex(sha.digest());
    }
}
