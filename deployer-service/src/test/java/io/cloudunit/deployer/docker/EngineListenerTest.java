package io.cloudunit.deployer.docker;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real sockets: an engine that closed its listener refuses a new connection, whatever its open ones still do. */
class EngineListenerTest {

    @Test
    void aUnixSocketIsAcceptedWhileSomethingListensAndRefusedOnceItStopped(@TempDir Path dir) throws IOException {
        Path socket = dir.resolve("docker.sock");
        EngineListener engine = new EngineListener("unix://" + socket);
        assertFalse(engine.acceptsConnections(), "no socket file yet");
        try (ServerSocketChannel listening = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            listening.bind(UnixDomainSocketAddress.of(socket));
            assertTrue(engine.acceptsConnections());
        }
        assertTrue(socket.toFile().exists(), "the file stays when the listener closes");
        assertFalse(engine.acceptsConnections(), "a socket file nobody listens on");
    }

    @Test
    void aTcpEngineIsAcceptedWhileItListensAndRefusedOnceItStopped() throws IOException {
        String host;
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            host = "tcp://127.0.0.1:" + listening.getLocalPort();
            assertTrue(new EngineListener(host).acceptsConnections());
        }
        assertFalse(new EngineListener(host).acceptsConnections());
    }
}
