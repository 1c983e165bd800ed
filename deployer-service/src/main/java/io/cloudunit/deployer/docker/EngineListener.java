package io.cloudunit.deployer.docker;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;

/**
 * Whether the engine takes a new connection. An engine that shuts down closes its listener at once, but goes on
 * serving the connections it has (the event stream, the client's pooled ones) while it stops every container, for as
 * long as the slowest takes to stop: a ping on a pooled connection still answers then, a new connection does not
 * (ADR 25, amended).
 */
final class EngineListener {
    private static final int TCP_CONNECT_TIMEOUT_MS = 1000;

    private final URI host;

    EngineListener(String dockerHost) {
        this.host = URI.create(dockerHost);
    }

    boolean acceptsConnections() {
        try {
            switch (host.getScheme()) {
                case "unix" -> connectUnix();
                case "tcp" -> connectTcp();
                default -> {
                    // no listener we can knock at (a named pipe): the ping's answer alone decides
                }
            }
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private void connectUnix() throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(host.getPath()));
        }
    }

    private void connectTcp() throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host.getHost(), host.getPort()), TCP_CONNECT_TIMEOUT_MS);
        }
    }
}
