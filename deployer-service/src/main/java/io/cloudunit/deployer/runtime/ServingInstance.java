package io.cloudunit.deployer.runtime;

/** An instance that answered its health check, at {@code ip:port} on its tenant network. */
public record ServingInstance(String name, int version, String ip, int port, Integer hostPort) {

    public String address() {
        return ip + ":" + port;
    }
}
